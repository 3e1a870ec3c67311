"""Staff on duty read the site on a phone: at 360 px wide no page scrolls sideways."""

from __future__ import annotations

import pytest

from tests.browser.conftest import scripts_ready

pytestmark = pytest.mark.browser

WIDTH = 360  # the `mobile_page` viewport: 360x740 CSS pixels

# The elements whose right edge sticks out of the page, to say what overflows. Material's
# drawer, search overlay and toast sit outside the page on purpose and are left out.
OVERFLOWING = """width => Array.from(document.querySelectorAll("body *"))
  .filter(el => el.getBoundingClientRect().right > width + 0.5 && el.getClientRects().length)
  .filter(el => !el.closest("[hidden], .md-dialog, .md-sidebar, .md-search__overlay"))
  .slice(0, 8)
  .map(el => `<${el.tagName.toLowerCase()} class="${el.getAttribute("class") || ""}">`
    + ` right=${Math.round(el.getBoundingClientRect().right)}`)"""


def sideways_overflow(page) -> str | None:
    """What makes the page wider than the phone, or None when it fits."""
    # Measure the page at rest: its scripts run (they come after the first paint and may
    # change the layout once more), and while Material's search overlay grows (a scaled
    # circle) a mobile Chromium briefly widens the layout viewport to the animation's extent.
    scripts_ready(page)
    page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    if scroll_width <= WIDTH:
        return None
    return f"{page.url} is {scroll_width}px wide: " + "; ".join(page.evaluate(OVERFLOWING, WIDTH))


def test_every_kind_of_page_fits_a_phone(mobile_page, base_url, site_pages):
    problems = []
    for path in site_pages:
        response = mobile_page.goto(base_url + path)
        assert response.ok, f"{response.url} answered {response.status}"
        if problem := sideways_overflow(mobile_page):
            problems.append(problem)

    assert not problems, f"pages that scroll sideways on a {WIDTH}px phone:\n" + "\n".join(problems)


def test_search_results_fit_a_phone(mobile_page, base_url, search):
    mobile_page.goto(base_url)

    results = search(mobile_page, "投诉", via_icon=True)

    assert results.count() >= 1
    assert sideways_overflow(mobile_page) is None, sideways_overflow(mobile_page)
