"""The search bundle is checked after every build: a bundle cut short or missing a file stops the build
(plugins/search/verify.py), and `make html` keeps the last good site."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURE_SITE, ROOT
from plugins.search.indexer import pagefind_executable
from plugins.search.verify import BundleError, decode_cbor, verify_bundle


@pytest.fixture
def bundle(fixture_output, tmp_path):
    """A private copy of the fixture site's bundle that a test may damage."""
    copy = tmp_path / "pagefind"
    shutil.copytree(fixture_output / "pagefind", copy)
    return copy


def truncate(path, size=None):
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2 if size is None else size])


def test_a_complete_bundle_passes(bundle):
    found = verify_bundle(bundle, expected_pages=34)
    assert found["pages"] == 34 and found["files"] > 40


def test_pagefind_js_cut_short_is_refused(bundle):
    truncate(bundle / "pagefind.js", 32768)  # what a loaded machine once published
    with pytest.raises(BundleError, match=r"pagefind\.js: does not parse as JavaScript"):
        verify_bundle(bundle)


def test_a_fragment_cut_short_is_refused(bundle):
    fragment = sorted((bundle / "fragment").glob("zh-hant-hk_*.pf_fragment"))[0]
    truncate(fragment)
    with pytest.raises(BundleError, match=rf"{fragment.name}: does not decompress"):
        verify_bundle(bundle)


def test_a_webassembly_file_cut_short_is_refused(bundle):
    truncate(bundle / "wasm.unknown.pagefind", 65536 // 2)
    with pytest.raises(BundleError, match=r"wasm\.unknown\.pagefind: does not decompress"):
        verify_bundle(bundle)


@pytest.mark.parametrize("folder", ["index", "fragment", "filter"])
def test_a_missing_file_the_metadata_names_is_refused(bundle, folder):
    missing = sorted((bundle / folder).glob("en_*"))[0]
    missing.unlink()
    with pytest.raises(BundleError, match=rf"{folder}/{missing.name}: missing \(named by pagefind\.en_"):
        verify_bundle(bundle)


def test_a_missing_metadata_file_is_refused(bundle):
    next(bundle.glob("pagefind.zh-hans-cn_*.pf_meta")).unlink()
    with pytest.raises(BundleError, match=r"pf_meta: missing \(named by pagefind-entry.json for zh-hans-cn\)"):
        verify_bundle(bundle)


def test_a_bundle_with_fewer_pages_than_the_site_is_refused(bundle):
    with pytest.raises(BundleError, match="34 pages indexed, the site has 35"):
        verify_bundle(bundle, expected_pages=35)


def test_every_problem_is_listed(bundle):
    truncate(bundle / "pagefind.js")
    (bundle / "pagefind-entry.json").unlink()
    with pytest.raises(BundleError) as refused:
        verify_bundle(bundle)
    assert "pagefind.js: does not parse" in str(refused.value)
    assert "pagefind-entry.json: missing or unreadable" in str(refused.value)


def test_cbor_cut_short_is_an_error():
    assert decode_cbor(bytes([0x82, 0x61, 0x61, 0x18, 0x2A])) == ["a", 42]
    with pytest.raises(BundleError, match="ends early"):
        decode_cbor(bytes([0x82, 0x61, 0x61]))


@pytest.mark.slow
def test_the_build_refuses_a_truncated_bundle_and_keeps_the_last_good_site(fixture_output, tmp_path):
    # Pagefind as it behaved under load: it exits 0 but pagefind.js is cut at 32,768 bytes.
    wrapper = tmp_path / "pagefind-cut-short"
    wrapper.write_text(
        "#!/bin/sh\n"
        f'"{pagefind_executable()}" "$@" || exit $?\n'
        f"""out=$("{sys.executable}" -c 'import json; print(json.load(open("pagefind.json"))["output_path"])')\n"""
        'truncate -s 32768 "$out/pagefind.js"\n'
    )
    wrapper.chmod(0o755)
    output = tmp_path / "output"
    shutil.copytree(fixture_output, output)
    good = (output / "pagefind" / "pagefind.js").read_bytes()
    result = subprocess.run(
        [sys.executable, "-m", "plugins.safe_build", str(FIXTURE_SITE), str(output), "-s", "pelicanconf.py",
         "-e", f'SEARCH={{"binary": "{wrapper}"}}'],
        cwd=ROOT, capture_output=True, text=True, env=dict(os.environ, SOURCE_DATE_EPOCH="1420070400", COLUMNS="1000"),  # log lines unwrapped
    )
    said = result.stdout + result.stderr
    assert result.returncode != 0, said
    assert "search bundle is incomplete or damaged" in said and "pagefind.js: does not parse as JavaScript" in said
    assert "Traceback" not in said
    assert "left as it was" in said
    assert (output / "pagefind" / "pagefind.js").read_bytes() == good
    assert not Path(f"{output.parent}/.output.tmp").exists()
