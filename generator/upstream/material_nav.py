"""Material's sidebar navigation rendered once for all the pages that get the same HTML from
it: pages kept out of the nav (cases, printouts) in the same folder with the same items
active. At 1,000 cases Material's template spent about half its time on the sidebar of each
page, the same 11 KB a thousand times over.

Why: Material renders partials/nav.html for every page. Its HTML depends on the page only
through the page's place in the nav (its table of contents when it is a nav item), which items
are active, and the links' URLs, written relative to the page; for a page outside the nav,
in a folder no nav link leads into, those are the same as for its neighbours in the folder
above. generator/theme/partials/nav.html (our template, found before Material's) asks
``NavCache.get`` for the page's HTML and, when there is none yet, includes Material's own
template (read here from Material's folder) and keeps what it wrote, its runs of white
space made one line break (4.9 KB less of a case page's 37 KB; the same page on screen).

Assumes (mkdocs-material 9.8.x, mkdocs 1.6.1): base.html includes "partials/nav.html" with
the page's context; nav.html and nav-item.html read the page only as ``page`` compared with
nav items, as ``page.toc`` when it is one, and as the base of the ``url`` filter (mkdocs'
``get_relative_url(url, page.url)``); every other value they read (nav items and their
``active`` flags, config, features, language) is the same for every page of one build.
tests/test_nav_cache.py builds the site with and without the cache and compares every page.

Delete when: Material caches its navigation.
"""

from __future__ import annotations

import re
from pathlib import Path

import material
from jinja2 import Environment, Template
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

MATERIAL_NAV = Path(material.__file__).parent / "templates" / "partials" / "nav.html"
_WHITE_SPACE = re.compile(r"[ \t]*\n\s*")


class NavCache:
    """What Material's nav.html wrote, by the pages that get the same."""

    def __init__(self, env: Environment, *links: str | None):
        # Material's template under a name of its own: ours hides it in the loader.
        self.template: Template = env.from_string(MATERIAL_NAV.read_text(encoding="utf-8"))
        self.links = links
        self.nav: Navigation | None = None

    def _learn(self, nav: Navigation) -> None:
        """The build's nav, as the first page's context gives it (the same for every page)."""
        self.nav = nav
        self.items = list(_walk(nav.items))
        self.in_nav = {id(page) for page in nav.pages}
        urls = [item.url for item in self.items if getattr(item, "url", None) is not None]
        urls += [nav.homepage.url if nav.homepage else "", *(link or "" for link in self.links)]
        # Folders some link leads into or below: a page there does not share its sidebar.
        self.entered = {()} | {
            _parts(url)[:n] for url in urls for n in range(1, 1 + len(_parts(url)))
        }
        self.html: dict[tuple, str] = {}

    def key(self, page: Page, nav: Navigation) -> tuple | None:
        """Pages with the same key get the same sidebar; None: render it for this page."""
        if nav is not self.nav:
            self._learn(nav)
        if page is None or id(page) in self.in_nav:
            return None
        folder = _folder(page.url)
        if folder in self.entered:
            return None
        return folder[:-1], tuple(item.active for item in self.items)

    def get(self, key: tuple | None) -> str | None:
        return None if key is None else self.html.get(key)

    def keep(self, key: tuple | None, html: str) -> str:
        # Material's indentation is half the sidebar's bytes; a browser reads any run of
        # white space between its words and tags as one (there is no <pre> in it).
        html = _WHITE_SPACE.sub("\n", html)
        if key is not None:
            self.html[key] = html
        return html


def share_navigation(env: Environment, config: MkDocsConfig) -> None:
    """Give the templates of this build (``env``) the cache of its sidebar; the logo's
    and the home link's addresses are written relative to the page too."""
    homepage = (config.extra or {}).get("homepage")
    env.globals["training_nav"] = NavCache(env, config.theme.get("logo"), homepage)


def _walk(items):
    for item in items:
        yield item
        yield from _walk(getattr(item, "children", None) or [])


def _folder(url: str) -> tuple[str, ...]:
    # As get_relative_url reads a page's URL: its last part dropped if it names a file.
    folder, _, last = url.rpartition("/")
    return _parts(folder if "." in last else url)


def _parts(url: str) -> tuple[str, ...]:
    return tuple(part for part in url.split("/") if part and part != ".")
