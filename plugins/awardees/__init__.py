from .awardees import register  # noqa: F401
