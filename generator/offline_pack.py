"""The offline pack: what a phone keeps when someone on duty taps "保存到本机，离线可用".

The first visit fetches nothing for offline use (a phone on mobile data pays for every byte);
the pack is fetched only when asked for, and is bounded: at most PACK_BUDGET bytes at any
number of cases. It holds the home page, the offline page, the list of procedures, then each
procedure with its checklist, the forms and the reference pages, in that order, as long as
they fit; the site's assets; and a search over just those pages (a second, small Pagefind
index, generator/pagefind.py). Pure functions of the built site's file list and sizes; the
plugin (generator/site_finish.py) runs Pagefind and writes the manifest.
"""

from __future__ import annotations

import json
import re

from generator.offline import page_url
from generator.upstream.material_assets import MATERIAL_ASSETS, MATERIAL_SEARCH
from generator.upstream.material_search_worker import SEARCH_INDEX

# At most this many bytes (as stored on the server, uncompressed) at any number of cases.
PACK_BUDGET = 2_000_000
# The manifest the service worker reads when the pack is asked for (and keeps as the mark
# that it was saved, with the pages it holds).
PACK_MANIFEST = "offline-pack.json"
# The pack's own search index, over the pack's pages only.
PACK_SEARCH_DIR = "pagefind-offline"

# Pages that always come: the home page, the page shown for a page not saved, the procedures.
_CORE_PAGES = ("index", "offline", "procedures")
# Pages that carry the "save for offline use" control, and go into the pack as they fit.
_DUTY = re.compile(r"^(procedures|print/checklists|print/forms|reference)/")
_PROCEDURE = re.compile(r"^procedures/(?!index(?:/|\.html))([^/]+?)(?:/index)?\.html$")
_FORM = re.compile(r"^print/forms/([^/]+?)(?:/index)?\.html$")
_REFERENCE = re.compile(r"^reference/([^/]+?)(?:/index)?\.html$")
# Our assets (the iframe shim is for the file:// copy only).
_OUR_ASSETS = re.compile(r"^assets/training/([^/]+|vendor/[^/]+\.json)$")
_OTHER_FILES = ("manifest.webmanifest", SEARCH_INDEX)
_PACK_SEARCH = re.compile(rf"^{PACK_SEARCH_DIR}/")


def is_duty_page(site_path: str) -> bool:
    """Whether a page (its file in the site) offers the pack: procedures, checklists, forms,
    reference pages."""
    return bool(_DUTY.match(site_path)) and site_path.endswith(".html")


def pack_groups(site_paths: list[str], pagefind: bool) -> list[list[str]]:
    """The pack's candidates in the order they are taken, each group whole or not at all:
    first what always comes (core pages, assets), then each procedure with its checklist,
    each form, each reference page, and with Material's search (no Pagefind) its index."""
    paths = set(site_paths)
    core = [p for p in sorted(paths) if _page_stem(p) in _CORE_PAGES]
    core += sorted(
        p for p in paths if MATERIAL_ASSETS.match(p) or _OUR_ASSETS.match(p) or p in _OTHER_FILES
    )
    groups = [core]
    for path in sorted(paths):
        if found := _PROCEDURE.match(path):
            checklist = [p for p in paths if _page_stem(p) == f"print/checklists/{found.group(1)}"]
            groups.append([path, *checklist])
    groups += [[p] for p in sorted(paths) if _FORM.match(p)]
    groups += [[p] for p in sorted(paths) if _REFERENCE.match(p)]
    if not pagefind:
        groups.append(sorted(p for p in paths if MATERIAL_SEARCH.match(p)))
    return [group for group in groups if group]


def choose_pack(groups: list[list[str]], sizes: dict[str, int], budget: int) -> list[str]:
    """The first group, then every later group that still fits in ``budget`` bytes."""
    chosen, total = [], 0
    for number, group in enumerate(groups):
        weight = sum(sizes[path] for path in group)
        if number == 0 or total + weight <= budget:
            chosen += group
            total += weight
    return chosen


def pack_pages(chosen: list[str]) -> list[str]:
    """The HTML pages of a chosen pack: what its search indexes."""
    return [path for path in chosen if path.endswith(".html")]


def search_files(site_paths: list[str]) -> list[str]:
    """The files of the pack's own search index, once Pagefind has written it."""
    return sorted(path for path in site_paths if _PACK_SEARCH.match(path))


def pack_manifest(chosen: list[str], sizes: dict[str, int], directory_urls: bool) -> str:
    """offline-pack.json: the pages (URLs relative to the site root, as links name them),
    the other files, and the bytes they weigh together."""
    pages = [page_url(path, directory_urls) for path in chosen if path.endswith(".html")]
    files = [path for path in chosen if not path.endswith(".html")]
    manifest = {"pages": pages, "files": files, "bytes": sum(sizes[path] for path in chosen)}
    return json.dumps(manifest, ensure_ascii=False, indent=0)


def _page_stem(path: str) -> str:
    """procedures/x/index.html and procedures/x.html both give procedures/x."""
    if not path.endswith(".html"):
        return ""
    return path.removesuffix(".html").removesuffix("/index")
