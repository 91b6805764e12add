"""The image cache is never trusted: a poisoned derivative (a pull request that commits
`cache/images/<key>/...`, or a cache carried in from elsewhere) is detected and made again from
the reviewed source, and a cache committed to git stops the build."""

import io
import json
import re
import shutil
import subprocess

import pytest
from PIL import Image

from conftest import FIXTURE_SITE
from plugins.images.plan import inspect_image
from plugins.images.process import MANIFEST, ImageStore, _sha256, committed_files, content_key
from test_images import CASE, add_body_photo, build_with_cache, phone_photo


def foreign_bytes(like):
    """Another picture in the same format and size as the cached file `like`."""
    with Image.open(like) as original:
        size, fmt = original.size, original.format
    buffer = io.BytesIO()
    Image.new("RGB", size, (255, 0, 0)).save(buffer, fmt)
    return buffer.getvalue()


def poison(entry, forge_manifest=False):
    """Replace every derivative in a cache folder; optionally rewrite the manifest's digests to
    match, as an attacker without this machine's key would."""
    manifest = json.loads((entry / MANIFEST).read_text(encoding="utf-8"))
    for name in manifest["files"]:
        data = foreign_bytes(entry / name)
        (entry / name).write_bytes(data)
        manifest["files"][name] = _sha256(data)
    if forge_manifest:
        (entry / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")


@pytest.fixture
def photo(tmp_path):
    return phone_photo(tmp_path / "plant.jpg", size=(1000, 700), orientation=1)


def made_files(store, photo, target):
    plan = inspect_image(photo)
    entry = store.prepare(plan, photo)
    store.publish(plan, entry, target)
    return entry, {path.name: path.read_bytes() for path in target.iterdir()}


@pytest.mark.parametrize("forge_manifest", [False, True])
def test_a_poisoned_entry_is_a_miss_and_made_again(photo, tmp_path, forge_manifest):
    store = ImageStore(tmp_path / "cache")
    entry, good = made_files(store, photo, tmp_path / "one")
    poison(entry, forge_manifest)
    again = ImageStore(tmp_path / "cache")
    _, published = made_files(again, photo, tmp_path / "two")
    assert published == good
    assert (again.made, again.reused, again.rejected) == (1, 0, [entry])
    # and the folder is whole again: the next build reuses it
    third = ImageStore(tmp_path / "cache")
    made_files(third, photo, tmp_path / "three")
    assert (third.made, third.reused) == (0, 1)


def test_an_entry_sealed_on_another_machine_is_not_trusted(photo, tmp_path):
    """A folder with a valid manifest, made elsewhere (a CI cache, a committed folder): another key."""
    elsewhere = ImageStore(tmp_path / "elsewhere")
    entry, _ = made_files(elsewhere, photo, tmp_path / "one")
    here = tmp_path / "cache"
    here.mkdir()
    shutil.copytree(entry, here / entry.name)
    store = ImageStore(here)
    made_files(store, photo, tmp_path / "two")
    assert (store.made, store.reused, store.rejected) == (1, 0, [here / entry.name])


def test_a_missing_or_foreign_file_is_a_miss(photo, tmp_path):
    store = ImageStore(tmp_path / "cache")
    entry, good = made_files(store, photo, tmp_path / "one")
    next(path for path in entry.iterdir() if path.suffix == ".webp").unlink()
    again = ImageStore(tmp_path / "cache")
    assert made_files(again, photo, tmp_path / "two")[1] == good and again.made == 1
    # the entry of another source is never taken for this one
    assert content_key(photo) == entry.name


@pytest.mark.slow
def test_the_build_publishes_the_reviewed_image_over_a_poisoned_cache(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_SITE, content)
    add_body_photo(content)
    cache = tmp_path / "cache"
    first = build_with_cache(content, tmp_path / "first", cache)
    assert first.returncode == 0, first.stderr[-2000:]
    entry = cache / content_key(content / CASE / "plant.jpg")
    poison(entry, forge_manifest=True)
    second = build_with_cache(content, tmp_path / "second", cache)
    log = second.stdout + second.stderr
    assert second.returncode == 0, log[-2000:]
    assert re.search(r"images: 1 made, 1 unchanged", log), log[-2000:]
    assert "do not match it; made again from the source" in log
    one, two = tmp_path / "first/media", tmp_path / "second/media"
    names = sorted(p.relative_to(one) for p in one.rglob("*") if p.is_file())
    assert names and names == sorted(p.relative_to(two) for p in two.rglob("*") if p.is_file())
    assert all((one / n).read_bytes() == (two / n).read_bytes() for n in names)


def git(repo, *args):
    return subprocess.run(["git", "-C", str(repo), "-c", "user.name=A", "-c", "user.email=a@example.org", *args],
                          check=True, capture_output=True, text=True).stdout


@pytest.mark.slow
def test_a_cache_committed_to_git_stops_the_build(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_SITE, content)
    cache = tmp_path / "cache" / "images"
    (cache / ("0" * 64)).mkdir(parents=True)
    (cache / ("0" * 64) / "480x320.webp").write_bytes(b"not the reviewed image")
    (tmp_path / ".gitignore").write_text("/cache/\n", encoding="utf-8")
    git(tmp_path, "init", "-q")
    assert committed_files(cache) == []
    git(tmp_path, "add", "-f", "cache")  # what the attack does
    git(tmp_path, "commit", "-q", "-m", "poison")
    assert committed_files(cache) == [f"cache/images/{'0' * 64}/480x320.webp"]
    result = build_with_cache(content, tmp_path / "output", cache)
    assert result.returncode == 1
    assert (f"cache/images/{'0' * 64}/480x320.webp: 1 file(s) under {cache}/ are committed to git" in result.stderr)
    assert "git rm -r --cached" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "output" / "index.html").exists()
