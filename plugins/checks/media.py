"""Decode every image to the end, as the build will (the contract reads only the headers).

A photo cut short in an upload passes a header check and would stop the build; `make check` says
so first, naming the file.
"""

from PIL import Image

from ..contract.schema import IMAGE_SUFFIXES
from ..images.plan import ImageRefused, inspect_image


def check(reporter, folders):
    for kind_folders in folders.values():
        for folder in kind_folders:
            for path in sorted(folder.iterdir()):
                if path.is_file() and not path.is_symlink() and path.name.lower().endswith(IMAGE_SUFFIXES):
                    _decode(reporter, path)


def _decode(reporter, path):
    try:
        inspect_image(path)
    except ImageRefused:
        return  # the contract reports it where the image is used
    try:
        with Image.open(path) as image:
            if image.format in {"JPEG", "MPO"}:
                image.draft("RGB", (max(1, image.width // 8), max(1, image.height // 8)))  # fast, still reads every byte
            image.load()
    except (OSError, ValueError, SyntaxError, EOFError) as error:
        reporter.error(path, None, f"this image cannot be read to the end ({error}): it may be damaged or cut short; export it again as JPEG or PNG")
