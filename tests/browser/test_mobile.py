"""Staff on duty read the site on a phone: at 360 px wide no page scrolls sideways."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

WIDTH = 360  # the `mobile_page` viewport: 360x740 CSS pixels

# The elements whose right edge sticks out of the viewport, to say what overflows.
OVERFLOWING = """width => Array.from(document.querySelectorAll("body *"))
  .filter(el => el.getBoundingClientRect().right > width + 0.5 && el.getClientRects().length)
  .filter(el => !el.closest("[hidden], .md-sidebar, .md-search, .md-nav"))
  .slice(0, 8)
  .map(el => `<${el.tagName.toLowerCase()} class="${el.className}"> right=${Math.round(el.getBoundingClientRect().right)}`)"""


def assert_no_sideways_scrolling(page) -> None:
    # Measure the page at rest: while Material's search overlay grows (a scaled circle)
    # a mobile Chromium briefly widens the layout viewport to the animation's extent.
    page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= WIDTH, (
        f"{page.url} is {scroll_width}px wide on a {WIDTH}px phone; overflowing: "
        + "; ".join(page.evaluate(OVERFLOWING, WIDTH))
    )


def test_page_fits_a_phone(mobile_page, base_url, site_page):
    mobile_page.goto(base_url + site_page.path)

    assert_no_sideways_scrolling(mobile_page)


def test_search_results_fit_a_phone(mobile_page, base_url, search):
    mobile_page.goto(base_url)

    results = search(mobile_page, "投诉", via_icon=True)

    assert results.count() >= 1
    assert_no_sideways_scrolling(mobile_page)
