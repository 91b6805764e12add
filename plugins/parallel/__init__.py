from .parallel import register  # noqa: F401
