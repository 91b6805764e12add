"""What an editor's image becomes on the site, decided from its header alone (no decoding).

`inspect_image(path)` checks the limits (file size, pixel count, decompression bombs) and returns an
`ImagePlan`: the responsive widths, the formats and the stable file names the images plugin will
publish under `/media/<kind>/<slug>/`, and the `<picture>` markup that points at them. The contract
loader uses it while reading Markdown (so body HTML and `make check` agree with the build), the
images plugin to make the files.

Published files for `plant.jpg` (4000 x 3000, phone photo):

    plant-480.webp  plant-960.webp  plant.webp     (WebP, the `<source>`)
    plant-480.jpg   plant-960.jpg   plant.jpg      (the fallback in the `<img>`, JPEG or PNG)

The largest is never wider than 1600 px and never wider than the original (no upscaling). Files are
published by content, not by extension: a PNG saved as `.jpg` becomes `.png` files, a HEIC/HEIF
photo becomes WebP and JPEG. A file name that is not plain ASCII letters, digits, `-` and `_`
(`工廠 照片.jpg`: spaces and commas would break `srcset`) is published under a safe derived name,
its stem in ASCII plus a short hash of its content (`gong-chang-zhao-pian-3f2a9c1b.jpg`); an
upper-case extension is published in lower case (`IMG_2041.JPG` -> `IMG_2041.jpg`).
`plan.published_name` is the largest file in the image's own format, which
`item.media_path("工廠 照片.jpg")` points at (for Open Graph, feeds and open data).
"""

import hashlib
import os
import re
import warnings
from dataclasses import dataclass
from html import escape
from pathlib import Path

from PIL import Image, UnidentifiedImageError
from pillow_heif import register_heif_opener
from unidecode import unidecode

register_heif_opener()  # phone photos (.heic/.heif) open like any other image

#: Widths of the responsive sizes, in CSS pixels at 1x.
WIDTHS = (480, 960, 1600)
#: A width is skipped when it is within 10% of the original (480 next to a 500 px original).
NEAR = 0.9
#: Refused above these: a phone photo is 12 to 48 megapixels and 2 to 10 MB; export smaller.
MAX_PIXELS = 40_000_000
MAX_BYTES = 20 * 1024 * 1024
#: How the image is laid out: the article column is at most 46rem wide.
SIZES_BODY = "(min-width: 50rem) 46rem, calc(100vw - 2rem)"
ORIENTATION = 0x0112
#: EXIF orientations that turn the picture a quarter (width and height swap).
QUARTER_TURNS = {5, 6, 7, 8}
MIME = {"webp": "image/webp", "jpeg": "image/jpeg", "png": "image/png"}
EXTENSION = {"webp": ".webp", "jpeg": ".jpg", "png": ".png", "gif": ".gif"}
#: An editor's extension kept as written when it is lower case and tells the truth about the content.
OWN_SUFFIXES = {"jpeg": (".jpg", ".jpeg"), "png": (".png",), "webp": (".webp",), "gif": (".gif",)}
#: Formats an editor may give; HEIF is converted, never published as such.
READABLE_FORMATS = {"JPEG", "MPO", "PNG", "WEBP", "GIF", "HEIF"}
#: A stem published as written: nothing that a URL, `srcset` (split on spaces and commas) or a file system mangles.
#: Inner dots are safe and keep language variants readable (`cover.tc.png` publishes as `cover.tc-480.webp`).
SAFE_STEM = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*")


class ImageRefused(Exception):
    """The image cannot be published; the message tells an editor what to do."""


@dataclass(frozen=True)
class Variant:
    """One published file."""

    name: str  # file name in /media/<kind>/<slug>/
    format: str  # webp | jpeg | png | gif (gif only for the editor's own file name)
    width: int
    height: int


@dataclass(frozen=True)
class ImagePlan:
    name: str  # the editor's file name, e.g. plant.jpg
    width: int  # as displayed: EXIF orientation applied, before any resizing
    height: int
    source_format: str  # Pillow's name: JPEG, MPO, PNG, WEBP, GIF
    fallback: str  # jpeg | png
    widths: tuple  # ascending, the last one is the largest published width
    published_stem: str = ""  # the stem of every published file; "" for the editor's own stem

    @property
    def stem(self):
        return self.published_stem or Path(self.name).stem

    @property
    def published_name(self):
        """The largest published file in the image's own format (its fallback for a HEIF)."""
        own = _own_format(self.source_format)
        if own == "gif":
            return self.stem + self._extension("gif")
        return self._file_name(self.widths[-1], own if own in {"webp", self.fallback} else self.fallback)

    def size_at(self, width):
        return width, max(1, round(self.height * width / self.width))

    def _extension(self, fmt):
        suffix = Path(self.name).suffix
        if fmt == _own_format(self.source_format) and suffix in OWN_SUFFIXES[fmt]:
            return suffix
        return EXTENSION[fmt]

    def _file_name(self, width, fmt):
        if width == self.widths[-1]:
            return self.stem + self._extension(fmt)
        return f"{self.stem}-{width}{self._extension(fmt)}"

    def variants(self, fmt):
        return [Variant(self._file_name(w, fmt), fmt, *self.size_at(w)) for w in self.widths]

    def files(self):
        """Every file to publish: WebP and fallback at each width, and a GIF's own format, largest size."""
        files = self.variants("webp") + self.variants(self.fallback)
        if _own_format(self.source_format) == "gif":
            files.append(Variant(self.published_name, "gif", *self.size_at(self.widths[-1])))
        return files

    def srcset(self, fmt, base_url):
        return ", ".join(f"{base_url}{v.name} {v.width}w" for v in self.variants(fmt))

    def picture_parts(self, base_url):
        """([(mime type, srcset)] for <source>, {attributes} for <img>) under `base_url`."""
        largest = self.variants(self.fallback)[-1]
        sources = [(MIME["webp"], self.srcset("webp", base_url))]
        img = {
            "src": base_url + largest.name,
            "srcset": self.srcset(self.fallback, base_url),
            "width": str(largest.width),
            "height": str(largest.height),
        }
        return sources, img

    def html(self, base_url, alt, lazy=True, sizes=SIZES_BODY, css_class=None):
        """The `<picture>` element (a string of safe HTML)."""
        sources, img = self.picture_parts(base_url)
        attributes = dict(img, alt=alt or "", sizes=sizes)
        if lazy:  # below the fold: fetched when the reader scrolls near it
            attributes.update(loading="lazy", decoding="async")
        else:  # at the top (a cover): fetched first and painted with the page
            attributes["fetchpriority"] = "high"
        opening = f'<picture class="{escape(css_class)}">' if css_class else "<picture>"
        parts = [opening]
        for mime, srcset in sources:
            parts.append(f'<source type="{mime}" srcset="{escape(srcset)}" sizes="{escape(sizes)}">')
        parts.append("<img " + " ".join(f'{key}="{escape(value)}"' for key, value in attributes.items()) + ">")
        parts.append("</picture>")
        return "".join(parts)


def _own_format(source_format):
    return {"JPEG": "jpeg", "MPO": "jpeg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}.get(source_format)


def published_stem(path):
    """'' when the file's own stem is safe to publish, else its ASCII slug plus a hash of its bytes."""
    stem = Path(path).stem
    if SAFE_STEM.fullmatch(stem):
        return ""
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    slug = re.sub(r"[^a-z0-9]+", "-", unidecode(stem).lower()).strip("-")[:60].strip("-")
    return f"{slug or 'image'}-{digest.hexdigest()[:8]}"


def _has_alpha(image):
    return image.mode in {"RGBA", "LA", "PA", "RGBa", "La"} or "transparency" in image.info


def plan_widths(width):
    widths = [w for w in WIDTHS if w < width * NEAR]
    widths.append(min(width, WIDTHS[-1]))
    return tuple(sorted(set(widths)))


def _megapixels(pixels):
    return f"{pixels / 1_000_000:.1f} megapixels"


def inspect_image(path):
    """Return the ImagePlan of the image at `path`, or raise ImageRefused with the reason."""
    path = Path(path)
    size = os.path.getsize(path)
    if size > MAX_BYTES:
        raise ImageRefused(
            f"this image is {size / 1024 / 1024:.1f} MB; the limit is {MAX_BYTES // 1024 // 1024} MB: "
            "export it smaller (2000 px wide is plenty) and replace the file"
        )
    try:
        with warnings.catch_warnings():
            # Pillow warns between 89 and 179 megapixels; the limit below refuses those anyway.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(path)
        with image:
            width, height = image.size
            pixels = width * height
            if pixels > MAX_PIXELS:
                claim = (
                    f"{width} × {height} pixels ({_megapixels(pixels)}) in a {_human_bytes(size)} file; "
                    f"the limit is {_megapixels(MAX_PIXELS)}: export it smaller"
                )
                if size < pixels / 100:  # under 0.08 bit a pixel: a "decompression bomb"
                    raise ImageRefused(f"refused as a decompression bomb: it claims {claim}")
                raise ImageRefused(f"this image is too large: it claims {claim}")
            if image.format not in READABLE_FORMATS:
                raise ImageRefused(f"this is a {image.format} image; save it as JPEG, PNG or HEIC")
            # (Only JPEG and WebP carry a camera orientation; reading a PNG's would decode it.)
            orientation = image.getexif().get(ORIENTATION, 1) if image.format in {"JPEG", "MPO", "WEBP"} else 1
            if orientation in QUARTER_TURNS:
                width, height = height, width
            fallback = "png" if image.format in {"PNG", "GIF"} or _has_alpha(image) else "jpeg"
            source_format = image.format
            image.verify()  # structure and checksums, without decoding the pixels
    except ImageRefused:
        raise
    except Image.DecompressionBombError:
        raise ImageRefused(
            f"refused as a decompression bomb: its header claims more than {_megapixels(2 * Image.MAX_IMAGE_PIXELS)}; "
            "export it again as an ordinary JPEG or PNG"
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as error:
        raise ImageRefused(
            f"this image cannot be read ({error.__class__.__name__}): it may be damaged or not really "
            "an image; export it again as JPEG or PNG"
        ) from None
    return ImagePlan(path.name, width, height, source_format, fallback, plan_widths(width), published_stem(path))


def _human_bytes(size):
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / 1024 / 1024:.1f} MB"
