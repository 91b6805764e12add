from .editing import register  # noqa: F401
