"""theme/static/js/filters.js in a real browser: instant filters, state in the address, sorting."""

from .support import PHONE


def shown(page, container):
    return page.eval_on_selector_all(f"#{container} [data-filter-item]", "items => items.filter(item => item.checkVisibility()).length")


def test_case_filters_combine_and_live_in_the_address(open_page):
    page = open_page("en/cases/")
    assert page.is_hidden("#case-filters-links") and page.is_visible("#case-filters-form")
    assert shown(page, "case-list") == 3
    page.select_option("#case-filters-sector", "printing")
    assert shown(page, "case-list") == 2
    assert page.url.endswith("/en/cases/?sector=printing")
    assert page.text_content("#case-count") == "Showing 2 of 3 case reports"
    page.select_option("#case-filters-year", "2014")
    assert shown(page, "case-list") == 1
    assert page.url.endswith("?sector=printing&year=2014")
    page.select_option("#case-filters-city", "shenzhen")
    assert shown(page, "case-list") == 0 and page.is_visible("#case-empty")
    page.go_back()
    page.wait_for_function("() => document.querySelector('#case-filters-city').value === ''")
    assert shown(page, "case-list") == 1, "the back button undoes the last choice"
    page.click("#case-filters-form [data-filter-clear]")
    assert shown(page, "case-list") == 3 and page.url.endswith("/en/cases/")


def test_a_shared_address_opens_filtered(open_page):
    page = open_page("tc/cases/?category=wastewater&issue=chemicals", width=PHONE)
    assert page.input_value("#case-filters-category") == "wastewater"
    assert shown(page, "case-list") == 1
    assert page.text_content("#case-count") == "顯示3份個案報告中的1份"


def test_event_filters_hide_empty_groups(open_page):
    page = open_page("en/events/?type=workshop")
    assert shown(page, "event-list") == 1
    assert page.is_hidden("section[data-filter-group=upcoming]")
    assert page.is_visible("section[data-filter-group=past-2014]")
    assert page.is_hidden("section[data-filter-group=past-2013]")


def test_awardees_sort_by_name_and_back_to_years(open_page):
    page = open_page("en/awardees/")
    names = "rows => rows.filter(row => row.checkVisibility()).map(row => row.dataset.sortName)"
    by_year = page.eval_on_selector_all("#awardee-table [data-filter-item]", names)
    page.select_option("#awardee-filters-sort", "name")
    assert page.eval_on_selector_all("#awardee-table [data-filter-item]", names) == sorted(by_year)
    assert page.is_hidden(".app-directory__group >> nth=0"), "year headings stand aside while sorted by name"
    page.select_option("#awardee-filters-sort", "")
    assert page.eval_on_selector_all("#awardee-table [data-filter-item]", names) == by_year
    page.select_option("#awardee-filters-year", "2013")
    assert page.text_content("#awardee-count") == "Showing 2 of 5 awardees"


def test_without_javascript_the_filters_are_links(open_page):
    page = open_page("en/cases/", javascript=False)
    assert page.is_hidden("#case-filters-form")
    page.click("#case-filters-links summary >> text=Sector")
    page.click("#case-filters-links a[href='/en/cases/sector/printing/']")
    assert page.url.endswith("/en/cases/sector/printing/")
    assert page.locator("#case-list .app-card").count() == 2
