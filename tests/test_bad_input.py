"""Bad input never breaks the site: each kind gets a clear error naming the file, no traceback,
and the last good output survives a failed `make html` (plugins/safe_build)."""

import hashlib
import os
import shutil
import struct
import subprocess
import sys
import zlib

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from conftest import FIXTURE_EPOCH, ROOT

CASE = "cases/printer-voc-recovery"
EVENT = "events/voc-seminar"


def snapshot(folder):
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def make_html(content, output, tmp_path, *extra, settings="pelicanconf.py"):
    """What `make html` runs: build into a fresh folder, swap into place on success."""
    env = dict(os.environ, SOURCE_DATE_EPOCH=FIXTURE_EPOCH, COLUMNS="400")
    overrides = [f'IMAGES={{"cache_path": "{tmp_path / "cache"}"}}', 'SEARCH={"index": false}']
    return subprocess.run(
        [sys.executable, "-m", "plugins.safe_build", str(content), str(output), "-s", settings, *extra, "-e", *overrides],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )


@pytest.fixture
def last_good(fixture_output, tmp_path):
    """A copy of a good build, standing for the output/ of the last successful `make html`."""
    output = tmp_path / "output"
    shutil.copytree(fixture_output, output)
    return output, snapshot(output)


def assert_refused(result, content, output, before, file, phrase):
    """The build failed naming `file` with `phrase`, without a traceback, and output/ is untouched."""
    log = result.stdout + result.stderr
    assert result.returncode != 0, log[-3000:]
    shown = f"{content.name}/{file}"
    lines = [line for line in log.splitlines() if shown in line]
    assert lines, f"no message names {shown}:\n{log[-3000:]}"
    assert any(phrase in line for line in lines), f"{phrase!r} not in {lines}"
    assert "Traceback" not in log, log[-3000:]
    assert snapshot(output) == before, "the last good output was changed"
    assert not (output.parent / f".{output.name}.tmp").exists(), "the half-built folder was left behind"


def rewrite(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def png_claiming(path, width, height, padding):
    """A PNG whose header says width x height, padded to `padding` bytes (its pixels are never read)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")
    path.write_bytes(data + b"\0" * max(0, padding - len(data)))


# --- every kind of bad input, one row each ---------------------------------------------------------
# Each row breaks a copy of the fixture site one way; the build must refuse it naming the file
# (and line) with the phrase, leave no traceback and keep the last good output.

def malformed_yaml(content):
    rewrite(content / CASE / "meta.yaml", "city: dongguan", "city: [dongguan")


def non_utf8_file(content):
    (content / CASE / "tc.md").write_bytes("---\ntitle: 東莞印刷廠\n---\n".encode("big5"))


def empty_file(content):
    (content / CASE / "en.md").write_text("", encoding="utf-8")


def duplicate_slug_differing_only_in_case(content):
    # Git keeps both; on Windows and macOS they are one folder, and both claim one address.
    shutil.copytree(content / CASE, content / "cases/Printer-VOC-Recovery")


def duplicate_key_in_yaml(content):
    rewrite(content / CASE / "meta.yaml", "project: demonstration", "project: demonstration\ncity: foshan")


def wrong_date(content):
    rewrite(content / CASE / "meta.yaml", "date: 2014-11-20", "date: 2014-02-30")


def unknown_key(content):
    rewrite(content / CASE / "meta.yaml", "city: dongguan", "city: dongguan\ncolour: green")


def script_in_markdown(content):
    rewrite(content / CASE / "en.md", "## Results\n", "## Results\n\n<script>alert(1)</script>\n")


def javascript_link_in_markdown(content):
    rewrite(content / CASE / "en.md", "See the [other case]", "See the [prize](javascript:alert(1)) and the [other case]")


def script_in_metadata_title(content):
    rewrite(content / CASE / "en.md", "title: A Dongguan printer", "title: <script>alert(1)</script> A Dongguan printer")


def javascript_registration_in_metadata(content):
    rewrite(content / EVENT / "meta.yaml", "city: guangzhou", "city: guangzhou\nregistration: javascript:alert(1)")


def corrupt_image(content):
    (content / CASE / "cover.png").write_bytes(b"\x89PNG\r\n\x1a\n this is not really an image")


def image_cut_short(content):
    # The header is intact, so only decoding to the end finds it: in the build (and in make check).
    photo = content / CASE / "cover.jpg"
    image = Image.effect_noise((900, 600), 60).convert("RGB")
    image.save(photo, "JPEG", quality=90)
    photo.write_bytes(photo.read_bytes()[: photo.stat().st_size // 2])
    rewrite(content / CASE / "meta.yaml", "cover: cover.png", "cover: cover.jpg")
    (content / CASE / "cover.png").unlink()


def image_over_40_megapixels(content):
    png_claiming(content / CASE / "cover.png", 8000, 6000, padding=2_000_000)


def image_over_20_megabytes(content):
    with open(content / CASE / "cover.png", "ab") as file:
        file.truncate(21 * 1024 * 1024)  # the same small picture, padded past the limit


def decompression_bomb(content):
    Image.new("1", (20000, 20000)).save(content / CASE / "cover.png")  # 400 megapixels, about 50 KB


BAD_INPUT = [
    # how the input is broken, the file (and line) the message names, a phrase of the message
    (malformed_yaml, f"{CASE}/meta.yaml", "not valid YAML"),
    (non_utf8_file, f"{CASE}/tc.md:2", "not UTF-8"),
    (empty_file, f"{CASE}/en.md", "empty"),
    (duplicate_slug_differing_only_in_case, "cases/Printer-VOC-Recovery", "duplicate slug"),
    (duplicate_key_in_yaml, f"{CASE}/meta.yaml:8", "'city' is written twice (first on line 6)"),
    (wrong_date, f"{CASE}/meta.yaml:1", "not a real date"),
    (unknown_key, f"{CASE}/meta.yaml:7", "unknown key 'colour'"),
    (script_in_markdown, f"{CASE}/en.md:12", "'<script' is not allowed"),
    (javascript_link_in_markdown, f"{CASE}/en.md:12", "'javascript:' is not allowed"),
    (script_in_metadata_title, f"{CASE}/en.md:2", "not allowed"),
    (javascript_registration_in_metadata, f"{EVENT}/meta.yaml:5", "'javascript:' is not allowed"),
    (corrupt_image, f"{CASE}/cover.png", "cannot be read"),
    (image_cut_short, f"{CASE}/cover.jpg", "cannot be read to the end"),
    (image_over_40_megapixels, f"{CASE}/cover.png", "too large: it claims 8000 × 6000 pixels (48.0 megapixels)"),
    (image_over_20_megabytes, f"{CASE}/cover.png", "21.0 MB; the limit is 20 MB"),
    (decompression_bomb, f"{CASE}/cover.png", "decompression bomb"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("break_input", "file", "phrase"), BAD_INPUT, ids=[row[0].__name__ for row in BAD_INPUT])
def test_bad_input_is_refused_naming_the_file(break_input, file, phrase, fixture_copy, last_good, tmp_path):
    break_input(fixture_copy)
    output, before = last_good
    result = make_html(fixture_copy, output, tmp_path)
    assert_refused(result, fixture_copy, output, before, file, phrase)
    # One clear message per file, not one per rule. (The fixture's placeholder e-mail address is
    # listed too, as a warning: not counted here.)
    named = file.split(":")[0]
    messages = [line for line in result.stderr.splitlines() if f"{named}:" in line and ": warning: placeholder:" not in line]
    if break_input is javascript_registration_in_metadata:
        assert len(messages) == 1, messages


# --- what still works ---------------------------------------------------------------------------

@pytest.mark.slow
def test_good_build_replaces_the_output(fixture_copy, last_good, tmp_path):
    output, before = last_good
    (output / "stale.html").write_text("from an older build", encoding="utf-8")
    rewrite(fixture_copy / CASE / "en.md", "title: A Dongguan printer", "title: A <b>Dongguan</b> printer")
    result = make_html(fixture_copy, output, tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    assert not (output / "stale.html").exists(), "a build starts from a fresh folder"
    html = (output / "en" / CASE / "index.html").read_text(encoding="utf-8")
    # HTML written in metadata is shown as text, never interpreted (templates are autoescaped)
    assert "A &lt;b&gt;Dongguan&lt;/b&gt; printer" in html
    assert BeautifulSoup(html, "html.parser").h1.find("b") is None
    assert not list(output.parent.glob(".output*.tmp"))


@pytest.mark.slow
def test_serve_keeps_the_last_good_site(fixture_copy, last_good, tmp_path):
    """`make serve` builds in place; a broken file must not empty the folder it serves."""
    output, before = last_good
    rewrite(fixture_copy / CASE / "meta.yaml", "city: dongguan", "city: [dongguan")
    env = dict(os.environ, SOURCE_DATE_EPOCH=FIXTURE_EPOCH, COLUMNS="400")
    result = subprocess.run(
        [sys.executable, "-m", "pelican", str(fixture_copy), "-o", str(output), "-s", "pelicanconf.py",
         "-e", "CONTRACT_EXIT_ON_ERROR=false", f'IMAGES={{"cache_path": "{tmp_path / "cache"}"}}', 'SEARCH={"index": false}'],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )
    assert f"{CASE}/meta.yaml" in result.stderr and "not valid YAML" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    # Every page and image is as it was. (Pelican still copies the theme's own static files, which
    # are not content and may have been edited since the last good build.)
    def pages(files):
        return {path: digest for path, digest in files.items() if not path.startswith("theme/")}

    assert pages(snapshot(output)) == pages(before)


# --- hostile content (issue 10; every attack is in test_hostile_content.py, checked by `make check`) --

@pytest.mark.slow
def test_yaml_alias_bomb_is_refused_by_the_build(fixture_copy, last_good, tmp_path):
    bomb = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"] + [f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]" for n in range(1, 9)]
    with open(fixture_copy / CASE / "meta.yaml", "a", encoding="utf-8") as handle:
        handle.write("\n".join(bomb) + "\n")
    output, before = last_good
    result = make_html(fixture_copy, output, tmp_path)
    assert_refused(result, fixture_copy, output, before, f"{CASE}/meta.yaml:15", "anchors and aliases")


@pytest.mark.slow
def test_style_attribute_in_markdown_is_refused_by_the_build(fixture_copy, last_good, tmp_path):
    rewrite(fixture_copy / CASE / "en.md", "## Results\n", '## Results\n\n[Apply](https://evil.example/){: .app-button #main style="position:fixed" }\n')
    output, before = last_good
    result = make_html(fixture_copy, output, tmp_path)
    assert_refused(result, fixture_copy, output, before, f"{CASE}/en.md:12", "content cannot set styles, classes or ids")
