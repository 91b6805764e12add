from .structured_data import register  # noqa: F401
