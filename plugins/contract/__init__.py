from .contract import register  # noqa: F401
