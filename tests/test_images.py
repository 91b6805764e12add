"""Images: responsive sizes, WebP, orientation applied, EXIF/GPS stripped, made once, cached by content."""

import re
import shutil

import pytest
from PIL import ExifTags, Image

from conftest import FIXTURE_SITE, build, soup
from plugins.images.plan import MAX_PIXELS, ImageRefused, inspect_image, plan_widths
from plugins.images.process import ImageStore

CASE = "cases/printer-voc-recovery"


def phone_photo(path, size=(2400, 1600), orientation=6):
    """A JPEG as a phone writes it: camera make, GPS position and a 'turn 90°' orientation tag."""
    image = Image.new("RGB", size, (40, 120, 90))
    for x in range(0, size[0], 3):  # some detail, so the encoders have work to do
        image.putpixel((x, x % size[1]), (250, 250, 250))
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.DateTime] = "2015:02:05 10:00:00"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (22.0, 18.0, 30.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (114.0, 10.0, 5.0)
    image.save(path, "JPEG", exif=exif.tobytes(), quality=90)
    reopened = Image.open(path).getexif()
    assert reopened.get_ifd(ExifTags.IFD.GPSInfo), "the test photo must carry GPS"
    return path


def add_body_photo(content, name="plant.jpg"):
    folder = content / CASE
    phone_photo(folder / name)
    page = folder / "en.md"
    page.write_text(page.read_text(encoding="utf-8") + f"\n![Carbon beds beside the press hall]({name})\n", encoding="utf-8")
    return folder / name


def build_with_cache(content, output, cache, *extra):
    # (Search indexing is not what these tests are about: switched off to keep them quick.)
    # One -e for all settings (a second -e replaces the first). COLUMNS: Pelican's log console
    # wraps lines at the terminal's width.
    return build(content, output, "-v", *extra, "-e", f'IMAGES={{"cache_path": "{cache}"}}', 'SEARCH={"index": false}',
                 env={"COLUMNS": "400"})


@pytest.fixture(scope="module")
def photo_site(tmp_path_factory):
    """The fixture site with a phone photo in a case report's body, built once with an empty cache."""
    root = tmp_path_factory.mktemp("photo-site")
    content = root / "content"
    shutil.copytree(FIXTURE_SITE, content)
    add_body_photo(content)
    result = build_with_cache(content, root / "output", root / "cache")
    assert result.returncode == 0, result.stderr[-2000:]
    return content, root / "output", root / "cache", result.stdout + result.stderr


def test_widths_never_upscale():
    assert plan_widths(4000) == (480, 960, 1600)
    assert plan_widths(1200) == (480, 960, 1200)
    assert plan_widths(1000) == (480, 1000)  # 960 is within 10% of the original: skipped
    assert plan_widths(300) == (300,)


@pytest.mark.slow
def test_gps_and_exif_are_stripped_and_orientation_applied(photo_site):
    _, output, _, _ = photo_site
    media = output / "media" / CASE
    published = sorted(p.name for p in media.iterdir() if p.name.startswith("plant"))
    assert published == ["plant-480.jpg", "plant-480.webp", "plant-960.jpg", "plant-960.webp", "plant.jpg", "plant.webp"]
    for name in published:
        with Image.open(media / name) as image:
            exif = image.getexif()
            assert not exif, f"{name} still has EXIF {dict(exif)}"
            assert not exif.get_ifd(ExifTags.IFD.GPSInfo)
            assert not {"exif", "xmp", "XML:com.adobe.xmp"} & set(image.info), name
            width, height = image.size
            assert height > width, f"{name} was not turned upright"
    with Image.open(media / "plant.jpg") as largest:
        assert largest.size == (1600, 2400)  # 2400 x 1600 turned upright; 1600 is the widest size
    assert b"GPS" not in (media / "plant.jpg").read_bytes()
    assert b"PhoneMaker" not in (media / "plant.webp").read_bytes()


@pytest.mark.slow
def test_picture_markup(photo_site):
    _, output, _, _ = photo_site
    for lang in ("en", "tc", "sc"):
        html = soup(output / lang / CASE)
        cover = html.select_one(".app-cover picture")
        assert cover.source["type"] == "image/webp"
        assert "cover.webp 640w" in cover.source["srcset"]
        assert cover.img["width"] == "640" and cover.img["height"] == "360"
        assert not cover.img.has_attr("loading"), "the cover is at the top: never lazy"
        assert cover.img["fetchpriority"] == "high" and not cover.img.has_attr("decoding")
        assert cover.img["alt"]
    body = soup(output / "en" / CASE)
    photo = [p for p in body.select(".app-prose picture") if "plant" in p.img["src"]][0]
    assert photo.img["loading"] == "lazy"
    assert photo.img["alt"] == "Carbon beds beside the press hall"
    assert photo.img["src"] == "/media/cases/printer-voc-recovery/plant.jpg"
    assert (photo.img["width"], photo.img["height"]) == ("1600", "2400")
    assert photo.source["srcset"].count("w,") == 2  # three widths
    assert photo.img["sizes"] and photo.source["sizes"]
    for url in re.findall(r"(/media/\S+)", photo.source["srcset"] + " " + photo.img["srcset"]):
        assert (output / url.lstrip("/")).is_file(), url


@pytest.mark.slow
def test_unchanged_image_is_not_processed_again(photo_site, tmp_path):
    content, first_output, cache, first_log = photo_site
    # cover.png and plant.jpg, each made once for the three languages
    assert re.search(r"images: 2 made, 0 unchanged", first_log), first_log[-2000:]
    second = build_with_cache(content, tmp_path / "two", cache)
    log = second.stdout + second.stderr
    assert re.search(r"images: 0 made, 2 unchanged", log), log[-2000:]
    # the same bytes either way (deterministic names and content)
    one, two = first_output / "media", tmp_path / "two/media"
    names = sorted(p.relative_to(one) for p in one.rglob("*") if p.is_file())
    assert names == sorted(p.relative_to(two) for p in two.rglob("*") if p.is_file())
    assert all((one / n).read_bytes() == (two / n).read_bytes() for n in names)


def test_store_counts_work_once_per_content(tmp_path):
    photo = phone_photo(tmp_path / "a.jpg", size=(1000, 700), orientation=1)
    shutil.copyfile(photo, tmp_path / "b.jpg")  # same bytes under another name: same cache entry
    store = ImageStore(tmp_path / "cache")
    plan = inspect_image(photo)
    store.prepare(plan, photo)
    store.prepare(inspect_image(tmp_path / "b.jpg"), tmp_path / "b.jpg")
    store.prepare(plan, photo)
    assert (store.made, store.reused) == (1, 2)
    (tmp_path / "a.jpg").write_bytes(b"")  # a changed file is a new entry
    phone_photo(photo, size=(1000, 700), orientation=3)
    store.prepare(inspect_image(photo), photo)
    assert store.made == 2


def test_png_with_transparency_keeps_png_fallback(tmp_path):
    path = tmp_path / "diagram.png"
    Image.new("RGBA", (800, 400), (0, 0, 0, 0)).save(path)
    plan = inspect_image(path)
    assert plan.fallback == "png"
    assert [v.name for v in plan.variants("png")] == ["diagram-480.png", "diagram.png"]


def test_limits_are_refused_with_a_reason(tmp_path):
    bomb = tmp_path / "bomb.png"
    Image.new("1", (8000, 6000)).save(bomb)  # 48 megapixels in a few kilobytes
    assert bomb.stat().st_size < 100_000
    with pytest.raises(ImageRefused, match="decompression bomb"):
        inspect_image(bomb)
    assert 8000 * 6000 > MAX_PIXELS
