"""No broken internal link, resource or fragment anywhere in the built sites (tools/linkcheck.py)."""

import pytest

from tools.linkcheck import LinkChecker, main


def test_no_broken_internal_link(built_site):
    problems = LinkChecker(built_site).problems()
    assert not problems, "\n".join(f"{page}: {link}: {problem}" for page, link, problem in problems[:80])


@pytest.fixture
def tiny_site(tmp_path):
    """A two-page site with one good and several broken links of each kind."""
    (tmp_path / "en" / "cases").mkdir(parents=True)
    (tmp_path / "theme").mkdir()
    (tmp_path / "theme" / "site.css").write_text("body { background: url(../missing.png); }")
    (tmp_path / "en" / "index.html").write_text(
        '<!DOCTYPE html><html><head><link rel="stylesheet" href="/theme/site.css">'
        '<link rel="canonical" href="http://localhost:8000/en/"></head><body>'
        '<a href="cases/">ok</a> <a href="/en/cases/#facts">ok</a> <a href="#top">ok</a>'
        '<a href="https://example.org/nowhere/">another site</a> <a href="mailto:a@b.hk">mail</a>'
        '<a href="/en/technologies/">missing page</a> <a href="/en/cases/#no-such-id">missing id</a>'
        '<img src="/media/x.png" srcset="/media/x-480.webp 480w, /theme/site.css 960w" alt="">'
        '<a href="http://localhost:8000/tc/">missing language</a></body></html>'
    )
    (tmp_path / "en" / "cases" / "index.html").write_text('<!DOCTYPE html><html><body><h2 id="facts">Facts</h2><a href="../">up</a></body></html>')
    return tmp_path


def test_the_checker_finds_each_kind_of_broken_link(tiny_site):
    found = {(page, link) for page, link, problem in LinkChecker(tiny_site).problems()}
    assert found == {
        ("/en/", "/en/technologies/"),
        ("/en/", "/en/cases/#no-such-id"),
        ("/en/", "/media/x.png"),
        ("/en/", "/media/x-480.webp"),
        ("/en/", "http://localhost:8000/tc/"),
        ("/theme/site.css", "../missing.png"),
    }


def test_the_command_reports_and_fails(tiny_site, capsys):
    assert main([str(tiny_site)]) == 1
    assert "/en/: /en/cases/#no-such-id: no element with id=\"no-such-id\" on /en/cases/" in capsys.readouterr().out
