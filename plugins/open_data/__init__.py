from .open_data import register  # noqa: F401
