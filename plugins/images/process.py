"""Make the published files of an image, once, and keep them in a cache keyed by content.

The cache (`cache/images/` by default, outside output/ and ignored by git) holds one folder per
source image, named by the SHA-256 of its bytes and of the recipe below: an image that has not
changed is never decoded again, whatever its name, its item or the language being built. A cache
folder appears whole or not at all (written under a temporary name, then renamed), so an
interrupted build or two builds at once cannot leave half an entry. Deleting the cache is always
safe; the next build makes it again.

Nothing is taken from the cache on trust (a pull request could commit a folder under `cache/`, a
CI cache could carry files from elsewhere): each folder holds a manifest binding the source's
SHA-256, the recipe and the SHA-256 of every file made from it, sealed with an HMAC whose key is
made on this machine (`.key` beside the folders, never committed). A folder is used only when the
manifest's seal, the source digest and every file's digest match; anything else is a miss: the
files are made again from the source and a warning says so. The build also refuses files under
the cache folder that are tracked by git (see `committed_files`).

What is published is made from the pixels only: the EXIF orientation is applied, then nothing of
the original's metadata (EXIF, GPS, XMP, comments) is written; only an RGB colour profile is kept.
"""

import hashlib
import hmac
import json
import logging
import math
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from PIL import Image, ImageOps

from .plan import WIDTHS

logger = logging.getLogger(__name__)

#: Bump when the encoding below changes, so that cached files are made again.
RECIPE = "images-2 jpeg draft; webp q80/lossless m4; jpeg q82 progressive; png optimize; lanczos"
WEBP_QUALITY = 80
JPEG_QUALITY = 82


MANIFEST = "manifest.json"
KEY_FILE = ".key"


def source_digest(path):
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def content_key(path, digest=None):
    """The cache folder's name: the recipe and the source's bytes."""
    return hashlib.sha256(f"{RECIPE} {WIDTHS} {digest or source_digest(path)}".encode()).hexdigest()


def _sha256(data):
    return hashlib.sha256(data).hexdigest()


def committed_files(cache_dir):
    """Files under `cache_dir` that git tracks (a cache committed with `git add -f`); [] outside
    a repository or without git."""
    cache_dir = Path(cache_dir).resolve()
    probe = cache_dir if cache_dir.is_dir() else cache_dir.parent
    while not probe.is_dir():
        probe = probe.parent
    try:
        listed = subprocess.run(
            ["git", "-C", str(probe), "ls-files", "-z", "--full-name", "--", str(cache_dir)],
            capture_output=True, text=True, check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return []
    return [name for name in listed.split("\0") if name]


class ImageStore:
    """Makes (or finds in the cache) the files of each plan and copies them into an output folder."""

    def __init__(self, cache_dir):
        self.cache_dir = Path(cache_dir)
        self.made = 0  # images decoded and encoded by this store
        self.reused = 0  # images found in the cache (and verified)
        self.rejected = []  # cache folders that did not match their source, made again
        self._key = None
        self._digests = {}  # cache folder -> {file name: SHA-256}, as verified

    def _secret(self):
        """This machine's key for sealing manifests, made on first use (never committed)."""
        if self._key is None:
            path = self.cache_dir / KEY_FILE
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            if not path.is_file():
                fresh = self.cache_dir / f".key-{os.getpid()}"
                fresh.write_bytes(os.urandom(32))
                try:
                    os.link(fresh, path)  # atomic: two builds at once agree on one key
                except FileExistsError:
                    pass
                finally:
                    fresh.unlink()
            self._key = path.read_bytes()
        return self._key

    def _seal(self, record):
        payload = json.dumps(record, sort_keys=True).encode()
        return hmac.new(self._secret(), payload, hashlib.sha256).hexdigest()

    def _verified(self, entry, plan, digest):
        """{file name: SHA-256} when `entry` is a true, complete product of the source with
        `digest` under this recipe; None otherwise."""
        try:
            manifest = json.loads((entry / MANIFEST).read_text(encoding="utf-8"))
            seal = manifest.pop("seal")
            record = {"recipe": RECIPE, "widths": list(WIDTHS), "source_sha256": digest, "files": manifest["files"]}
            if manifest != record or not hmac.compare_digest(seal, self._seal(record)):
                return None
            files = manifest["files"]
            for variant in plan.files():
                name = _cache_name(variant)
                if files.get(name) != _sha256((entry / name).read_bytes()):
                    return None
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None
        return files

    def prepare(self, plan, source):
        """Return the cache folder holding every file of `plan`, verified against `source`,
        making them if needed."""
        digest = source_digest(source)
        entry = self.cache_dir / content_key(source, digest)
        files = self._verified(entry, plan, digest)
        if files is not None:
            self.reused += 1
            self._digests[entry] = files
            return entry
        if entry.exists():
            self.rejected.append(entry)
            logger.warning("images: the cached files of %s in %s do not match it; made again from the source", source, entry)
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        scratch = Path(tempfile.mkdtemp(prefix=".making-", dir=self.cache_dir))
        try:
            make_files(plan, source, scratch)
            files = {path.name: _sha256(path.read_bytes()) for path in sorted(scratch.iterdir())}
            record = {"recipe": RECIPE, "widths": list(WIDTHS), "source_sha256": digest, "files": files}
            (scratch / MANIFEST).write_text(json.dumps({**record, "seal": self._seal(record)}, sort_keys=True), encoding="utf-8")
            self.made += 1
            shutil.rmtree(entry, ignore_errors=True)  # a folder that failed the checks above
            try:
                os.replace(scratch, entry)
            except OSError:
                if self._verified(entry, plan, digest) is None:  # not another build that made it meanwhile
                    raise
                files = self._verified(entry, plan, digest)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        self._digests[entry] = files
        return entry

    def publish(self, plan, entry, target_dir):
        """Copy the files of `plan` from `entry`, each checked again against its verified digest."""
        target_dir = Path(target_dir)
        target_dir.mkdir(parents=True, exist_ok=True)
        digests = self._digests[entry]
        for variant in plan.files():
            data = (entry / _cache_name(variant)).read_bytes()
            if _sha256(data) != digests[_cache_name(variant)]:
                raise RuntimeError(f"{entry / _cache_name(variant)}: changed while the site was being built; build again")
            (target_dir / variant.name).write_bytes(data)


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
