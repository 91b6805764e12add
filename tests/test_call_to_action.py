"""content/data/contact.yaml (validated by the contract) and the call to action made from it."""

from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from conftest import ROOT, soup
from plugins.contract.loader import load_content

LANGS = ("en", "tc", "sc")
HEADINGS = {"en": "Apply for an on-site assessment", "tc": "申請實地評估", "sc": "申请现场评估"}
CONTACT = yaml.safe_load((ROOT / "content/data/contact.yaml").read_text(encoding="utf-8"))


def problems_of(content):
    site, problems = load_content(content, root=content.parent)
    return site, [str(problem) for problem in problems if problem.severity == "error"]


def test_contact_file_is_loaded(fixture_copy):
    site, errors = problems_of(fixture_copy)
    assert not errors and site.contact is not None
    assert site.contact.tel_href == "tel:+85200000000"
    assert site.contact.hours_in("sc") != site.contact.hours_in("tc") and "星期一至五" in site.contact.hours_in("sc")


@pytest.mark.parametrize("replace, expected", [
    (('phone: "+852 0000 0000"', "phone: call us"), "content/data/contact.yaml:{line}: phone: 'call us' is not a phone number"),
    (("email: cleaner-production@example.org", "email: nobody"), "content/data/contact.yaml:{line}: email: 'nobody' is not an e-mail address"),
    (("hours:", "opening:"), "content/data/contact.yaml:{line}: unknown key 'opening'"),
])
def test_contact_file_errors_name_the_line(fixture_copy, replace, expected):
    path = fixture_copy / "data" / "contact.yaml"
    text = path.read_text(encoding="utf-8")
    assert replace[0] in text
    path.write_text(text.replace(replace[0], replace[1]), encoding="utf-8")
    line = next(number for number, found in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if found.startswith(replace[1]))
    site, errors = problems_of(fixture_copy)
    assert site is None
    assert any(error.startswith(expected.format(line=line)) for error in errors), errors


def test_contact_file_missing_a_language(fixture_copy):
    path = fixture_copy / "data" / "contact.yaml"
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("  tc:")]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _site, errors = problems_of(fixture_copy)
    assert any(error.startswith("content/data/contact.yaml:") and "address.tc" in error and "missing" in error for error in errors), errors


def cta(output, path):
    html = soup(output / path)
    return html.select_one("main .app-cta")


PAGES = ["", "cases/dongguan-printer-voc-carbon-recovery/", "technologies/activated-carbon-regeneration/", "funding/", "contact/",
         "finder/", "finder/printing/voc/"]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", PAGES)
def test_call_to_action_with_working_phone_and_mail_links(content_output, lang, page):
    section = cta(content_output, f"{lang}/{page}")
    assert section is not None, f"no call to action on /{lang}/{page}"
    assert section.select_one("h2").get_text(strip=True) == HEADINGS[lang]
    tel = section.select_one('a[href^="tel:"]')
    assert tel["href"] == "tel:" + CONTACT["phone"].replace(" ", "")
    assert CONTACT["phone"] in tel.get_text()
    mail = urlsplit(section.select_one('a[href^="mailto:"]')["href"])
    assert mail.path == CONTACT["email"]
    assert parse_qs(mail.query)["subject"][0], "a subject in the page's language"
    assert CONTACT["email"] in section.get_text()
    details = section.select_one(".app-cta__details").get_text()
    if lang != "sc":
        assert CONTACT["hours"][lang] in details and CONTACT["address"][lang] in details


def test_call_to_action_at_the_end_of_case_reports_and_briefs(content_output):
    for path in ("en/cases/dongguan-printer-voc-carbon-recovery", "sc/technologies/activated-carbon-regeneration"):
        html = soup(content_output / path)
        article = html.select_one("main article")
        assert article.find_all(recursive=False)[-1] == article.select_one(".app-cta"), "the last part of the article"


def test_no_call_to_action_where_not_asked_for(content_output):
    assert cta(content_output, "en/about") is None
