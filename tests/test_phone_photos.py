"""Photos as they come from a phone: upper-case extensions, any file name, HEIC, a PNG named .jpg.

Every image is made at test time (a HEIC through pillow-heif); none is committed.
"""

import re
import shutil
from urllib.parse import unquote

import pytest
from PIL import Image
from pillow_heif import register_heif_opener

from conftest import FIXTURE_SITE, soup
from plugins.images.plan import SAFE_STEM, inspect_image
from test_images import build_with_cache, phone_photo

register_heif_opener()
CASE = "cases/printer-voc-recovery"
#: A published file name: safe ASCII, nothing that srcset splits on (spaces, commas).
PUBLISHED_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*\.(webp|jpg|jpeg|png|gif)")


def heic_photo(path, size=(1200, 900)):
    image = Image.new("RGB", size, (180, 60, 40))
    for x in range(0, size[0], 4):
        image.putpixel((x, x % size[1]), (250, 250, 250))
    image.save(path, "HEIF", quality=80)
    with Image.open(path) as reopened:
        assert reopened.format == "HEIF"
    return path


def png_named_jpg(path, size=(700, 400)):
    Image.new("RGB", size, (20, 40, 200)).save(path, "PNG")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    return path


BODY_IMAGES = {  # name in the Markdown -> the file's name in the folder
    "工廠%20照片.jpg": "工廠 照片.jpg",
    "IMG_0042.HEIC": "IMG_0042.HEIC",
    "chart.jpg": "chart.jpg",
}


@pytest.fixture(scope="module")
def phone_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("phone-site")
    content = root / "content"
    shutil.copytree(FIXTURE_SITE, content)
    folder = content / CASE
    phone_photo(folder / "IMG_2041.JPG", size=(1800, 1200))
    meta = folder / "meta.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("cover: cover.png", "cover: IMG_2041.JPG"), encoding="utf-8")
    phone_photo(folder / "工廠 照片.jpg", size=(1000, 700), orientation=1)
    heic_photo(folder / "IMG_0042.HEIC")
    png_named_jpg(folder / "chart.jpg")
    for lang in ("en", "tc"):
        page = folder / f"{lang}.md"
        extra = "".join(f"\n![Photo {index}]({reference})\n" for index, reference in enumerate(BODY_IMAGES))
        page.write_text(page.read_text(encoding="utf-8") + extra, encoding="utf-8")
    output = root / "output"
    result = build_with_cache(content, output, root / "cache")
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    return content, output


def srcset_urls(srcset):
    urls = []
    for candidate in srcset.split(","):  # as a browser splits it
        url, descriptor = candidate.split()
        assert re.fullmatch(r"\d+w", descriptor), candidate
        urls.append(url)
    return urls


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "tc", "sc"])
def test_every_picture_url_is_safe_and_published(phone_site, lang):
    _, output = phone_site
    html = soup(output / lang / CASE)
    pictures = html.select("main picture")
    assert len(pictures) == 1 + len(BODY_IMAGES)  # the cover and the three body images
    for picture in pictures:
        urls = [picture.img["src"]] + srcset_urls(picture.img["srcset"])
        for source in picture.select("source"):
            urls += srcset_urls(source["srcset"])
        for url in urls:
            assert url.startswith(f"/media/{CASE}/"), url
            name = url.rsplit("/", 1)[1]
            assert PUBLISHED_NAME.fullmatch(name), url
            assert (output / url.lstrip("/")).is_file(), url


@pytest.mark.slow
def test_names_and_formats_by_content(phone_site):
    content, output = phone_site
    media = output / "media" / CASE
    # The cover: an upper-case extension is published in lower case, the same rule as the body.
    assert (media / "IMG_2041.jpg").is_file() and (media / "IMG_2041.webp").is_file()
    # A Chinese name with a space: its ASCII spelling and a hash of its content.
    [chinese] = [p.name for p in media.glob("gong-chang-zhao-pian-*.jpg") if not re.search(r"-\d+\.jpg$", p.name)]
    assert re.fullmatch(r"gong-chang-zhao-pian-[0-9a-f]{8}\.jpg", chinese)
    # A HEIC becomes WebP and JPEG; nothing HEIC is published.
    with Image.open(media / "IMG_0042.jpg") as converted:
        assert converted.format == "JPEG" and converted.size == (1200, 900)
    assert not list(media.glob("*.HEIC")) and not list(media.glob("*.heic"))
    # A PNG saved as .jpg is published as what it is.
    with Image.open(media / "chart.png") as chart:
        assert chart.format == "PNG"
    assert not (media / "chart.jpg").exists()
    # Open Graph points at a real file.
    page = soup(output / "en" / CASE)
    og_image = page.select_one('meta[property="og:image"]')["content"]
    assert og_image.endswith("/IMG_2041.jpg") and (output / unquote(og_image.split("/", 3)[3])).is_file()


def test_plan_of_each_kind(tmp_path):
    heic = inspect_image(heic_photo(tmp_path / "IMG_1.heic"))
    assert heic.source_format == "HEIF" and heic.fallback == "jpeg"
    assert heic.published_name == "IMG_1.jpg"
    png = inspect_image(png_named_jpg(tmp_path / "chart.jpg"))
    assert png.fallback == "png" and png.published_name == "chart.png"
    spaced = inspect_image(png_named_jpg(tmp_path / "a, b c.jpg"))
    assert SAFE_STEM.fullmatch(spaced.stem) and spaced.stem.startswith("a-b-c-")
    plain = inspect_image(phone_photo(tmp_path / "plant.jpg", size=(600, 400)))
    assert plain.stem == "plant" and plain.published_name == "plant.jpg"  # safe names stay as they are
