"""Contract tests for every reach into an upstream internal (generator/upstream/, and the
bench's clock in bench/timed_build.py): each fails loudly, naming the module to revisit,
when the shape of MkDocs, Material or Pagefind it relies on changes. Run them after
`make lock` picks up a new release."""

from __future__ import annotations

import gzip
import inspect
import json
import re
from pathlib import Path
from types import SimpleNamespace

import jinja2
import material
import pytest
from material.plugins.offline import plugin as offline_plugin
from material.plugins.search import plugin as search_plugin
from material.plugins.tags.plugin import TagsPlugin
from mkdocs.commands import build as build_module
from mkdocs.commands import serve as serve_module
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import PluginCollection
from mkdocs.structure.files import File
from mkdocs.utils import CountHandler

from generator.upstream import (
    material_assets,
    material_language,
    material_search,
    material_search_worker,
    mkdocs_preview,
    pagefind_fragments,
)
from generator.upstream.pagefind_fragments import FragmentFormatError
from tests.conftest import ROOT

MATERIAL_ASSETS = Path(material.__file__).parent / "templates" / "assets"


def _site_paths(site: Path) -> list[str]:
    return [p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()]


# --- material_search.py: Material's search box answered by Pagefind -------------------


def test_material_pages_hold_the_article_tag_pagefind_marks(shipped_site):
    page = (shipped_site / "cases" / "sand-pit" / "index.html").read_text(encoding="utf-8")
    marked = material_search.ARTICLE[:-1] + " data-pagefind-body>"
    assert marked in page, "Material's <article> changed: see generator/upstream/material_search.py"
    base = (MATERIAL_ASSETS.parent / "base.html").read_text(encoding="utf-8")
    assert base.count(material_search.ARTICLE) == 1


def test_material_search_index_is_replaceable():
    # The plugin makes its index in on_config and adds each page in on_page_context.
    assert callable(getattr(search_plugin.SearchIndex, "add_entry_from_context", None))
    source = inspect.getsource(search_plugin.SearchPlugin)
    assert "self.search_index = SearchIndex(**self.config)" in source
    assert "self.search_index.add_entry_from_context(page)" in source
    assert not list(material_search.NothingIndexed().entries)


def test_material_search_runs_no_page_handler_when_pagefind_answers():
    config = load_config(str(ROOT / "mkdocs.yml"))
    handlers = config.plugins.events["page_context"]
    search = config.plugins["material/search"]
    assert search.on_page_context in handlers
    assert material_search.answer_with_pagefind(config)
    assert search.on_page_context not in handlers


def test_material_offline_plugin_adds_the_iframe_worker_shim_to_polyfills():
    source = inspect.getsource(offline_plugin.OfflinePlugin.on_config)
    assert 'config.extra["polyfills"]' in source and "iframe-worker" in source
    config = MkDocsConfig()
    config.plugins = {"material/offline": SimpleNamespace(config=SimpleNamespace(enabled=True))}
    config.extra = {"polyfills": ["https://unpkg.com/iframe-worker/shim", "other.js"]}
    material_search.serve_shim_locally(config)
    assert config.extra["polyfills"] == [material_search.SHIM, "other.js"]
    # Without the shim where Material puts it, the build stops instead of going on.
    config.extra = {"polyfills": ["other.js"]}
    with pytest.raises(PluginError):
        material_search.serve_shim_locally(config)


# --- material_search_worker.py: the Chinese query repair and the compact index ---------


def test_material_search_worker_holds_the_short_loop_exactly_once():
    workers = sorted(
        (MATERIAL_ASSETS / "javascripts" / "workers").glob(material_search_worker.WORKER_GLOB)
    )
    assert len(workers) == 1, workers
    source = workers[0].read_text(encoding="utf-8")
    assert material_search_worker.short_loops(source) == 1, (
        "Material's search worker changed: see generator/upstream/material_search_worker.py"
    )


def test_material_search_worker_repair_reports_a_miss(tmp_path):
    worker = tmp_path / material_search_worker.WORKERS / "search.0000.min.js"
    worker.parent.mkdir(parents=True)
    worker.write_text("for(let i=0;i<n;i++){}", encoding="utf-8")
    assert not material_search_worker.repair_search_worker(tmp_path)
    assert not material_search_worker.repair_search_worker(tmp_path / "no-site")


def test_material_search_writes_its_index_where_it_is_compacted():
    source = inspect.getsource(search_plugin.SearchPlugin.on_post_build)
    assert 'os.path.join(base, "search_index.json")' in source
    assert material_search_worker.SEARCH_INDEX == "search/search_index.json"


# --- material_assets.py: the files a phone keeps offline -------------------------------


def test_material_ships_the_assets_the_offline_list_recognises():
    shipped = [
        f"assets/{p.relative_to(MATERIAL_ASSETS).as_posix()}" for p in MATERIAL_ASSETS.rglob("*")
    ]
    assert material_assets.missing_material_assets(shipped) == []
    assert "assets/images/favicon.png" in shipped
    search = [path for path in shipped if material_assets.MATERIAL_SEARCH.match(path)]
    assert len(search) == 4, search  # the worker and lunr's stemmer support, zh and multi


def test_built_site_has_every_material_asset_shape(shipped_site):
    paths = _site_paths(shipped_site)
    assert material_assets.missing_material_assets(paths) == []
    assert "assets/images/favicon.png" in paths
    assert material_assets.missing_material_assets([]) != []  # an empty site is reported


# --- pagefind_fragments.py: which page each excerpt file belongs to --------------------


def test_pagefind_fragments_start_with_the_signature_and_the_url(shipped_site):
    files = pagefind_fragments.fragment_files(shipped_site)
    assert files, "Pagefind wrote no fragment files: see generator/upstream/pagefind_fragments.py"
    for path in files:
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(pagefind_fragments.SIGNATURE + b'{"url":"'), path.name
    pages = pagefind_fragments.fragment_pages(shipped_site)
    assert len(pages) == len(files)
    assert all((shipped_site / page).is_file() for page in pages.values())


def test_a_fragment_of_another_shape_is_an_error(tmp_path):
    folder = tmp_path / "pagefind" / "fragment"
    folder.mkdir(parents=True)
    with pytest.raises(FragmentFormatError):
        pagefind_fragments.fragment_pages(tmp_path)  # none at all
    (folder / "a.pf_fragment").write_bytes(gzip.compress(b'{"url":"/a/"}'))
    with pytest.raises(FragmentFormatError):
        pagefind_fragments.fragment_pages(tmp_path)
    (folder / "a.pf_fragment").write_bytes(b"not gzip")
    with pytest.raises(FragmentFormatError):
        pagefind_fragments.fragment_pages(tmp_path)


# --- mkdocs_preview.py: incremental rebuilds and the error page in `mkdocs serve` -----


def test_mkdocs_serve_rebuilds_through_its_build_name():
    assert serve_module.build is build_module.build
    assert re.search(
        r"\bbuild\(config, serve_url=.*, dirty=", inspect.getsource(serve_module.serve)
    )


def test_mkdocs_dirty_build_asks_each_file_and_warns():
    assert callable(File.is_modified)
    source = inspect.getsource(build_module)
    assert source.count("page.file.is_modified()") == 2  # before reading, before writing
    assert mkdocs_preview.DIRTY_BUILD_WARNING in source
    assert hasattr(build_module, "log")


def test_mkdocs_strict_mode_counts_warnings_with_count_handler():
    assert issubclass(CountHandler, __import__("logging").Handler)
    assert "CountHandler" in inspect.getsource(build_module)


def test_live_reload_server_has_root_error_handler_and_mount_path(tmp_path):
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    try:
        assert server.root == str(tmp_path)
        assert callable(server.error_handler)
        assert server.mount_path == "/"
        assert mkdocs_preview.live_reload_url(server) == "/livereload/"
        source = inspect.getsource(LiveReloadServer)
        assert "self.error_handler(code)" in source and "self.root" in source
        assert "/livereload/" in source
    finally:
        server.server_close()


def test_material_tags_plugin_collects_tags_in_on_page_markdown(tmp_path):
    assert callable(getattr(TagsPlugin, "on_page_markdown", None))
    plugin = TagsPlugin()
    plugin.load_config({})
    config = MkDocsConfig(config_file_path=str(tmp_path / "mkdocs.yml"))
    config.load_dict({"site_name": "t", "docs_dir": str(tmp_path)})
    config.validate()
    plugin.on_config(config)
    assert plugin.mappings is not None, "see generator/upstream/mkdocs_preview.py"
    assert callable(getattr(plugin.mappings, "add", None))


# --- bench/timed_build.py (not shipped): the clock on each plugin event ---------------


def test_plugin_collection_runs_events_through_run_event():
    # bench/timed_build.py replaces PluginCollection.run_event to time each plugin.
    parameters = inspect.signature(PluginCollection.run_event).parameters
    assert list(parameters)[:2] == ["self", "name"]
    source = inspect.getsource(PluginCollection)
    assert "self.run_event(" in source
    assert "self.events[name]" in source and "self._event_origins" in source


def test_every_upstream_module_says_why_what_and_when_to_delete():
    for path in sorted((ROOT / "generator" / "upstream").glob("*.py")):
        if path.name == "__init__.py":
            continue
        doc = path.read_text(encoding="utf-8").split('"""')[1]
        for word in ("Why:", "Assumes", "Delete when:"):
            assert word in doc, f"{path.name}: its docstring lacks {word!r}"


# --- mkdocs_nav.py: the parent page shown active -------------------------------------


def test_page_active_is_a_settable_property_of_mkdocs_pages():
    from mkdocs.structure.pages import Page

    assert isinstance(getattr(Page, "active", None), property)
    assert Page.active.fset is not None


# --- material_nav.py: the sidebar written once for the pages that share it -------------

MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"


def test_material_reads_the_page_in_its_sidebar_only_where_material_nav_expects():
    base = (MATERIAL_TEMPLATES / "base.html").read_text(encoding="utf-8")
    assert base.count('{% include "partials/nav.html" %}') == 1
    uses = set()
    for name in ("nav.html", "nav-item.html", "logo.html"):
        text = (MATERIAL_TEMPLATES / "partials" / name).read_text(encoding="utf-8")
        uses |= {line.strip() for line in text.splitlines() if re.search(r"\bpage\b", line)}
    # The page compared with nav items, its own table of contents; nothing else of it.
    assert uses == {
        "{% if page in nav_item.pages %}",
        "{% set nav_item = page %}",
        '{% set class = "md-nav__link--active" if index == page %}',
        "{% elif nav_item == page %}",
        "{% set toc = page.toc %}",
    }, uses


# --- material_language.py: Material's interface words looked up once ------------------


def test_material_language_template_is_the_one_material_language_replaces():
    text = (MATERIAL_TEMPLATES / "partials" / "language.html").read_text(encoding="utf-8")
    assert text.split("-#}\n", 1)[1] == material_language.MATERIAL_LANGUAGE


def test_every_interface_word_is_the_one_material_writes():
    config = load_config(str(ROOT / "mkdocs.yml"))
    env = config.theme.get_env()  # Material's templates only: ours are added by the plugin
    english = (MATERIAL_TEMPLATES / "partials" / "languages" / "en.html").read_text("utf-8")
    keys = [*re.findall(r'^\s*"([\w.]+)":', english, re.MULTILINE), "no.such.word"]
    asked = '{% import "partials/language.html" as lang with context %}'
    asked += "{% for key in keys %}{{ lang.t(key) }}\n{% endfor %}"
    material_words = env.from_string(asked).render(config=config, keys=keys).splitlines()
    translate = material_language.Translations(env, config.theme["language"]).translate
    assert [translate(key) for key in keys] == material_words
    assert translate("header") == "页眉" and translate("no.such.word") == "no.such.word"
    assert len(keys) > 50


# --- theme/main.html: Material's script fetched after the first paint ------------------


def test_material_starts_on_dom_content_loaded_and_its_script_opens_the_scripts_block():
    # The page's scripts are fetched after the first paint and Material is started by
    # saying DOMContentLoaded again: its bundle must wait for that event (once), and its
    # scripts block must be script tags the template can read the addresses from.
    bundles = list((MATERIAL_ASSETS / "javascripts").glob("bundle.*.min.js"))
    assert len(bundles) == 1, bundles
    assert '"DOMContentLoaded",{once:!0}' in bundles[0].read_text(encoding="utf-8"), (
        "Material no longer starts on DOMContentLoaded: see generator/theme/main.html"
    )
    base = (MATERIAL_ASSETS.parent / "base.html").read_text(encoding="utf-8")
    block = re.search(r"{% block scripts %}(.*?){% endblock %}", base, re.S).group(1)
    assert re.match(
        r'\s*<script src="{{ \'assets/javascripts/bundle\.\w+\.min\.js\' \| url }}">', block
    )


def test_every_page_fetches_material_and_ours_after_the_first_paint(shipped_site):
    for page in (shipped_site / "index.html", shipped_site / "quizzes/principles/index.html"):
        html = page.read_text(encoding="utf-8")
        body = html[html.index("<body") :]
        assert "<script src=" not in body, f"{page}: a script tag would be fetched before the paint"
        sources = json.loads(re.search(r"\}\)\((\[.*?\])\);\s*</script>", body).group(1))
        assert re.search(r"assets/javascripts/bundle\.\w+\.min\.js$", sources[0])
        assert [s.rsplit("/", 1)[1] for s in sources[1:]] == ["loader.js", "offline.js", "a11y.js"]


def test_a_scripts_block_without_script_tags_stops_the_build(tmp_path):
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "base.html").write_text("{% block scripts %}{% endblock %}", encoding="utf-8")
    env = jinja2.Environment(loader=jinja2.FileSystemLoader([ROOT / "generator/theme", theme]))
    env.filters["url"] = str
    with pytest.raises(jinja2.UndefinedError, match="material_scripts_block_changed"):
        env.get_template("main.html").render(config={}, page=None)


# --- mkdocs_page.py: pages written as HTML, past Markdown ------------------------------


def test_page_render_is_called_after_on_page_markdown_and_sets_what_ours_sets():
    from mkdocs.commands import build
    from mkdocs.structure.pages import Page

    source = inspect.getsource(Page.render)
    for name in ("content", "toc", "_title_from_render", "present_anchor_ids"):
        assert f"self.{name} =" in source
    populate = inspect.getsource(build._populate_page)
    order = ["on_page_markdown", "page.render(config, files)", "on_page_content"]
    assert [populate.index(step) for step in order] == sorted(populate.index(s) for s in order)


def test_headings_made_together_are_each_the_heading_made_alone():
    import markdown

    from generator.upstream.mkdocs_page import _ID, HtmlPages, _flat

    config = load_config(str(ROOT / "mkdocs.yml"))
    # Titles whose ids repeat (Markdown then numbers them), have none, look numbered, or
    # are written out: each must get the id it gets on its own page.
    titles = [
        "沙池投诉",
        "沙池投诉？",
        "？？",
        "！！",
        "case_1",
        "case",
        "标题 {#case}",
        "沙池投诉",
    ]
    headings = [f"# {title}" for title in titles] + ["## 案情经过", "### 小组讨论"]
    pages = [
        SimpleNamespace(uri=f"p{n}.md", snippets=(h, "## 案情经过")) for n, h in enumerate(headings)
    ]
    together = HtmlPages(pages)
    alone = markdown.Markdown(
        extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"] or {}
    )
    for heading in dict.fromkeys(headings):
        html = alone.reset().convert(heading)
        made = together._make(heading, config)
        assert made == (html, _flat(alone.toc_tokens), _ID.findall(html)), heading
    # Made in one conversion, but for those whose ids look numbered.
    assert {"# 沙池投诉", "## 案情经过", "### 小组讨论"} <= set(together._made)
