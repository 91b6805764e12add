"""The search index at one pass (plugins/search/indexer.py): each page is indexed once, by Pagefind
(one run per language) over a small scratch copy of what Pagefind reads of each page, and under
`make serve` the index follows edits."""

import gzip
import json
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from pelican import get_instance, parse_arguments

from conftest import FIXTURE_EPOCH, ROOT
from plugins.search import indexer
from plugins.search.fold import WORD_BREAK
from plugins.search.indexer import PageUnfolder, stripped_page

LANGS = {"en": "en", "tc": "zh-hant-hk", "sc": "zh-hans-cn"}


def fragments_in(folder):
    """{url: fragment} of the index in `folder` (a bundle, or a part of one)."""
    fragments = (indexer._read_fragment(path) for path in Path(folder).glob("fragment/*.pf_fragment"))
    return {fragment["url"]: fragment for fragment in fragments}


def fragments(output):
    """{url: fragment} of the site's main bundle."""
    return fragments_in(Path(output) / "pagefind")


def item_pages(output, lang):
    return sorted(p for p in (Path(output) / lang).rglob("index.html") if "data-pagefind-body" in p.read_text(encoding="utf-8"))


@pytest.mark.slow
def test_each_page_is_indexed_once_over_stripped_pages(fixture_output, tmp_path, monkeypatch):
    """Index the fixture site again, watching Pagefind: one run, over pages that hold nothing but
    their <main>, and as many pages in the index as the site has item pages."""
    runs = []
    real_run = subprocess.run

    def watched_run(command, *args, **kwargs):
        settings = Path(kwargs.get("cwd") or ".") / "pagefind.json"  # a run of Pagefind (not node)
        if settings.is_file():
            config = json.loads(settings.read_text())
            site = Path(config["site"])
            pages = {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in site.glob(config.get("glob", "**/*.html"))}
            runs.append((config, pages))
        return real_run(command, *args, **kwargs)

    output = tmp_path / "site"
    shutil.copytree(fixture_output, output)
    monkeypatch.setattr(subprocess, "run", watched_run)
    monkeypatch.setattr(indexer, "_POOL_FROM", 1)  # the pages stripped and unfolded in two processes
    stats = indexer.build_index(output, exclude=[".app-breadcrumbs"], processes=2)
    # one run per language (before: the folded mirror, then the unfolded Chinese pages again),
    # each over the stripped pages of its language only: every page is read once
    assert sorted(config["glob"] for config, _ in runs) == sorted(f"{code}/**/*.html" for code in LANGS)
    read = [name for _, pages in runs for name in pages]
    assert len(read) == len(set(read))
    stripped = {name: page for _, pages in runs for name, page in pages.items()}
    entry = json.loads((output / "pagefind" / "pagefind-entry.json").read_text())
    for code, language in LANGS.items():
        pages = item_pages(output, code)
        assert entry["languages"][language]["page_count"] == len(pages) == stats.pages[code] > 0
        assert sorted(name for name in stripped if name.startswith(f"{code}/")) == sorted(p.relative_to(output).as_posix() for p in pages)
    # no mirror of the site: only what Pagefind reads (no header, footer, scripts)
    page = stripped["tc/cases/printer-voc-recovery/index.html"]
    assert page.count("<main") == 1 and "app-header" not in page and "<script" not in page and "<footer" not in page
    assert '<html lang="zh-Hant-HK">' in page or 'lang="zh-hant-hk"' in page.lower()
    # indexed folded and a word per character; shown in the page's own script
    assert WORD_BREAK.join("回收溶剂") in page
    tc = fragments(output)["/tc/cases/printer-voc-recovery/"]
    assert WORD_BREAK.join("回收溶劑") in tc["content"] and "溶剂" not in tc["content"].replace(WORD_BREAK, "")
    assert tc["meta"]["title"] == "東莞印刷廠以活性炭回收溶劑"
    assert stats.mismatched == []


def test_a_page_that_is_not_searched_is_not_stripped():
    assert stripped_page('<html lang="en"><body><main id="main">A list</main></body></html>') is None
    page = stripped_page('<html lang="en"><head><script>x()</script></head><body><nav>Menu</nav><main data-pagefind-body>Text</main></body></html>')
    assert page == '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"></head><body><main data-pagefind-body>Text</main></body></html>'


def test_a_character_with_two_originals_in_one_page_is_placed_by_its_context():
    """干 comes from 乾 (dry) and from 幹 (trunk); 发 from 發 and 髮: each is given back as written."""
    text = "乾燥機的主幹管道。頭髮與發展。"
    unfolder = PageUnfolder(text)
    assert unfolder.string(WORD_BREAK.join("干燥机的主干管道")) == WORD_BREAK.join("乾燥機的主幹管道")
    assert unfolder.string("头发与发展") == "頭髮與發展"
    assert unfolder.string("发展。头发") == "發展。頭髮"  # found anywhere in the page, whatever the order
    assert unfolder.guessed == []


def test_a_string_not_in_the_page_takes_the_commonest_original_and_is_reported():
    unfolder = PageUnfolder("發展，發現，頭髮")
    assert unfolder.string("发光") == "發光"
    assert unfolder.guessed == ["发"]


@pytest.fixture
def serve_session(fixture_copy, tmp_path, monkeypatch):
    """A `make serve` session (INCREMENTAL, search on) on a copy of the fixture site."""
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXTURE_EPOCH)
    output = tmp_path / "served"
    arguments = parse_arguments([str(fixture_copy), "-o", str(output), "-s", "pelicanconf.py", "-q", "-e",
                                 "INCREMENTAL=true", "CONTRACT_EXIT_ON_ERROR=false"])
    pelican, _ = get_instance(arguments)
    pelican.run()
    pelican.content, pelican.served = fixture_copy, output
    return pelican


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    time.sleep(0.01)
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.slow
def test_make_serve_indexes_an_edited_page_again(serve_session):
    assert "Zanzibar" not in json.dumps(fragments(serve_session.served), ensure_ascii=False)
    edit(serve_session.content / "cases/printer-voc-recovery/en.md", "title: A Dongguan printer", "title: A Dongguan printer Zanzibar")
    edit(serve_session.content / "cases/printer-voc-recovery/tc.md", "回收溶劑", "回收溶劑鑽石")
    serve_session.run()
    found = fragments(serve_session.served)
    assert "Zanzibar" in found["/en/cases/printer-voc-recovery/"]["meta"]["title"]
    # the Chinese page: indexed folded (the word is found in either script), shown as written
    assert WORD_BREAK.join("鑽石") in found["/tc/cases/printer-voc-recovery/"]["content"]
    assert WORD_BREAK.join("钻石") in found["/sc/cases/printer-voc-recovery/"]["content"]
    index_words = b"".join(gzip.decompress(p.read_bytes()) for p in (serve_session.served / "pagefind" / "index").glob("*.pf_index"))
    assert b"zanzibar" in index_words and "钻".encode() in index_words
    entry = json.loads((serve_session.served / "pagefind" / "pagefind-entry.json").read_text())
    assert entry["languages"]["en"]["page_count"] == len(item_pages(serve_session.served, "en"))


@pytest.mark.slow
def test_make_serve_drops_a_deleted_page_from_the_index(serve_session):
    assert "/en/cases/printing-plate-water-recycling/" in fragments(serve_session.served)

    shutil.rmtree(serve_session.content / "cases/printing-plate-water-recycling")
    serve_session.run()
    found = fragments(serve_session.served)
    assert not any("printing-plate-water-recycling" in url for url in found)
    entry = json.loads((serve_session.served / "pagefind" / "pagefind-entry.json").read_text())
    for code, language in LANGS.items():
        assert entry["languages"][language]["page_count"] == len(item_pages(serve_session.served, code))


@pytest.mark.slow
def test_make_serve_indexes_again_only_the_languages_an_edit_changed(serve_session):
    """An English text edited: Pagefind runs again for the English pages only; the Chinese
    languages' files (named after their language) stay as they were, and the bundle is whole."""
    bundle = serve_session.served / "pagefind"

    def files_of(language):
        return {path.relative_to(bundle).as_posix(): path.stat().st_mtime_ns for path in bundle.rglob(f"*{language}_*")}

    chinese = {language: files_of(language) for language in ("zh-hant-hk", "zh-hans-cn")}
    english = files_of("en")
    assert all(chinese.values()) and english
    edit(serve_session.content / "cases/printer-voc-recovery/en.md", "title: A Dongguan printer", "title: A Dongguan printer Zanzibar")
    serve_session.run()
    assert {language: files_of(language) for language in chinese} == chinese
    assert files_of("en") != english
    found = fragments(serve_session.served)
    assert "Zanzibar" in found["/en/cases/printer-voc-recovery/"]["meta"]["title"]
    assert "\u6536" in found["/tc/cases/printer-voc-recovery/"]["content"]  # 收 (回收溶劑): its characters, still restored
    entry = json.loads((bundle / "pagefind-entry.json").read_text())
    for code, language in LANGS.items():
        assert entry["languages"][language]["page_count"] == len(item_pages(serve_session.served, code))
    indexer.verify_bundle(bundle, expected_pages=sum(len(item_pages(serve_session.served, code)) for code in LANGS))


def test_the_languages_indexed_again_are_those_of_the_changed_pages(tmp_path):
    assert indexer._languages_changed(["en/cases/a/index.html"], tmp_path) is None  # no bundle yet: every language
    (tmp_path / "pagefind-entry.json").write_text("{}")
    assert indexer._languages_changed(None, tmp_path) is None  # a full build
    changed = ["en/cases/a/index.html", "tc/cases/index.html", "404.html", "index.html"]
    assert indexer._languages_changed(changed, tmp_path) == {"en", "tc"}
    assert indexer._languages_changed([], tmp_path) == set()
