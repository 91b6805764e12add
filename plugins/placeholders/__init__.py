from .placeholders import register  # noqa: F401
