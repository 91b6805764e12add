"""Listing filters against the pre-built filter pages, on every filtered list (filters.js).

Every list page with an instant filter form (`form[data-module="app-filter"]`), in every
language: with JavaScript the form replaces the filter links; each choice shows exactly the items
that the pre-built filter page lists (where one exists) and as many as its option's count says,
and is kept in the address; two choices combine as the intersection of each alone. Without
JavaScript the links show and the whole list is there. (test_filters.py tests the back button,
sorting and the live count on chosen examples.)
"""

import re

import pytest
from output_pages import LANGS, html_pages

#: Each item shown by the filters, named by its first link (or its text, for a table row).
_SHOWN = """(form) => {
  const target = document.getElementById(form.getAttribute('data-filter-target'));
  return [...target.querySelectorAll('[data-filter-item]')].filter((item) => item.checkVisibility())
    .map((item) => { const link = item.querySelector('a[href]'); return link ? link.getAttribute('href') : item.textContent.trim(); });
}"""
_LISTED = """() => [...document.querySelectorAll('main [data-filter-item]')].map((item) => {
  const link = item.querySelector('a[href]'); return link ? link.getAttribute('href') : item.textContent.trim(); })"""


def filter_pages(output):
    """The list pages that carry an instant filter form, in every language."""
    return [path for path in html_pages(output) if path.endswith("/") and 'data-module="app-filter"' in (output / path / "index.html").read_text(encoding="utf-8")]


def _choices(page):
    """{select name: [(value, count or None)]} of the filter form, without the sort select."""
    return page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('form[data-module="app-filter"] select[name]:not([data-filter-sort])')]
      .map((select) => [select.name, [...select.options].slice(1).map((option) => [option.value, option.textContent.trim()])]))""")


def _count(label):
    match = re.search(r"\(([\d,]+)\)\s*$", label)
    return int(match.group(1).replace(",", "")) if match else None


@pytest.mark.parametrize("lang", LANGS)
def test_instant_filters_match_the_prebuilt_pages(open_page, fixture_output, lang):
    pages = [path for path in filter_pages(fixture_output) if path.startswith(f"{lang}/")]
    assert pages, f"no list page in /{lang}/ has filters"
    page = open_page()
    plain = open_page(javascript=False)  # for the pre-built filter pages
    problems = []
    for path in pages:
        page.goto(page.site_url + path)
        form = page.locator('form[data-module="app-filter"]').first
        if not form.is_visible():
            problems.append(f"/{path}: the filter form stays hidden with JavaScript")
            continue
        fallback = form.get_attribute("data-filter-fallback")
        if fallback and page.locator(f"#{fallback}").is_visible():
            problems.append(f"/{path}: the filter links still show beside the form")
        everything = sorted(form.evaluate(_SHOWN))
        alone = {}
        for name, options in _choices(page).items():
            select = f'form[data-module="app-filter"] select[name="{name}"]'
            for value, label in options:
                page.select_option(select, value)
                shown = sorted(form.evaluate(_SHOWN))
                alone[(name, value)] = set(shown)
                where = f"/{path} {name}={value}"
                if f"{name}={value}" not in page.url:
                    problems.append(f"{where}: the choice is not kept in the address")
                if _count(label) is not None and len(shown) != _count(label):
                    problems.append(f"{where}: shows {len(shown)} items, its option says {_count(label)}")
                if (fixture_output / path / name / value / "index.html").is_file():
                    plain.goto(f"{page.site_url}{path}{name}/{value}/")
                    listed = sorted(plain.evaluate(_LISTED))
                    if listed != shown:
                        problems.append(f"{where}: shows {shown}, the page /{path}{name}/{value}/ lists {listed}")
            page.select_option(select, "")
        if sorted(form.evaluate(_SHOWN)) != everything:
            problems.append(f"/{path}: choosing every select's first option again does not bring the whole list back")
        pairs = [(a, b) for a in alone for b in alone if a[0] < b[0]]
        for (name_a, value_a), (name_b, value_b) in pairs[:3]:
            page.goto(f"{page.site_url}{path}?{name_a}={value_a}&{name_b}={value_b}")
            shown = set(form.evaluate(_SHOWN))
            if shown != alone[(name_a, value_a)] & alone[(name_b, value_b)]:
                problems.append(f"/{path}?{name_a}={value_a}&{name_b}={value_b}: shows {sorted(shown)}, not what both choices share")
    assert not problems, "\n".join(problems)


def test_without_javascript_the_whole_list_and_the_links_show(open_page, fixture_output):
    page = open_page(javascript=False)
    problems = []
    for path in filter_pages(fixture_output):
        page.goto(page.site_url + path)
        form = page.locator('form[data-module="app-filter"]').first
        fallback = form.get_attribute("data-filter-fallback")
        if form.is_visible():
            problems.append(f"/{path}: the filter form shows without JavaScript, where it cannot work")
        if fallback and page.locator(f"#{fallback}").count() and not page.locator(f"#{fallback}").is_visible():
            problems.append(f"/{path}: the filter links are hidden without JavaScript")
        items = page.locator("main [data-filter-item]")
        if items.count() == 0 or items.count() != len([i for i in range(items.count()) if items.nth(i).is_visible()]):
            problems.append(f"/{path}: not every item of the list shows")
    assert not problems, "\n".join(problems)
