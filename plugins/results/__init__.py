from .results import register  # noqa: F401
