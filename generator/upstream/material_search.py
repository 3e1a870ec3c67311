"""Search behind Material's box (mkdocs-material 9.x), and Material's file:// search shim.

Why: Material's search puts every page in one index that each page downloads; the site
answers Material's box from Pagefind instead (generator/pagefind.py, assets/search-worker.js,
theme/main.html). Material offers no option for either, so this module:
- gives Material's search plugin an index that takes no pages (its box and script stay),
  and takes its page handler out of the build (it would run a regex over every page);
- marks Material's article element of each page for Pagefind (``data-pagefind-body``);
- serves the iframe-worker shim of Material's offline plugin from the site, not a CDN;
- teaches jieba (Material's Chinese segmenter) the glossary words when Material's own
  search is used.

Assumes: ``material.plugins.search.plugin.SearchIndex`` with ``add_entry_from_context``,
the plugin's ``search_index`` attribute and its ``on_page_context`` method, registered in
MkDocs' ``PluginCollection.events``; the article tag below, verbatim, in every page;
``extra.polyfills`` listing the shim's CDN address when the offline plugin is on.

Delete when: Material's search can be replaced by configuration (or the site leaves Material).
"""

from __future__ import annotations

from material.plugins.search.plugin import SearchIndex
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from generator.messages import site as msg

ARTICLE = '<article class="md-content__inner md-typeset">'
SHIM = "assets/training/vendor/iframe-worker-shim.js"


class NothingIndexed(SearchIndex):
    """Material's search index with no pages in it: Pagefind indexes the site instead."""

    def add_entry_from_context(self, page: Page) -> None:
        pass


def builds_file_copy(config: MkDocsConfig) -> bool:
    """Whether this build is the copy for the file system (Material's offline plugin on)."""
    offline = config.plugins.get("material/offline")
    return offline is not None and bool(offline.config.enabled)


def answer_with_pagefind(config: MkDocsConfig) -> bool:
    """Whether Pagefind answers the search box: not in the file:// copy (Material's
    offline plugin on), where Pagefind cannot load; then Material's own index is kept."""
    if builds_file_copy(config):
        return False
    material_search = config.plugins.get("material/search")
    if material_search is None or not material_search.config.enabled:
        return False
    material_search.search_index = NothingIndexed(**material_search.config)
    # The handler adds the page to that index and strips Material's data-search-* attributes
    # from it with a regex: 0.11 CPU s over 1,000 cases' pages for nothing.
    handlers = config.plugins.events["page_context"]
    handlers[:] = [h for h in handlers if getattr(h, "__self__", None) is not material_search]
    return True


def mark_for_pagefind(html: str) -> str:
    """The page with its article marked for Pagefind; the same object if not found."""
    if ARTICLE not in html:
        return html
    return html.replace(ARTICLE, ARTICLE[:-1] + " data-pagefind-body>", 1)


def serve_shim_locally(config: MkDocsConfig) -> None:
    offline = config.plugins.get("material/offline")
    if offline is None or not offline.config.enabled:
        return
    polyfills = config.extra.get("polyfills", [])
    if not any("iframe-worker" in str(url) for url in polyfills):
        # Material would then load the shim some other way, perhaps from a CDN.
        raise PluginError(msg.MATERIAL_SHIM_CHANGED)
    config.extra["polyfills"] = [SHIM if "iframe-worker" in str(url) else url for url in polyfills]


def teach_segmenter(words: list[str]) -> None:
    # jieba is process-wide: words added here stay whole when Material builds its index.
    try:
        import jieba
    except ImportError:  # search then indexes Chinese without segmentation
        return
    for word in words:
        jieba.add_word(word)
