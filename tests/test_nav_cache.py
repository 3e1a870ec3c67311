"""Material's sidebar written once for the pages that share it (generator/upstream/
material_nav.py) is the sidebar written for each page: two real builds of the shipped
project, every page compared byte for byte."""

from __future__ import annotations

import gc
import shutil
from pathlib import Path
from types import SimpleNamespace as Item

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.theme import Theme

from generator.upstream import material_nav
from tests.conftest import ROOT

CONTENT = ("cases", "content", "forms", "procedures", "questions", "reference", "sessions")


def _build(project: Path, site: Path) -> None:
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=False))


def test_shared_sidebar_is_the_sidebar_material_writes(tmp_path, monkeypatch):
    project = tmp_path / "project"
    for folder in CONTENT:
        shutil.copytree(ROOT / folder, project / folder)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    written = []  # what Material's nav.html wrote, page by page, in the first build
    keep = material_nav.NavCache.keep
    monkeypatch.setattr(
        material_nav.NavCache,
        "keep",
        lambda self, key, html: written.append(key) or keep(self, key, html),
    )
    _build(project, tmp_path / "shared")
    material_wrote = len(written)
    monkeypatch.setattr(material_nav.NavCache, "key", lambda self, page, nav: None)
    _build(project, tmp_path / "each")
    # The build froze what it keeps to its end (site_finish.py) and handed it back: a
    # process that builds again can still free what the last build left.
    assert gc.get_freeze_count() == 0
    pages = sorted(p.relative_to(tmp_path / "each") for p in (tmp_path / "each").rglob("*.html"))
    assert len(pages) > 100
    # The sidebar was shared: Material wrote it for fewer than half the pages.
    assert 0 < material_wrote < len(pages) / 2, material_wrote
    for path in pages:
        shared = (tmp_path / "shared" / path).read_text(encoding="utf-8")
        assert shared == (tmp_path / "each" / path).read_text(encoding="utf-8"), path


def test_pages_share_a_sidebar_only_with_the_same_folder_above_and_active_items():
    lesson = Item(url="lessons/a/", active=False, children=None)
    library = Item(url="cases/", active=False, children=None)
    section = Item(url=None, active=False, children=[lesson, library])
    nav = Item(items=[section], pages=[lesson, library], homepage=None)
    cache = material_nav.NavCache(Theme(name="material").get_env())

    def key(url, active=()):
        for item in (lesson, library, section):
            item.active = item in active
        return cache.key(Item(url=url), nav)

    assert key("cases/one/") == key("cases/two/") is not None
    assert key("cases/one/", [library, section]) != key("cases/two/")
    assert key("cases/one/") != key("quizzes/one/")
    assert key("cases/one/") != key("cases/one/sheet/")
    # In the nav, or in a folder a link leads into: written for the page itself.
    assert cache.key(lesson, nav) is None
    assert key("lessons/") is None and key("cases.html") is None and key("") is None
    # The logo's and the home link's addresses count as links too.
    linked = material_nav.NavCache(Theme(name="material").get_env(), None, "print/sheet/")
    assert linked.key(Item(url="print/sheet/"), nav) is None
    assert linked.key(Item(url="print/other/"), nav) is not None
