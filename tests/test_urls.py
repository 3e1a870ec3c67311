"""A page's address is worked out in one place (generator/urls.py) and agrees with MkDocs,
in both URL styles: a QR code on a printed checklist, a link in a quiz and the offline
pack all point where MkDocs put the page."""

from __future__ import annotations

import posixpath

import pytest
from mkdocs.structure.files import File

from generator import urls

URIS = [
    "index.md",
    "README.md",
    "cases/index.md",
    "cases/sand-pit.md",
    # An id that ends in "index" is a page of its own, not its folder's index.
    "cases/reindex.md",
    "procedures/complaint-handling/print.md",
    "lessons/welcome.md",
]


@pytest.mark.parametrize("directory_urls", [True, False])
@pytest.mark.parametrize("uri", URIS)
def test_a_page_is_where_mkdocs_puts_it(uri, directory_urls):
    page = File(uri, "docs", "site", directory_urls)
    assert urls.html_file(uri, directory_urls) == page.dest_uri
    assert urls.file_url(page.dest_uri, directory_urls) == page.url
    assert urls.url_file(page.url) == page.dest_uri  # an address back to its file
    # Relative to the site root, the home page is "" (MkDocs writes "./").
    assert urls.site_path(uri, directory_urls) == page.url.removeprefix("./")


@pytest.mark.parametrize(
    ("source", "target", "directory_urls", "href"),
    [
        ("quizzes/progress.md", "quizzes/basics.md", True, "../basics/"),
        ("quizzes/progress.md", "quizzes/basics.md", False, "basics.html"),
        ("quizzes/mix.md", "quizzes/mix.md", True, "./"),
        # From the home page the link stays inside the site, wherever the build runs.
        ("index.md", "cases/sand-pit.md", True, "cases/sand-pit/"),
        ("index.md", "cases/sand-pit.md", False, "cases/sand-pit.html"),
        ("cases/sand-pit.md", "cases/index.md", True, "../"),
    ],
)
def test_a_link_between_two_pages_is_relative(source, target, directory_urls, href):
    assert urls.relative_link(source, target, directory_urls) == href


def test_a_link_is_what_posixpath_relpath_makes_of_the_two_addresses():
    uris = [*URIS, "a/b/c/d.md", "a/b/x.md", "a/index.md", "b/a.md"]
    for directory_urls in (True, False):
        for source in uris:
            for target in uris:
                start = urls.site_path(source, directory_urls)
                start = start.rstrip("/") if directory_urls else posixpath.dirname(start)
                expected = posixpath.relpath(
                    urls.site_path(target, directory_urls) or ".", start or "."
                )
                href = urls.relative_link(source, target, directory_urls)
                assert href.rstrip("/") == expected.rstrip("/") or (href, expected) == (
                    "./",
                    ".",
                ), (
                    source,
                    target,
                )


def test_a_printout_carries_the_full_address():
    assert (
        urls.absolute_url("https://kb.example.cn/training/", "cases/index.md", True)
        == "https://kb.example.cn/training/cases/"
    )
    assert (
        urls.absolute_url("https://kb.example.cn", "cases/sand-pit.md", False)
        == "https://kb.example.cn/cases/sand-pit.html"
    )
