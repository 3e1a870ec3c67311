"""A trainee searches the site in Chinese and opens what they find."""

from __future__ import annotations

import re
import shutil
from html import unescape
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ROOT, build_site, serving

pytestmark = pytest.mark.browser


def test_searching_for_the_sand_pit_leads_to_its_case(page, base_url, cases, search):
    sand_pit = cases["sand-pit"]
    page.goto(base_url)

    results = search(page, "沙池")

    first = results.first
    assert re.match(
        re.escape(base_url) + r"cases/sand-pit/(\?|#|$)", first.get_attribute("href")
    ), "the first result for 沙池 should be the sand-pit case, got " + ", ".join(
        link.get_attribute("href") for link in results.all()[:5]
    )
    first.click()
    page.wait_for_url(re.compile(re.escape(base_url) + r"cases/sand-pit/"))
    expect(page.locator("article h1")).to_contain_text(sand_pit.title)


@pytest.mark.parametrize(
    "query", [pytest.param("投诉", id="complaint"), pytest.param("业主", id="owner")]
)
def test_common_words_find_pages(page, base_url, search, query):
    page.goto(base_url)

    results = search(page, query)

    assert results.count() >= 1
    meta = page.locator(".md-search-result__meta").inner_text()
    assert re.search(r"\d+", meta), f"the result count is not shown: {meta!r}"
    # The word itself is found and highlighted, not only pages that share a character.
    expect(page.locator(".md-search-result mark", has_text=query).first).to_be_visible()
    for link in results.all():
        assert link.get_attribute("href").startswith(base_url)


# --- Across scripts and phrases --------------------------------------------------------


def result_pages(results) -> list[str]:
    """The pages listed (one link a page; sections below it left out), without ?h=…#…."""
    pages = [re.sub(r"[?#].*", "", link.get_attribute("href")) for link in results.all()]
    return list(dict.fromkeys(pages))


def test_a_query_in_traditional_characters_finds_what_its_simplified_form_finds(
    new_context, base_url, search
):
    found = {}
    for query in ("投诉", "投訴"):
        page = new_context(viewport={"width": 1280, "height": 800}).new_page()
        page.goto(base_url)
        found[query] = result_pages(search(page, query))
        # The Simplified word is what the pages say, and what is highlighted.
        expect(page.locator(".md-search-result mark", has_text="投诉").first).to_be_visible()
    assert found["投訴"] == found["投诉"]
    # The complaint pages are among them: lessons, procedures and reference pages on complaints.
    complaint_pages = [url for url in found["投訴"] if "complain" in url]
    assert len(complaint_pages) >= 3, found["投訴"]
    assert len(found["投訴"]) >= 10


def indexed_pages_containing(site: Path, phrase: str) -> list[str]:
    """The pages Pagefind indexes whose text has the phrase word for word."""
    pages = []
    for path in sorted(site.rglob("index.html")):
        html = path.read_text(encoding="utf-8")
        if "data-pagefind-body" not in html:
            continue
        body = html[html.index("data-pagefind-body") :]
        body = body[: body.find("</article>")]
        text = re.sub(r"[\s\u200b]+", "", unescape(re.sub(r"<[^>]+>", "", body)))
        if phrase in text:
            pages.append(
                "" if path.parent == site else path.parent.relative_to(site).as_posix() + "/"
            )
    return pages


# Phrases staff remember from a lesson, each on one page only: Pagefind alone ranks their
# page 6th and 9th, below pages that merely share the words 不, 归, 管.
@pytest.mark.parametrize("phrase", ["这不归我管", "不归你管"])
def test_a_phrase_found_word_for_word_ranks_its_page_first(
    page, base_url, site_dir, search, phrase
):
    (expected,) = indexed_pages_containing(site_dir, phrase) or [None]
    assert expected, f"no page of the site has {phrase} word for word"
    page.goto(base_url)

    pages = result_pages(search(page, phrase))

    assert pages[0] == base_url + expected, f"{phrase}: {pages[:5]}"
    # The phrase is marked whole in that page's result, not only its pieces.
    assert (
        page.locator(".md-search-result__item").first.locator("mark", has_text=phrase).count() >= 1
    )


# --- What a trainer typed is shown as text in the results, never run ------------------


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """The minimal project plus the bad-input case whose title, summary and tags are HTML."""
    root = tmp_path_factory.mktemp("hostile")
    project = root / "project"
    shutil.copytree(ROOT / "tests" / "fixtures" / "minimal", project)
    shutil.copy(ROOT / "tests" / "bad_inputs" / "script-in-title.yml", project / "cases")
    build_site(project, root / "site")
    with serving(root / "site") as url:
        yield url


def test_html_in_a_case_shows_as_text_in_search_results(page, hostile_site, search):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(hostile_site)

    results = search(page, "一段脚本")

    assert results.count() >= 1
    result = page.locator(".md-search-result__item").first
    expect(result.locator("h1")).to_have_text("<script>alert(1)</script>")
    assert result.locator("script, img, svg, iframe, b").count() == 0
    assert dialogs == []
