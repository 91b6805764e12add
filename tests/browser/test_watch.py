"""The watch that every browser test relies on catches what it promises to catch."""


def test_watch_reports_foreign_requests_errors_and_missing_files(open_page):
    page = open_page("en/")
    page.evaluate("""() => {
        const image = document.createElement('img');
        image.src = 'https://example.org/tracker.gif';
        document.body.append(image);
        console.error('broken on purpose');
        return fetch('/no-such-file.css').catch(() => null);
    }""")
    page.wait_for_timeout(300)
    found = list(page.problems)
    page.problems.clear()  # provoked on purpose
    assert any(problem.startswith("request to another host: https://example.org/") for problem in found), found
    assert any("broken on purpose" in problem for problem in found), found
    assert any(problem.startswith("HTTP 404") and "no-such-file.css" in problem for problem in found), found
