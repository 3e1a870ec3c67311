"""A trainee searches the site in Chinese and opens what they find."""

from __future__ import annotations

import re
import shutil
from html import unescape
from pathlib import Path

import pytest
from playwright.sync_api import expect

from generator.offline import page_url
from generator.pagefind import COPIES, index_copies
from generator.search_pages import BODY, search_page, split_pages
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


# --- A large site's index, written in parts --------------------------------------------


@pytest.fixture(scope="module")
def parted_site(tmp_path_factory, site_dir):
    """The shipped site with its index written in three parts, as a site past
    generator.search_pages.PART_PAGES is (the same code, with a lower limit): the site, and
    the part (0, 1, 2) of each indexed page, as a path below the base URL."""
    root = tmp_path_factory.mktemp("parted")
    site = root / "site"
    shutil.copytree(site_dir, site, ignore=shutil.ignore_patterns("pagefind"))
    sizes = {}
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        if BODY in html:
            page = path.relative_to(site).as_posix()
            copy = root / "copies" / COPIES / page
            copy.parent.mkdir(parents=True, exist_ok=True)
            sizes[page] = copy.write_bytes(search_page(html).encode("utf-8"))
    worker = site / "assets" / "training" / "search-worker.js"
    index_copies(site, root / "copies", sizes, worker, most_pages=len(sizes) // 3 + 1).wait()
    parts = split_pages(sizes, len(sizes) // 3 + 1)
    assert len(parts) == 3
    part_of = {
        page_url(path, True).removeprefix("./"): number
        for number, part in enumerate(parts)
        for path in part
    }
    return site, part_of


def test_a_site_indexed_in_parts_is_searched_as_one(page, parted_site, search):
    site, part_of = parted_site
    with serving(site) as url:
        requested = []
        page.on("request", lambda request: requested.append(request.url))
        page.goto(url)

        pages = result_pages(search(page, "投诉"))

        found = [address.removeprefix(url) for address in pages]
        assert len(found) >= 10, found
        # Pages of every part are listed, and each part was asked only for its own chunks.
        assert {part_of[address] for address in found} == {0, 1, 2}, found
        for folder in ("pagefind/index/", "pagefind/part-2/index/", "pagefind/part-3/index/"):
            assert any(address.startswith(url + folder) for address in requested), folder
        # One script and one WebAssembly module serve all three parts.
        assert sum(address.endswith("/pagefind.js") for address in requested) == 1
        assert not (site / "pagefind" / "part-2" / "pagefind.js").exists()


# A part without the word answers with pages that merely share its first characters (沙 of
# 沙池, 物业 of 物业费), as one index does for a word no page has as a word (物业费 here).
@pytest.mark.parametrize("word", ["沙池", "物业费"])
def test_in_parts_a_word_lists_only_the_pages_that_have_it(page, parted_site, search, word):
    site, _ = parted_site
    having = indexed_pages_containing(site, word)
    with serving(site) as url:
        page.goto(url)

        pages = [address.removeprefix(url) for address in result_pages(search(page, word))]

    assert pages and set(pages) <= set(having), f"{word}: {pages}"
    if word == "沙池":
        assert pages[0] == "cases/sand-pit/", pages[:5]


def test_in_parts_a_phrase_found_word_for_word_ranks_its_page_first(page, parted_site, search):
    site, _ = parted_site
    (expected,) = indexed_pages_containing(site, "这不归我管")
    with serving(site) as url:
        page.goto(url)

        pages = result_pages(search(page, "这不归我管"))

    assert pages[0] == url + expected, pages[:5]
