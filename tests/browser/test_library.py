"""A trainee narrows the case library with its filters, shares the filtered link, and
can still read every case when JavaScript is off."""

from __future__ import annotations

import html
import re
from collections import Counter
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def partial_tags(cases) -> list[str]:
    """Tags that some cases carry and others do not, most used first."""
    counts = Counter(tag for case in cases.values() for tag in set(case.tags))
    tags = [
        tag
        for tag, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        if count < len(cases)
    ]
    if len(tags) < 2:
        pytest.fail(
            "the library stories need two tags that only some cases carry; the project has "
            + repr(tags)
        )
    return tags


def tagged(cases, tag: str) -> set[str]:
    return {case.id for case in cases.values() if tag in case.tags}


def visible_case_ids(page) -> set[str]:
    hrefs = page.locator(".tk-card:visible h3 a:not(.headerlink)").evaluate_all(
        "links => links.map(a => a.href)"
    )
    return {re.search(r"/cases/([^/]+)/", href).group(1) for href in hrefs}


def query_of(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def expect_count(page, shown: int, total: int) -> None:
    expect(page.locator(".tk-filter-count")).to_have_text(f"显示 {shown} / {total} 个案例")


def test_a_tag_in_the_link_shows_only_its_cases(page, base_url, cases):
    tag = partial_tags(cases)[0]

    page.goto(f"{base_url}cases/?tag={quote(tag)}")

    expect(page.locator("select[name=tag]")).to_have_value(tag)
    expect_count(page, len(tagged(cases, tag)), len(cases))
    assert visible_case_ids(page) == tagged(cases, tag)


def test_changing_a_filter_updates_the_list_the_count_and_the_link(page, base_url, cases):
    # Two tags that only some cases carry, the second on a case with a complaint category.
    tags = partial_tags(cases)
    second = next(t for t in tags if any(cases[c].categories for c in tagged(cases, t)))
    first = next(t for t in tags if t != second)
    page.goto(f"{base_url}cases/?tag={quote(first)}")
    expect_count(page, len(tagged(cases, first)), len(cases))

    page.locator("select[name=tag]").select_option(second)

    expect_count(page, len(tagged(cases, second)), len(cases))
    assert visible_case_ids(page) == tagged(cases, second)
    assert query_of(page) == {"tag": [second]}

    # Narrowing further by complaint category keeps both filters in the link.
    category = next(
        (c for case_id in sorted(tagged(cases, second)) for c in cases[case_id].categories), None
    )
    assert category, f"no case tagged {second} names a complaint category"
    page.locator("select[name=category]").select_option(category)
    expected = {
        case.id for case in cases.values() if second in case.tags and category in case.categories
    }
    expect_count(page, len(expected), len(cases))
    assert visible_case_ids(page) == expected
    assert query_of(page) == {"tag": [second], "category": [category]}


def test_filters_that_match_nothing_say_so(page, base_url, cases):
    tags = sorted({tag for case in cases.values() for tag in case.tags})
    categories = sorted({c for case in cases.values() for c in case.categories})
    tag, category = next(
        (
            (tag, category)
            for tag in tags
            for category in categories
            if not any(tag in case.tags and category in case.categories for case in cases.values())
        ),
        (None, None),
    )
    assert tag, "every tag meets every complaint category: no empty combination to try"

    page.goto(f"{base_url}cases/?tag={quote(tag)}&category={quote(category)}")

    expect_count(page, 0, len(cases))
    expect(page.locator(".tk-library-empty")).to_be_visible()
    assert visible_case_ids(page) == set()


def test_clearing_the_filters_shows_every_case(page, base_url, cases):
    tag = partial_tags(cases)[0]
    page.goto(f"{base_url}cases/?tag={quote(tag)}")
    expect_count(page, len(tagged(cases, tag)), len(cases))

    page.get_by_role("button", name="清除筛选").click()

    expect_count(page, len(cases), len(cases))
    assert visible_case_ids(page) == set(cases)
    expect(page.locator("select[name=tag]")).to_have_value("")
    assert page.url == f"{base_url}cases/"


def test_without_javascript_every_case_is_listed_and_links_work(new_context, base_url, cases):
    page = new_context(java_script_enabled=False).new_page()

    page.goto(f"{base_url}cases/?tag={quote(partial_tags(cases)[0])}")

    # The filters need JavaScript, so they stay hidden and nothing is filtered out.
    expect(page.locator("[data-tk-library-filters]")).to_be_hidden()
    assert visible_case_ids(page) == set(cases)
    links = page.locator(".tk-card h3 a:not(.headerlink)")
    for href in links.evaluate_all("links => links.map(a => a.href)"):
        response = page.request.get(href)
        assert response.ok, f"{href} answered {response.status}"
        case_id = re.search(r"/cases/([^/]+)/$", href).group(1)
        assert cases[case_id].title in html.unescape(response.text()), (
            f"{href} is not the page of {case_id}"
        )
    sand_pit = cases["sand-pit"]
    page.locator(".tk-card").get_by_role("link", name=sand_pit.title, exact=True).click()
    page.wait_for_url(f"{base_url}cases/sand-pit/")
    expect(page.locator("article h1")).to_contain_text(sand_pit.title)
