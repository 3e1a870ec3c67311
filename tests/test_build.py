"""Real, strict MkDocs builds of the project and of small fixture projects."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.upstream.pagefind_fragments import fragment_pages
from tests.conftest import ROOT, build, built_once
from tests.pagefind_reader import read_fragments


def page_text(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_project_builds_a_page_per_case_and_the_library(shipped_site):
    case_files = sorted(p.stem for p in (ROOT / "cases").glob("*.yml"))
    assert case_files, "the project ships cases"
    library = page_text(shipped_site, "cases/index.html")
    for case_id in case_files:
        assert (shipped_site / "cases" / case_id / "index.html").is_file()
        assert f'href="{case_id}/"' in library


def test_case_pages_stay_out_of_the_sidebar(shipped_site):
    home = page_text(shipped_site, "index.html")
    start = home.index('<nav class="md-nav md-nav--primary"')
    nav = home[start : home.index("md-sidebar--secondary", start)]
    assert "cases/sand-pit/" not in nav
    assert "cases/" in nav  # the library itself is in the sidebar


def test_reference_page_lists_the_cases_that_break_each_principle(shipped_site):
    principles = page_text(shipped_site, "reference/principles/index.html")
    section = principles[principles.index('id="p2"') : principles.index('id="p3"')]
    assert "违背这条原则的案例" in section
    assert "../../cases/sand-pit/" in section


@pytest.fixture(scope="session")
def file_copy(tmp_path_factory) -> Path:
    """The copy for a USB stick (`make offline`): it keeps Material's own search index.
    Built once per test run, however many workers read it."""
    return built_once(tmp_path_factory, "site-offline", ROOT, OFFLINE="true")


def test_search_is_indexed_by_pagefind_in_chinese_words(shipped_site):
    fragments = read_fragments(shipped_site).values()
    pages = {fragment["url"] for fragment in fragments}
    assert {
        "/cases/sand-pit/",
        "/procedures/complaint-handling/",
        "/reference/principles/",
    } <= pages
    words = set(re.split(r"[\s\u200b]+", " ".join(fragment["content"] for fragment in fragments)))
    assert {"投诉", "业主", "物业"} <= words
    sand_pit = next(fragment for fragment in fragments if fragment["url"] == "/cases/sand-pit/")
    assert sand_pit["meta"]["title"] == "小区里的沙池"  # the heading's permalink sign left out
    # Material's page script still loads its index: an empty one, a few hundred bytes.
    material = json.loads(page_text(shipped_site, "search/search_index.json"))
    assert (
        material["docs"] == [] and len(page_text(shipped_site, "search/search_index.json")) < 1000
    )


def test_quizzes_and_printouts_stay_out_of_search(shipped_site):
    # The list of quizzes is found by search; the quizzes themselves would give answers away.
    pages = {fragment["url"] for fragment in read_fragments(shipped_site).values()} - {"/quizzes/"}
    assert not any(url.startswith(("/quizzes/", "/print/", "/offline/")) for url in pages), sorted(
        pages
    )
    assert "/tags/" not in pages


def test_a_case_is_found_by_its_own_words_not_its_related_cases(shipped_site):
    # The related cases' summaries are listed on the page, but are their own pages' words.
    page = page_text(shipped_site, "cases/sand-pit/index.html")
    assert "磁卡失效" in page  # the parking card case, listed as related
    fragments = {fragment["url"]: fragment for fragment in read_fragments(shipped_site).values()}
    text = fragments["/cases/sand-pit/"]["content"].replace("\u200b", "")
    assert "沙池" in text and "磁卡失效" not in text
    assert "磁卡失效" in fragments["/cases/parking-card/"]["content"].replace("\u200b", "")


def test_each_excerpt_file_is_matched_to_its_page(shipped_site):
    # The offline copy keeps the excerpts of the pages it keeps, found by their URL.
    pages = fragment_pages(shipped_site)
    assert pages == {
        path: fragment["url"].lstrip("/") + ("index.html" if fragment["url"].endswith("/") else "")
        for path, fragment in read_fragments(shipped_site).items()
    }
    assert "procedures/complaint-handling/index.html" in pages.values()
    assert all((shipped_site / page).is_file() for page in pages.values())


def test_long_lists_of_cases_stay_out_of_search(shipped_site):
    # Each case is found on its own page. Lists of every case (the library, the cases under
    # each principle) would make those pages match any case's words, and building the
    # excerpt of a page that long took Pagefind 22 s at 5,000 cases (bench/results.md).
    fragments = {fragment["url"]: fragment for fragment in read_fragments(shipped_site).values()}
    for url in ("/cases/", "/reference/principles/", "/quizzes/"):
        text = fragments[url]["content"].replace("\u200b", "")
        assert "小区里的沙池" not in text, url


def test_file_copy_search_index_is_segmented_into_chinese_words(file_copy):
    index = json.loads(page_text(file_copy, "search/search_index.json"))
    assert index["config"]["lang"] == ["zh"]
    text = " ".join(doc["text"] + " " + doc["title"] for doc in index["docs"])
    words = set(re.split(r"[\s\u200b\-]+", text))
    for word in ("投诉", "业主", "沙池"):
        assert word in words, word


def test_site_makes_no_external_requests_in_its_html(shipped_site):
    for page in shipped_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        # Links a person may follow are fine; anything the browser fetches by itself is not.
        for tag, url in re.findall(
            r'<(script|img|link|iframe|source|video|audio)\b[^>]*?(?:src|href)="((?:https?:)?//[^"]+)"',
            html,
        ):
            pytest.fail(f"{page.relative_to(shipped_site)} fetches {url} (<{tag}>)")
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


def test_fixture_project_builds(project, tmp_path):
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    case = page_text(tmp_path / "site", "cases/lost-key/index.html")
    assert "丢失的门禁卡" in case and "培训师提示" in case


def test_broken_case_fails_the_build_with_file_line_and_writes_nothing(project, tmp_path):
    case = project / "cases" / "lost-key.yml"
    case.write_text(
        case.read_text(encoding="utf-8").replace("summary:", "sumary:"), encoding="utf-8"
    )
    site = tmp_path / "site"
    site.mkdir()
    (site / "keep.html").write_text("previous build", encoding="utf-8")
    result = build(project, site)
    assert result.returncode == 1
    assert "cases/lost-key.yml:3:1: sumary: 未知字段（是否想写 summary？）" in result.stderr
    assert "Traceback" not in result.stderr
    assert [p.name for p in site.iterdir()] == ["keep.html"]


def test_text_from_yaml_cannot_inject_html_or_links(project, tmp_path):
    case = project / "cases" / "lost-key.yml"
    text = case.read_text(encoding="utf-8")
    text = text.replace(
        "title: 丢失的门禁卡", "title: '<script>alert(1)</script> [点我](javascript:alert(2))'"
    )
    case.write_text(text, encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    for page in ("cases/lost-key/index.html", "cases/index.html"):
        html = page_text(tmp_path / "site", page)
        assert "<script>alert(1)" not in html
        assert 'href="javascript:' not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_docs_file_that_clashes_with_a_generated_page_is_refused(project, tmp_path):
    (project / "content" / "cases").mkdir()
    (project / "content" / "cases" / "lost-key.md").write_text("# 手写的\n", encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode == 1
    # Reported at the line of the id that makes the clash, before MkDocs touches site/.
    assert (
        "cases/lost-key.yml:1:5: id: 生成的页面 /cases/lost-key/ 与手写的页面 "
        "content/cases/lost-key.md 同名" in result.stderr
    )


def test_file_copy_search_index_is_written_as_utf8_not_escapes(file_copy):
    raw = (file_copy / "search" / "search_index.json").read_bytes()
    assert "投诉".encode() in raw
    assert b"\\u6295" not in raw  # 投, escaped, would take six bytes instead of three
