"""Offline use on a phone: the service worker, the web app manifest and the offline page
(what the offline pack holds is chosen in generator/offline_pack.py). Pure functions; the
plugin writes the results after MkDocs has written the site."""

from __future__ import annotations

import hashlib
from pathlib import Path

from generator import urls
from generator.knowledge_base import KnowledgeBase
from generator.render import GeneratedPage, render_template

OFFLINE_URI = "offline.md"

# How the service worker and the offline pack ask for a built page (x/index.html is x/).
page_url = urls.file_url


def build_version(site_dir: Path, site_paths: list[str]) -> str:
    """A short hash of every file of the build: any change gives the worker a new cache."""
    digest = hashlib.sha256()
    for path in sorted(site_paths):
        digest.update(path.encode())
        digest.update(hashlib.sha256((site_dir / path).read_bytes()).digest())
    return digest.hexdigest()[:16]


def service_worker(version: str, shell: list[str], pack: str, full_search: str) -> str:
    """sw.js: ``shell`` fetched at install, the pack's manifest at ``pack`` fetched when
    asked for, the site-wide search index under ``full_search`` left to the network."""
    return render_template(
        "sw.js.j2", version=version, shell=shell, pack=pack, full_search=full_search
    )


def manifest(site_name: str) -> str:
    return render_template("manifest.webmanifest.j2", site_name=site_name)


def offline_page(kb: KnowledgeBase) -> GeneratedPage:
    reference = [
        (f"reference/{kind}.md", ref.content.title) for kind, ref in sorted(kb.reference.items())
    ]
    procedures = sorted((p.procedure for p in kb.procedures), key=lambda p: p.title)
    markdown = render_template("offline.md.j2", procedures=procedures, reference=reference)
    return GeneratedPage(OFFLINE_URI, markdown, in_nav=False)
