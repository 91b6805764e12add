from .evidence import register  # noqa: F401
