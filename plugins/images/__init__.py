from .images import register  # noqa: F401
