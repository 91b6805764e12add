"""A language indexed in parts (plugins/search/indexer.py, PAGES_PER_PART): Pagefind holds a
language's whole index in memory, so a language of many pages is indexed part by part, and the
search page merges the parts (theme/static/js/search.js). Indexed in parts, the fixture site must
find exactly what it finds indexed whole."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import FIXTURE_SITE
from plugins.search import indexer
from plugins.search.search import DEFAULTS
from plugins.search.synonyms import synonym_pairs
from plugins.search.fold import WORD_BREAK
from plugins.search.verify import BundleError, verify_bundle

from .conftest import result_paths
from .test_one_pass import LANGS, fragments_in, item_pages

#: Parts of the fixture's largest language (each language gets as many as its pages need).
PARTS = 3


@pytest.mark.parametrize(
    "count, most, sizes",
    [(0, 5, [0]), (1, 5, [1]), (5, 5, [5]), (6, 5, [3, 3]), (11, 5, [4, 4, 3]), (3027, 1200, [1009, 1009, 1009])],
)
def test_pages_are_split_into_even_runs_in_order(count, most, sizes):
    values = list(range(count))
    runs = indexer.split_evenly(values, most)
    assert [len(run) for run in runs] == sizes
    assert [value for run in runs for value in run] == values


@pytest.mark.parametrize("most", [0, -1, 2.5, "10", None])
def test_a_part_size_that_is_not_a_whole_number_is_refused(most):
    with pytest.raises(indexer.SearchIndexError, match="pages_per_part"):
        indexer.split_evenly([1, 2, 3], most)


def fragments_everywhere(output):
    """{url: fragment} of the main bundle and of every part."""
    found = {}
    for folder in [Path(output) / "pagefind", *(Path(output) / "pagefind").glob("part-*")]:
        found.update(fragments_in(folder))
    return found


@pytest.fixture(scope="module")
def parted(fixture_output, tmp_path_factory):
    """The fixture site indexed again with parts of a third of its largest language; the runs of
    Pagefind recorded (the pages each read)."""
    output = tmp_path_factory.mktemp("parted") / "site"
    shutil.copytree(fixture_output, output)
    most = -(-max(len(item_pages(output, code)) for code in LANGS) // PARTS)
    runs = []
    real_run = subprocess.run

    def watched_run(command, *args, **kwargs):
        settings = Path(kwargs.get("cwd") or ".") / "pagefind.json"
        if settings.is_file():
            config = json.loads(settings.read_text())
            runs.append(sorted(p.relative_to(config["site"]).as_posix() for p in Path(config["site"]).glob(config["glob"])))
        return real_run(command, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(subprocess, "run", watched_run)
        stripped = tmp_path_factory.mktemp("parted-stripped")
        summaries = {}
        stats = indexer.build_index(output, exclude=DEFAULTS["exclude"], synonyms=synonym_pairs(FIXTURE_SITE), pages_per_part=most,
                                    stripped_dir=stripped, summaries=summaries)
    return {"output": output, "most": most, "runs": runs, "stats": stats, "stripped": stripped, "summaries": summaries}


@pytest.mark.slow
def test_each_language_is_indexed_in_parts_and_each_page_once(parted):
    output, most = parted["output"], parted["most"]
    bundle = output / "pagefind"
    read = [page for run in parted["runs"] for page in run]
    assert len(read) == len(set(read)), "a page was indexed twice"
    assert all(len(run) <= most for run in parted["runs"])
    listing = json.loads((bundle / "parts.json").read_text())
    entry = json.loads((bundle / "pagefind-entry.json").read_text())
    for code, language in LANGS.items():
        pages = item_pages(output, code)
        assert sorted(page for page in read if page.startswith(f"{code}/")) == sorted(p.relative_to(output).as_posix() for p in pages)
        expected_parts = -(-len(pages) // most)
        assert listing.get(language, []) == [f"part-{code}-{number}/" for number in range(2, expected_parts + 1)]
        counted = entry["languages"][language]["page_count"]
        for name in listing.get(language, []):
            part_entry = json.loads((bundle / name / "pagefind-entry.json").read_text())
            assert list(part_entry["languages"]) == [language]
            counted += part_entry["languages"][language]["page_count"]
        assert counted == len(pages)
    assert max(len(names) for names in listing.values()) == PARTS - 1
    # a part keeps its index only: the search page runs the main bundle's script and WebAssembly
    for part in bundle.glob("part-*"):
        assert not list(part.glob("*.js")) and not list(part.glob("wasm.*"))
    assert verify_bundle(bundle, expected_pages=sum(parted["stats"].pages.values()))["pages"] == len(read)


@pytest.mark.slow
def test_chinese_fragments_of_every_part_show_the_page_as_written(parted):
    found = fragments_everywhere(parted["output"])
    tc = found["/tc/cases/printer-voc-recovery/"]
    assert WORD_BREAK.join("回收溶劑") in tc["content"] and "溶剂" not in tc["content"].replace(WORD_BREAK, "")
    assert parted["stats"].mismatched == []
    in_parts = set()
    for part in (parted["output"] / "pagefind").glob("part-tc-*"):
        in_parts |= set(fragments_in(part))
    assert in_parts, "the Traditional site has parts"
    for url in in_parts:
        assert "溶剂" not in found[url]["content"] and "东莞" not in found[url]["content"]


@pytest.mark.slow
def test_a_damaged_or_missing_part_stops_the_build(parted, tmp_path):
    bundle = tmp_path / "pagefind"
    shutil.copytree(parted["output"] / "pagefind", bundle)
    part = sorted(bundle.glob("part-sc-*"))[-1]
    victim = sorted((part / "index").glob("*.pf_index"))[0]
    victim.write_bytes(victim.read_bytes()[:20])
    with pytest.raises(BundleError, match=f"{victim.name}: does not decompress"):
        verify_bundle(bundle)
    shutil.rmtree(part)
    with pytest.raises(BundleError, match=f"{part.name}: missing \\(listed by parts.json\\)"):
        verify_bundle(bundle)


@pytest.mark.slow
def test_reindexing_one_language_keeps_the_parts_of_the_others(parted, tmp_path):
    """`make serve` re-indexes only the languages of the changed pages, replacing their parts."""
    output = tmp_path / "site"
    shutil.copytree(parted["output"], output)
    stripped = tmp_path / "stripped"
    shutil.copytree(parted["stripped"], stripped)
    bundle = output / "pagefind"
    before = {path.relative_to(bundle): path.read_bytes() for path in bundle.rglob("*") if path.is_file()}
    page = output / "en" / "cases" / "printer-voc-recovery" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</main>", "<p>Zymurgical audit</p></main>"), encoding="utf-8")
    summaries = dict(parted["summaries"])
    indexer.build_index(output, exclude=DEFAULTS["exclude"], synonyms=synonym_pairs(FIXTURE_SITE), pages=[page.relative_to(output).as_posix()],
                        stripped_dir=stripped, summaries=summaries, pages_per_part=parted["most"])
    after = {path.relative_to(bundle): path.read_bytes() for path in bundle.rglob("*") if path.is_file()}
    chinese = [path for path in before if path.parts[0].startswith(("part-tc", "part-sc")) or path.name.startswith("zh")]
    assert chinese and all(after.get(path) == before[path] for path in chinese), "a Chinese file changed"
    assert json.loads((bundle / "parts.json").read_text()) == json.loads(before[Path("parts.json")])
    assert any("zymurgical" in json.dumps(fragment).lower() for fragment in fragments_everywhere(output).values())
    verify_bundle(bundle, expected_pages=sum(parted["stats"].pages.values()))


QUERIES = [("en", "carbon"), ("en", "waste water"), ("tc", "回收"), ("tc", "废水"), ("sc", "溶劑"), ("sc", "废水回用")]


@pytest.mark.browser
@pytest.mark.parametrize("lang, query", QUERIES)
def test_an_index_in_parts_finds_what_the_whole_index_finds(search_page, fixture_site_url, served, parted, lang, query):
    whole = result_paths(search_page(fixture_site_url, lang, query), lang)
    assert whole, f"{query!r} finds nothing on the fixture site: not a test of the parts"
    in_parts = result_paths(search_page(served(parted["output"]), lang, query), lang)
    assert sorted(in_parts) == sorted(whole)


@pytest.mark.browser
def test_a_filter_counts_the_pages_of_every_part(search_page, fixture_site_url, served, parted):
    whole = search_page(fixture_site_url, "sc", "", params="&type=cases")
    in_parts = search_page(served(parted["output"]), "sc", "", params="&type=cases")
    assert result_paths(whole, "sc") and sorted(result_paths(in_parts, "sc")) == sorted(result_paths(whole, "sc"))
    assert in_parts.inner_text("[data-search-status]") == whole.inner_text("[data-search-status]")
