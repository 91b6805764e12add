"""Make the published files of an image, once, and keep them in a cache keyed by content.

The cache (`cache/images/` by default, outside output/ and ignored by git) holds one folder per
source image, named by the SHA-256 of its bytes and of the recipe below: an image that has not
changed is never decoded again, whatever its name, its item or the language being built. A cache
folder appears whole or not at all (written under a temporary name, then renamed), so an
interrupted build or two builds at once cannot leave half an entry. Deleting the cache is always
safe; the next build makes it again.

What is published is made from the pixels only: the EXIF orientation is applied, then nothing of
the original's metadata (EXIF, GPS, XMP, comments) is written; only an RGB colour profile is kept.
"""

import hashlib
import math
import os
import shutil
import tempfile
from pathlib import Path

from PIL import Image, ImageOps

from .plan import WIDTHS

#: Bump when the encoding below changes, so that cached files are made again.
RECIPE = "images-2 jpeg draft; webp q80/lossless m4; jpeg q82 progressive; png optimize; lanczos"
WEBP_QUALITY = 80
JPEG_QUALITY = 82


def content_key(path):
    digest = hashlib.sha256(f"{RECIPE} {WIDTHS}".encode())
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class ImageStore:
    """Makes (or finds in the cache) the files of each plan and copies them into an output folder."""

    def __init__(self, cache_dir):
        self.cache_dir = Path(cache_dir)
        self.made = 0  # images decoded and encoded by this store
        self.reused = 0  # images found in the cache

    def prepare(self, plan, source):
        """Return the cache folder holding every file of `plan`, making them if needed."""
        entry = self.cache_dir / content_key(source)
        if _complete(entry, plan):
            self.reused += 1
            return entry
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        scratch = Path(tempfile.mkdtemp(prefix=".making-", dir=self.cache_dir))
        try:
            make_files(plan, source, scratch)
            self.made += 1
            shutil.rmtree(entry, ignore_errors=True)  # an incomplete entry, e.g. a file deleted by hand
            try:
                os.replace(scratch, entry)
            except OSError:
                if not _complete(entry, plan):  # not another build that made the same entry meanwhile
                    raise
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        return entry

    def publish(self, plan, entry, target_dir):
        target_dir = Path(target_dir)
        target_dir.mkdir(parents=True, exist_ok=True)
        for variant in plan.files():
            shutil.copyfile(entry / _cache_name(variant), target_dir / variant.name)


def _complete(entry, plan):
    return all((entry / _cache_name(variant)).is_file() for variant in plan.files())


def _cache_name(variant):
    """The name inside a cache folder: by size and format, independent of the editor's file name."""
    return f"{variant.width}x{variant.height}.{variant.format}"


def _pixels(source, plan):
    """The image as displayed (orientation applied), in RGB or RGBA, with no metadata attached."""
    with Image.open(source) as image:
        image.seek(0)  # an animated GIF or WebP: the first frame
        if image.format in {"JPEG", "MPO"}:
            # Decode a JPEG at the smallest of 1/2, 1/4, 1/8 scale that is still at least the
            # largest width published (a 4000 px photo is decoded at 2000 px): several times faster.
            scale = plan.widths[-1] / plan.width
            image.draft("RGB", (math.ceil(image.width * scale), math.ceil(image.height * scale)))
        image.load()
        oriented = ImageOps.exif_transpose(image)
        icc = image.info.get("icc_profile") if image.mode in {"RGB", "RGBA", "L", "LA", "P"} else None
        mode = "RGBA" if plan.fallback == "png" and _has_transparency(oriented) else "RGB"
        pixels = oriented.convert(mode)
    pixels.info = {"icc_profile": icc} if icc else {}
    return pixels


def _has_transparency(image):
    return image.mode in {"RGBA", "LA", "PA", "RGBa", "La"} or "transparency" in image.info


def make_files(plan, source, folder):
    """Decode `source` once and write every variant of `plan` into `folder` (cache names)."""
    pixels = _pixels(source, plan)
    icc = pixels.info.get("icc_profile")
    lossless = plan.fallback == "png"
    resized = {}
    for variant in plan.files():
        size = (variant.width, variant.height)
        if size not in resized:
            resized[size] = pixels if size == pixels.size else pixels.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
        image = resized[size]
        image.info = {}  # nothing from the original travels with the pixels
        target = folder / _cache_name(variant)
        options = {"icc_profile": icc} if icc else {}
        if variant.format == "webp":
            options.update(lossless=True, quality=80, method=4) if lossless else options.update(quality=WEBP_QUALITY, method=4)
            image.save(target, "WEBP", **options)
        elif variant.format == "jpeg":
            image.convert("RGB").save(target, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True, **options)
        elif variant.format == "png":
            image.save(target, "PNG", optimize=True, **options)
        else:  # gif: the editor's own GIF name, first frame
            image.convert("RGB").convert("P", palette=Image.Palette.ADAPTIVE).save(target, "GIF")
