"""`make serve` rebuilds (plugins/incremental): after an edit, the site on disk is exactly what a
full, clean build of the edited content gives, while pages the edit does not touch are not even
written again."""

import json
import os
import shutil
import time

import pytest
from pelican import get_instance, parse_arguments

from conftest import FIXTURE_EPOCH, ROOT, build

#: Builds of their own (or the HTML checker): the slow tier (tests/conftest.py, `--slow`).
pytestmark = pytest.mark.slow

NO_SEARCH = {"index": False}  # the index after a rebuild: tests/search/test_one_pass.py


def start_session(content, output, *settings):
    arguments = parse_arguments([str(content), "-o", str(output), "-s", "pelicanconf.py", "-q", "-e",
                                 "INCREMENTAL=true", "CONTRACT_EXIT_ON_ERROR=false", f"SEARCH={json.dumps(NO_SEARCH)}", *settings])
    pelican, _ = get_instance(arguments)
    pelican.run()
    pelican.content, pelican.served, pelican.extra_settings = content, output, settings
    return pelican


@pytest.fixture
def session(fixture_copy, tmp_path, monkeypatch):
    """A `make serve` session on a copy of the fixture site: call it to rebuild."""
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXTURE_EPOCH)
    return start_session(fixture_copy, tmp_path / "served")


def files(folder):
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def assert_same_as_a_full_build(session, tmp_path):
    full = tmp_path / "full"
    result = build(session.content, full, "-e", f"SEARCH={json.dumps(NO_SEARCH)}", *session.extra_settings)
    assert result.returncode == 0, result.stderr
    served, clean = files(session.served), files(full)
    assert sorted(served) == sorted(clean)
    assert [name for name in served if served[name] != clean[name]] == []


def stamps(folder):
    return {path: os.stat(path).st_mtime_ns for path in folder.rglob("*.html")}


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    time.sleep(0.01)  # a new modification time on any file system
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_title_edit_reaches_every_page_that_shows_it_and_no_other(session, tmp_path):
    before = stamps(session.served)
    edit(session.content / "cases/printer-voc-recovery/en.md", "title: A Dongguan printer", "title: A Dongguan print shop")
    session.run()
    written = {path.relative_to(session.served).as_posix() for path, stamp in stamps(session.served).items() if before.get(path) != stamp}
    assert "en/cases/printer-voc-recovery/index.html" in written
    assert "en/cases/index.html" in written  # the list shows its card
    assert "en/technologies/activated-carbon-regeneration/index.html" in written  # so does its technology
    assert "en/about/index.html" not in written and "en/cases/dyeing-water-reuse/index.html" not in written
    assert len(written) < len(before) / 3
    assert "A Dongguan print shop" in (session.served / "en/cases/index.html").read_text(encoding="utf-8")
    # The edited report's own pages are written first (the editor is looking at one of them).
    after = stamps(session.served)
    own = [after[session.served / lang / "cases/printer-voc-recovery/index.html"] for lang in ("en", "tc", "sc")]
    others = [after[session.served / name] for name in written if "/printer-voc-recovery/" not in name]
    assert others and max(own) <= min(others)
    assert_same_as_a_full_build(session, tmp_path)


def test_changed_facts_and_a_deleted_item_match_a_full_build(session, tmp_path):
    edit(session.content / "cases/dyeing-water-reuse/meta.yaml", "city: foshan", "city: shenzhen")
    session.run()
    assert_same_as_a_full_build(session, tmp_path)
    shutil.rmtree(session.content / "cases/printing-plate-water-recycling")
    session.run()
    assert not (session.served / "en/cases/printing-plate-water-recycling").exists()
    assert_same_as_a_full_build(session, tmp_path)


def test_a_deleted_event_leaves_no_calendar_file_behind(session, tmp_path):
    """An event's `event.ics` is written beside its page but not by Pelican's writer: deleting the
    event must remove it (and its folder) too."""
    assert (session.served / "en/events/rinse-water-workshop/event.ics").is_file()
    shutil.rmtree(session.content / "events/rinse-water-workshop")
    session.run()
    assert not (session.served / "en/events/rinse-water-workshop").exists()
    assert_same_as_a_full_build(session, tmp_path)


def test_the_event_list_in_pages_follows_an_edit_and_a_deleted_event(fixture_copy, tmp_path, monkeypatch):
    """One event a page: the title of the event on page 3 reaches that page only among the
    list's pages; an event moved to another year moves across the pages and the filter pages."""
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXTURE_EPOCH)
    session = start_session(fixture_copy, tmp_path / "served", "EVENTS_PER_PAGE=1")
    lists = ["en/events/index.html"] + [f"en/events/page/{n}/index.html" for n in (2, 3, 4)]
    before = stamps(session.served)
    edit(session.content / "events/rinse-water-workshop/en.md", "title: Workshop on rinse water reuse", "title: Workshop on reusing rinse water")
    session.run()
    written = {path.relative_to(session.served).as_posix() for path, stamp in stamps(session.served).items() if before.get(path) != stamp}
    assert [name for name in lists if name in written] == ["en/events/page/3/index.html"]
    assert "Workshop on reusing rinse water" in (session.served / "en/events/cards.json").read_text(encoding="utf-8")
    assert_same_as_a_full_build(session, tmp_path)
    meta = session.content / "events/factory-visit-dongguan/meta.yaml"
    edit(meta, "start: 2013-11-08T14:00", "start: 2015-11-08T14:00")
    edit(meta, "end: 2013-11-08T17:00", "end: 2015-11-08T17:00")
    session.run()
    assert not (session.served / "en/events/year/2013").exists(), "no event of 2013 any more"
    assert (session.served / "en/events/year/2015/page/3/index.html").is_file()
    assert "/en/events/factory-visit-dongguan/" in (session.served / "en/events/page/3/index.html").read_text(encoding="utf-8")
    assert_same_as_a_full_build(session, tmp_path)


def test_a_content_error_keeps_the_last_good_site(session, tmp_path):
    page = session.served / "en/cases/printer-voc-recovery/index.html"
    good, pages = page.read_bytes(), sorted(session.served.rglob("*.html"))
    edit(session.content / "cases/printer-voc-recovery/meta.yaml", "city: dongguan", "city: atlantis")
    session.run()  # reports the error; writes nothing
    assert page.read_bytes() == good
    assert sorted(session.served.rglob("*.html")) == pages
    edit(session.content / "cases/printer-voc-recovery/meta.yaml", "city: atlantis", "city: dongguan")
    session.run()
    assert_same_as_a_full_build(session, tmp_path)


def test_a_template_edit_renders_every_page_again(fixture_copy, tmp_path, monkeypatch):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXTURE_EPOCH)
    served = tmp_path / "served"
    settings = ["INCREMENTAL=true", "CONTRACT_EXIT_ON_ERROR=false", f"SEARCH={json.dumps(NO_SEARCH)}", f"THEME={json.dumps(str(theme))}"]
    pelican, _ = get_instance(parse_arguments([str(fixture_copy), "-o", str(served), "-s", "pelicanconf.py", "-q", "-e", *settings]))
    pelican.run()
    edit(theme / "templates/partials/footer.html", "<footer", '<footer data-edited="yes"')
    pelican.run()
    pages = list(served.rglob("*.html"))
    with_footer = [page for page in pages if "<footer" in page.read_text(encoding="utf-8")]
    assert with_footer and all('data-edited="yes"' in page.read_text(encoding="utf-8") for page in with_footer)
