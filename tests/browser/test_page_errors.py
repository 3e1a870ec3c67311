"""Every kind of page opens without a script error, on a desktop and on a phone.

A page error (an exception no script caught) or a console error (a script's
console.error, a file that failed to load) is what a trainee never sees but what stops
the page's scripts halfway: a procedure page once threw on every visit because Material's
instant navigation assigned ``href`` to the flowchart's SVG links.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import MOBILE, ROOT, SAND_PIT

pytestmark = pytest.mark.browser

PROCEDURE = "complaint-handling"
# What each kind of page is called, and where the built site has one. A folder ending in
# "/*/" stands for its first subfolder, so the test follows the content.
PAGE_KINDS = {
    "home": "",
    "lesson": "lessons/*/",
    "case": f"cases/{SAND_PIT}/",
    "library": "cases/",
    "reference": "reference/*/",
    "procedure": f"procedures/{PROCEDURE}/",
    "checklist": f"print/checklists/{PROCEDURE}/",
    "form": "print/forms/*/",
    "quiz": "quizzes/lesson-*/",
    "mix": "quizzes/mix/",
    "progress": "quizzes/progress/",
    "tags": "tags/",
}
SCREENS = {
    "desktop": dict(viewport={"width": 1280, "height": 800}),
    "phone": dict(viewport=MOBILE, device_scale_factor=2, is_mobile=True, has_touch=True),
}


def page_of_kind(site: Path, pattern: str) -> str:
    if "*" not in pattern:
        assert (site / pattern / "index.html").is_file(), (
            f"the built site has no {pattern or 'home page'}"
        )
        return pattern
    found = sorted(path.parent for path in site.glob(pattern + "index.html"))
    assert found, f"the built site has no page matching {pattern}"
    return found[0].relative_to(site).as_posix() + "/"


def errors_on(page, url: str) -> list[str]:
    """Open url and wait until the page is idle: every page error and console error met."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(f"page error: {error}"))
    page.on(
        "console",
        lambda message: message.type == "error" and errors.append(f"console error: {message.text}"),
    )
    page.goto(url)
    page.wait_for_load_state("networkidle")
    # Scripts bound to Material's document$ run once the page has loaded.
    page.wait_for_timeout(300)
    return errors


@pytest.mark.parametrize("screen", list(SCREENS))
@pytest.mark.parametrize("kind", list(PAGE_KINDS))
def test_page_opens_without_errors(new_context, base_url, site_dir, kind, screen):
    path = page_of_kind(site_dir, PAGE_KINDS[kind])
    page = new_context(**SCREENS[screen]).new_page()

    assert errors_on(page, base_url + path) == [], f"{kind} page /{path} on a {screen}"


@pytest.mark.parametrize("screen", list(SCREENS))
def test_every_procedure_and_reference_page_opens_without_errors(new_context, base_url, screen):
    # One page of each template is not enough here: the flowchart differs per procedure,
    # and every reference page has its own template.
    paths = [f"procedures/{path.stem}/" for path in sorted((ROOT / "procedures").glob("*.yml"))]
    paths += [f"reference/{path.stem}/" for path in sorted((ROOT / "reference").glob("*.yml"))]
    page = new_context(**SCREENS[screen]).new_page()
    found = {path: errors_on(page, base_url + path) for path in paths}
    assert {path: errors for path, errors in found.items() if errors} == {}


def test_a_flowchart_link_is_not_touched_by_instant_navigation(page, base_url):
    """Material's instant navigation rewrites every element matching [href]; the SVG links
    carry xlink:href, which it leaves alone, and a click still lands on the step."""
    page.goto(f"{base_url}procedures/{PROCEDURE}/")
    links = page.locator(".tk-flowchart a.fc-step")
    assert links.count() >= 8
    assert page.evaluate("document.querySelectorAll('svg a[href]').length") == 0
    step = links.nth(2).get_attribute("xlink:href")
    links.nth(2).click()
    page.wait_for_function("id => location.hash === id", arg=step)
