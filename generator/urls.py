"""Where a page is served: the one rule that turns a page's Markdown uri into its address
and its HTML file, for both of MkDocs' URL styles (``use_directory_urls``).

Rendering links (RenderSettings in render/page.py), the page-clash check (site_paths.py),
the offline pack (offline.py) and Pagefind's excerpt reader (from an address back to its
file) all ask here, so the rule is written once. It follows MkDocs' own ``File``
(tests/test_urls.py holds it to that): with directory URLs ``cases/x.md`` is served at
``cases/x/`` from ``cases/x/index.html``, an index page (or a README) at its folder;
without, ``cases/x.md`` is ``cases/x.html``.
"""

from __future__ import annotations

import posixpath

# Page names that MkDocs serves as their folder's index.
_INDEX_NAMES = ("index", "README")


def site_path(uri: str, directory_urls: bool) -> str:
    """Where a page's HTML is served, relative to the site root ("" for the home page)."""
    folder, _, name = uri.removesuffix(".md").rpartition("/")
    if name in _INDEX_NAMES:
        name = "index"
    if not directory_urls:
        return posixpath.join(folder, f"{name}.html")
    served = folder if name == "index" else posixpath.join(folder, name)
    return f"{served}/" if served else ""


def html_file(uri: str, directory_urls: bool) -> str:
    """The file MkDocs writes for a page, relative to the site folder."""
    path = site_path(uri, directory_urls)
    return path + "index.html" if path.endswith("/") or not path else path


def file_url(path: str, directory_urls: bool) -> str:
    """A built HTML file's address relative to the site root, as a link or a service
    worker asks for it: ``x/index.html`` is ``x/``, the home page ``./``."""
    if directory_urls and (path == "index.html" or path.endswith("/index.html")):
        return path[: -len("index.html")] or "./"
    return path


def url_file(url: str) -> str:
    """The other way round: the HTML file a page's address (relative to the site root)
    is served from; ``x/`` is ``x/index.html``, the home page ``index.html``."""
    url = url.removeprefix("./")
    return url + "index.html" if url == "" or url.endswith("/") else url


def relative_link(from_uri: str, to_uri: str, directory_urls: bool) -> str:
    """A relative href between two pages, for raw HTML that Markdown does not rewrite."""
    source = site_path(from_uri, directory_urls)
    # A page served as a folder (x/) links from inside it; an x.html page from beside it.
    start = source.rstrip("/") if directory_urls else posixpath.dirname(source)
    target = site_path(to_uri, directory_urls)
    relative = _relative_path(target, start)
    if directory_urls and target.endswith("/") and relative != ".":
        relative += "/"
    return "./" if relative == "." else relative


def _relative_path(target: str, start: str) -> str:
    # posixpath.relpath of two paths inside the site, without its two calls to os.getcwd
    # (13,000 links at 1,000 cases; tests/test_urls.py holds it to relpath).
    to, start_parts = _parts(target), _parts(start)
    if ".." in to or ".." in start_parts:
        return posixpath.relpath(target or ".", start or ".")
    common = 0
    for a, b in zip(to, start_parts, strict=False):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(start_parts) - common) + to[common:]) or "."


def _parts(path: str) -> list[str]:
    return [part for part in posixpath.normpath(path).split("/") if part and part != "."]


def absolute_url(site_url: str, uri: str, directory_urls: bool) -> str:
    """A page's full address on the published site (for QR codes on printouts)."""
    return site_url.rstrip("/") + "/" + site_path(uri, directory_urls)
