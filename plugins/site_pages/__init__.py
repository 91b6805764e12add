from .site_pages import register  # noqa: F401
