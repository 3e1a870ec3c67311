"""Every page a reader can reach from the home page: no broken link, anchor, image or
asset, and no id used twice on a page (duplicate ids break anchors and screen readers)."""

from __future__ import annotations

import posixpath
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

import pytest


class PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.links: list[tuple[str, str]] = []  # (tag, url)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes and attributes["id"]:
            self.ids.append(attributes["id"])
        if tag == "a" and "name" in attributes:
            self.ids.append(attributes["name"])
        for name in ("href", "src"):
            value = attributes.get(name)
            if value and not (
                tag == "link" and attributes.get("rel") in ("canonical", "alternate")
            ):
                self.links.append((tag, value))


def target_file(site: Path, page: str, url: str) -> tuple[str, str] | None:
    """The site path and fragment a link points to, or None if it leaves the site."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith(("mailto:", "tel:", "javascript:", "data:")):
        return None
    path, fragment = urldefrag(url)
    if not path:
        return page, fragment
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(path)))
    if path.endswith("/") or (site / resolved).is_dir():
        resolved = posixpath.join(resolved, "index.html")
    return resolved, unquote(fragment)


def crawl(site: Path) -> tuple[dict[str, PageParser], list[str]]:
    pages: dict[str, PageParser] = {}
    problems: list[str] = []
    queue = ["index.html"]
    while queue:
        page = queue.pop()
        if page in pages:
            continue
        parser = PageParser()
        parser.feed((site / page).read_text(encoding="utf-8"))
        pages[page] = parser
        for tag, url in parser.links:
            target = target_file(site, page, url)
            if target is None:
                continue
            path, _ = target
            if not (site / path).is_file():
                problems.append(f"{page}: <{tag}> {url} → {path} is missing")
            elif path.endswith(".html") and path not in pages:
                queue.append(path)
    return pages, problems


@pytest.fixture(scope="module")
def site(shipped_site) -> Path:
    return shipped_site


@pytest.fixture(scope="module")
def crawled(site) -> tuple[dict[str, PageParser], list[str]]:
    """The shipped site crawled from its home page once, for every test here to read."""
    return crawl(site)


def test_no_broken_link_or_asset_from_the_home_page(crawled):
    pages, problems = crawled
    assert len(pages) > 50
    assert problems == []


def test_every_anchor_exists(site, crawled):
    pages, _ = crawled
    missing = []
    for page, parser in pages.items():
        for _tag, url in parser.links:
            target = target_file(site, page, url)
            if (
                target is None
                or not target[1]
                or not target[0].endswith(".html")
                or target[0] not in pages
            ):
                continue
            path, fragment = target
            if fragment not in pages[path].ids and fragment not in ("", "__search"):
                missing.append(f"{page}: {url}")
    assert missing == []


def test_ids_are_unique_on_every_page(crawled):
    pages, _ = crawled
    duplicates = {
        page: [name for name, count in Counter(parser.ids).items() if count > 1]
        for page, parser in pages.items()
    }
    assert {page: names for page, names in duplicates.items() if names} == {}


def test_every_generated_page_is_reachable(site, crawled):
    pages, _ = crawled
    built = {p.relative_to(site).as_posix() for p in site.rglob("*.html")}
    # 404.html is served by the web server, not linked; the offline page is the service
    # worker's fallback.
    unreachable = sorted(built - set(pages) - {"404.html", "offline/index.html"})
    assert unreachable == []
