"""Offline use on a phone: which files the service worker keeps, the worker itself, the
web app manifest and the offline page. Pure functions of the built site's file list; the
plugin writes the results after MkDocs has written the site."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from generator.load import KnowledgeBase
from generator.render import GeneratedPage, render_template
from generator.upstream.material_assets import MATERIAL_ASSETS, MATERIAL_SEARCH
from generator.upstream.material_search_worker import SEARCH_INDEX

OFFLINE_URI = "offline.md"

# What a person on duty needs without a signal: the procedures and their checklists, the
# reference pages, the home page and search, and whatever those pages load.
_DUTY_PAGES = re.compile(r"^(index\.html|offline/index\.html|offline\.html|(procedures|print/checklists|print/forms|reference)/.*\.html)$")
# Our own assets; Material's are recognised in generator/upstream/material_assets.py.
_OUR_ASSETS = re.compile(r"^assets/training/[^/]+$")
# Pagefind's script, WebAssembly and every index chunk: search finds any page offline.
_PAGEFIND = re.compile(r"^pagefind/([^/]+\.(js|json|pf_meta|pagefind)|index/[^/]+)$")


def precache_list(site_paths: list[str], directory_urls: bool, fragment_pages: dict[str, str] | None = None) -> list[str]:
    """The URLs (relative to the site root) the service worker fetches when installed.

    fragment_pages maps Pagefind's excerpt files to their pages: only the excerpts of the
    pages kept offline are kept, so offline search lists what can be opened offline.
    """
    fragment_pages = fragment_pages or {}
    pagefind = any(_PAGEFIND.match(path) for path in site_paths)
    urls = []
    for path in sorted(site_paths):
        if _DUTY_PAGES.match(path):
            urls.append(page_url(path, directory_urls))
        elif MATERIAL_ASSETS.match(path) or _OUR_ASSETS.match(path):
            urls.append(path)
        elif path == SEARCH_INDEX or _PAGEFIND.match(path):
            urls.append(path)
        elif not pagefind and MATERIAL_SEARCH.match(path):
            urls.append(path)
        elif path in fragment_pages and _DUTY_PAGES.match(fragment_pages[path]):
            urls.append(path)
    return urls


def page_url(path: str, directory_urls: bool) -> str:
    if directory_urls and (path == "index.html" or path.endswith("/index.html")):
        return path[: -len("index.html")] or "./"
    return path


def build_version(site_dir: Path, site_paths: list[str]) -> str:
    """A short hash of every file of the build: any change gives the worker a new cache."""
    digest = hashlib.sha256()
    for path in sorted(site_paths):
        digest.update(path.encode())
        digest.update(hashlib.sha256((site_dir / path).read_bytes()).digest())
    return digest.hexdigest()[:16]


def service_worker(version: str, precache: list[str]) -> str:
    return render_template("sw.js.j2", version=version, precache=precache)


def manifest(site_name: str) -> str:
    return render_template("manifest.webmanifest.j2", site_name=site_name)


def offline_page(kb: KnowledgeBase) -> GeneratedPage:
    reference = [(f"reference/{kind}.md", ref.content.title) for kind, ref in sorted(kb.reference.items())]
    procedures = sorted((p.procedure for p in kb.procedures), key=lambda p: p.title)
    markdown = render_template("offline.md.j2", procedures=procedures, reference=reference)
    return GeneratedPage(OFFLINE_URI, markdown, in_nav=False)
