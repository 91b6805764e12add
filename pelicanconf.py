"""Pelican settings for local builds (`make html`, `make serve`). publishconf.py extends them."""

import os

AUTHOR = "Hong Kong Productivity Council"
SITENAME = "Cleaner Production Partnership Programme"
# Canonical and hreflang links are absolute; local builds point at the local server.
SITEURL = "http://localhost:8000"

PATH = "content"
TIMEZONE = "Asia/Hong_Kong"
DEFAULT_LANG = "en"  # always lower case (pelican issue 2855)

THEME = "theme"
THEME_STATIC_DIR = "theme"
TRANSLATIONS_DIR = "translations"

# The plugins are one package, `plugins/`, one sub-package per job, so they can share code.
PLUGIN_PATHS = [os.path.dirname(os.path.abspath(__file__))]
# Order matters: `contract` loads content/ into the shared context that the others read;
# `incremental` (make serve) comes first, so that it tidies the output before the others read it.
PLUGINS = ["plugins.parallel", "plugins.incremental", "plugins.placeholders", "plugins.multilingual", "plugins.contract", "plugins.editing", "plugins.site_pages", "plugins.listings", "plugins.evidence", "plugins.calendar", "plugins.awardees", "plugins.results", "plugins.open_data", "plugins.feeds", "plugins.structured_data", "plugins.sitemap", "plugins.search", "plugins.images", "plugins.safe_build"]

# The content is folders of meta.yaml + en.md/tc.md, read by the contract plugin, not by
# Pelican's article and page readers; switch off everything those would write.
ARTICLE_PATHS = []
PAGE_PATHS = []
STATIC_PATHS = []
DIRECT_TEMPLATES = []
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
CATEGORY_SAVE_AS = ""
TAG_SAVE_AS = ""
AUTHOR_SAVE_AS = ""

# Editors' text is data: every template is autoescaped.
JINJA_ENVIRONMENT = {
    "autoescape": True,
    "extensions": ["jinja2.ext.i18n"],
    "trim_blocks": True,
    "lstrip_blocks": True,
    # Pelican makes every environment anew for each build (`make serve` too), so a template never
    # needs checking against its file during one: 80,000 file checks fewer at 1,000 case reports.
    "auto_reload": False,
}

DELETE_OUTPUT_DIRECTORY = True
# A content error stops `make html` with exit status 1; `make serve` sets this to false so the
# server keeps running and the next save rebuilds.
CONTRACT_EXIT_ON_ERROR = True

# Main navigation: sections of the site, then the pages whose meta.yaml says `nav: true`.
# Pages (content/pages/<slug>/) that end with the call to action made from content/data/contact.yaml.
CALL_TO_ACTION_PAGES = ["funding", "contact"]
# Placeholders (example.org addresses, +852 0000 0000, "[placeholder]" text) are only warned
# about here; publishconf.py refuses them (plugins/placeholders).
PLACEHOLDERS_REFUSE = False

NAV_SECTIONS = ["cases", "technologies", "finder", "events", "search"]

# "Edit this page" and "Propose a new ..." links to the repository on GitHub (plugins/editing):
# on GitHub Actions the repository being built; elsewhere none unless set here.
REPOSITORY_URL = (f"{os.environ['GITHUB_SERVER_URL']}/{os.environ['GITHUB_REPOSITORY']}"
                  if os.environ.get("GITHUB_REPOSITORY") and os.environ.get("GITHUB_SERVER_URL") else "")
REPOSITORY_BRANCH = "main"
