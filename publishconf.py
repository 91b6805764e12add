"""Settings for the published site (`make publish`, the deploy workflow)."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

# The production origin. The deploy workflow sets SITEURL (GitHub Pages); the default is a
# placeholder until the programme's domain is decided.
SITEURL = os.environ.get("SITEURL", "https://cleanerproduction.example.org").rstrip("/")

# Placeholder values (example.org addresses, +852 0000 0000, "[placeholder]" text, the SITEURL above)
# stop the build, listed as path:line (plugins/placeholders), unless the maintainer says so:
# `make publish ALLOW_PLACEHOLDERS=1`.
PLACEHOLDERS_REFUSE = os.environ.get("ALLOW_PLACEHOLDERS", "").strip().lower() not in {"1", "true", "yes"}
