"""Staff on duty, where only the intranet answers: no page waits on a foreign server.

Every request a page makes, its search worker included, must go to the site itself (or
be inline data). A request elsewhere is recorded and aborted, so a regression shows up
as a list of URLs instead of a slow page.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

INLINE = ("data:", "blob:")


@pytest.fixture
def site_only(new_context, base_url):
    """A desktop context in which any request that leaves the site is aborted."""
    context = new_context(viewport={"width": 1280, "height": 800})

    def only_the_site(route):
        if route.request.url.startswith(base_url):
            route.continue_()
        else:
            route.abort("blockedbyclient")

    context.route("**/*", only_the_site)
    return context


def recording(page) -> list[str]:
    """Every URL the page requests from now on, its web workers' requests included."""
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    return urls


def foreign(urls: list[str], base_url: str) -> list[str]:
    return sorted({url for url in urls if not url.startswith((base_url, *INLINE))})


def test_every_kind_of_page_requests_only_the_site(site_only, base_url, site_pages):
    # The pages load side by side in tabs: each is waited on until its network is idle.
    opened = []
    for path in site_pages:
        page = site_only.new_page()
        urls = recording(page)
        opened.append((page, urls, page.goto(base_url + path, wait_until="commit")))
    problems = []
    for page, urls, response in opened:
        assert response.ok, f"{response.url} answered {response.status}"
        page.wait_for_load_state("networkidle")
        problems += [f"{page.url} -> {url}" for url in foreign(urls, base_url)]

    assert not problems, "requests that leave the site:\n" + "\n".join(problems)


def test_search_requests_only_the_site(site_only, base_url, site_dir, search):
    page = site_only.new_page()
    urls = recording(page)
    page.goto(base_url)
    page.wait_for_load_state("networkidle")
    # A page that is only read downloads nothing of the search index.
    assert not [url for url in urls if "/pagefind/" in url], (
        "the search index loads before anyone searches"
    )

    search(page, "投诉")
    page.wait_for_load_state("networkidle")

    assert not foreign(urls, base_url), "requests that leave the site:\n" + "\n".join(
        foreign(urls, base_url)
    )
    # The query fetched index chunks from the site, not the whole index.
    chunks = {url for url in urls if "/pagefind/index/" in url}
    assert chunks, "the search did not use the site's Pagefind index"
    assert len(chunks) < len(list((site_dir / "pagefind" / "index").iterdir()))
