"""Benchmark of the image pipeline (plugins/images): what one phone photo costs, made and cached.

    .venv/bin/python tools/bench_images.py [--runs 3]

Makes a 4000 x 3000 JPEG with detail and EXIF (like a 12-megapixel phone photo), then times, as
medians of CPU time (the machine may be busy): reading its header for the plan (what the contract does on every build), making its six
published files from scratch, and finding them in the cache (what every later build does).
"""

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from PIL import ExifTags, Image

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from plugins.images.plan import inspect_image  # noqa: E402
from plugins.images.process import ImageStore  # noqa: E402


def phone_photo(path):
    noise = Image.effect_noise((4000, 3000), 40).convert("RGB")
    gradient = Image.linear_gradient("L").resize((4000, 3000)).convert("RGB")
    photo = Image.blend(noise, gradient, 0.6)
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif.get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitudeRef] = "N"
    photo.save(path, "JPEG", quality=88, exif=exif.tobytes())


def timed(function, runs):
    times = []
    for _ in range(runs):
        start = time.process_time()
        function()
        times.append(time.process_time() - start)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        photo = folder / "plant.jpg"
        phone_photo(photo)
        plan = inspect_image(photo)

        def make():
            ImageStore(folder / f"cache-{time.perf_counter_ns()}").prepare(plan, photo)

        store = ImageStore(folder / "cache")
        store.prepare(plan, photo)
        header = timed(lambda: inspect_image(photo), args.runs * 10)
        cold = timed(make, args.runs)
        warm = timed(lambda: store.prepare(plan, photo), args.runs * 10)
        names = ", ".join(variant.name for variant in plan.files())
        print(f"photo: 4000 x 3000 JPEG, {photo.stat().st_size / 1e6:.1f} MB; published files: {names}")
        print(f"plan from the header:   {header * 1000:7.1f} ms")
        print(f"made from scratch:      {cold * 1000:7.1f} ms  (decode, turn upright, 3 widths x WebP + JPEG)")
        print(f"found in the cache:     {warm * 1000:7.1f} ms  (SHA-256 of the file)")
        print(f"work counted: {store.made} made, {store.reused} from the cache")


if __name__ == "__main__":
    main()
