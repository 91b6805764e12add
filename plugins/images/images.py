"""Pelican plugin: responsive, metadata-free images, made once and cached by content.

Every image an item publishes (its cover and the images of its Markdown) becomes WebP and JPEG/PNG
files at up to three widths under `/media/<kind>/<slug>/` (see plan.py for the names), shared by the
three languages. Templates write a `<picture>` with `picture(item, name, alt, lazy=...)`; Markdown
images get the same markup from the contract's body renderer.

Settings, merged over DEFAULTS: `IMAGES = {"cache_path": "cache/images"}` (relative to the folder
Pelican runs in).
"""

import logging
import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import pass_context
from markupsafe import Markup
from pelican import signals
from PIL import Image

from ..common.generator import SiteGenerator
from .plan import SIZES_BODY
from .variants import for_language
from .process import ImageStore, committed_files

logger = logging.getLogger(__name__)

DEFAULTS = {"cache_path": "cache/images"}


def image_settings(settings):
    configured = settings.get("IMAGES") or {}
    for key in sorted(set(configured) - set(DEFAULTS)):
        logger.warning("images: unknown setting IMAGES[%r] (known: %s)", key, ", ".join(DEFAULTS))
    return {**DEFAULTS, **configured}


def install(generator):
    """Give every generator's templates `picture(item, name, alt, lazy=True, sizes=..., css_class=None)`."""
    site_path = urlsplit(generator.settings["SITEURL"]).path.rstrip("/")

    @pass_context
    def picture(context, item, name, alt="", lazy=True, sizes=SIZES_BODY, css_class=None):
        # The version in the page's language (cover.tc.png), where the item has one (variants.py).
        plan = item.pictures.get(for_language(item.pictures, name, context.get("lang")))
        if plan is None:  # the contract refuses such a build; never write a broken <img>
            return Markup("")
        return Markup(plan.html(f"{site_path}/{item.media_path('')}", alt, lazy=lazy, sizes=sizes, css_class=css_class))

    generator.env.globals["picture"] = picture


def _where(path):
    path = Path(path).resolve()
    try:
        return str(path.relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


class ImagesGenerator(SiteGenerator):
    def generate_context(self):
        self.prepared = []
        super().generate_context()

    def generate_site_context(self, site):
        cache_path = image_settings(self.settings)["cache_path"]
        self.store = ImageStore(cache_path)
        problems = []
        committed = committed_files(cache_path)
        if committed:  # e.g. a pull request that added cache files with `git add -f`
            problems.append(
                f"{committed[0]}: {len(committed)} file(s) under {cache_path}/ are committed to git; the image cache "
                f"is made by the build and never taken from the repository: remove them with "
                f"`git rm -r --cached {cache_path}` and commit"
            )
        for item in site.all_items():
            for name, plan in sorted(item.pictures.items()):
                source = item.folder / name
                try:
                    entry = self.store.prepare(plan, source)
                except (OSError, ValueError, SyntaxError, EOFError, Image.DecompressionBombError) as error:
                    problems.append(
                        f"{_where(source)}: this image cannot be read to the end ({error.__class__.__name__}): "
                        "it may be damaged or cut short; export it again as JPEG or PNG"
                    )
                else:
                    self.prepared.append((plan, entry, item.media_path("")))
        logger.info("images: %d made, %d unchanged (from the cache)", self.store.made, self.store.reused)
        if problems:
            for problem in problems:
                print(problem, file=sys.stderr)
            # Printed, not logged: "CRITICAL images.py" reads as a crash, not as a photo to export again.
            print(f"{len(problems)} image(s) cannot be published, listed above: fix them, then build again; "
                  "nothing was built and the last good site is unchanged", file=sys.stderr)
            if self.settings.get("CONTRACT_EXIT_ON_ERROR", True):
                raise SystemExit(1)
            self.context.pop("site", None)  # `make serve`: nothing is written; the last good site stays

    def generate_output(self, writer):
        for plan, entry, media in self.prepared:
            try:
                self.store.publish(plan, entry, os.path.join(self.output_path, media))
            except RuntimeError as error:  # a cache file changed under the build (another process)
                print(error, file=sys.stderr)
                logger.critical("images: a cached image changed during the build; nothing was published")
                raise SystemExit(1) from None


def get_generators(pelican):
    return ImagesGenerator


def register():
    signals.generator_init.connect(install)
    signals.get_generators.connect(get_generators)
