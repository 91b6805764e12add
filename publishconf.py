"""Settings for the published site (`make publish`, the deploy workflow)."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

# The production origin. The deploy workflow sets SITEURL (GitHub Pages); the default is a
# placeholder until the programme's domain is decided.
SITEURL = os.environ.get("SITEURL", "https://cleanerproduction.example.org").rstrip("/")
