from .listings import register  # noqa: F401
