from .multilingual import register, use_language  # noqa: F401
