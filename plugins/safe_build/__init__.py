from .safe_build import register  # noqa: F401
