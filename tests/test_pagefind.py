"""What Pagefind is given to read (generator/search_pages.py) and how it is run
(generator/pagefind.py): only the marked pages, and of each only what it indexes, with the
same index as a result."""

from __future__ import annotations

import asyncio
import resource
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from generator.messages import site as msg
from generator.pagefind import (
    PAGEFIND_DIR,
    WORKER_PARTS,
    SearchIndex,
    SearchIndexError,
    SearchService,
    list_parts_in_worker,
    pagefind_command,
    part_folder,
)
from generator.search_pages import (
    BODY,
    PART_BYTES,
    PART_PAGES,
    pages_glob,
    search_page,
    split_pages,
    write_pages,
)
from generator.upstream.pagefind_service import service_process

ROOT = Path(__file__).resolve().parent.parent

PAGE = """<!doctype html>
<html lang="zh" class="no-js">
  <head><meta charset="utf-8"><title>沙池 - 培训</title></head>
  <body dir="ltr">
    <header>页头 <a href="/">首页</a></header>
    <nav><ul><li>案例库</li><li>流程</li></ul></nav>
    <article class="md-content__inner" {body}>
      <h1>小区里的沙池</h1>
      <article class="quote">业主的原话</article>
      <p data-pagefind-ignore>不进索引</p>
    </article>
    <footer>页脚</footer>
  </body>
</html>
"""


def test_search_page_keeps_the_head_and_the_marked_element_only():
    copy = search_page(PAGE.format(body=BODY))
    assert copy.startswith('<!DOCTYPE html>\n<html lang="zh" class="no-js"><head>')
    assert "<title>沙池 - 培训</title>" in copy
    # The whole marked element, the article nested in it included, and nothing around it.
    assert '<article class="quote">业主的原话</article>' in copy
    assert "<p data-pagefind-ignore>不进索引</p>\n    </article></body></html>" in copy
    assert not any(text in copy for text in ("页头", "案例库", "页脚"))


def test_search_page_is_the_page_whole_when_pagefind_reads_more_of_it():
    unmarked = PAGE.format(body="")
    assert search_page(unmarked) == unmarked
    # A filter or meta field outside the marked element is read by Pagefind too.
    page = PAGE.format(body=BODY).replace("<header>", '<header data-pagefind-filter="类别:投诉">')
    assert search_page(page) == page
    unclosed = PAGE.format(body=BODY).replace("</article>", "")
    assert search_page(unclosed) == unclosed


def test_pages_glob_names_folders_whole_when_every_page_in_them_is_wanted():
    site = [
        "index.html",
        "404.html",
        "cases/index.html",
        "cases/sand-pit/index.html",
        "quizzes/index.html",
        "quizzes/complaints/index.html",
        "print/checklists/complaint-handling/index.html",
    ]
    wanted = ["index.html", "cases/index.html", "cases/sand-pit/index.html", "quizzes/index.html"]
    assert pages_glob(wanted, site) == "{cases/**/*.html,index.html,quizzes/index.html}"
    assert pages_glob(site, site) == "**/*.html"


def test_the_index_of_the_search_pages_is_the_index_of_the_whole_pages(shipped_site, tmp_path):
    # The site's index is built from search_page copies; Pagefind over the whole pages, laid
    # out the same way (write_pages, where the build puts its copies), gives the same files,
    # byte for byte.
    from generator.site_finish import _scratch_folder

    whole = tmp_path / "whole"
    marked = {
        path.relative_to(shipped_site).as_posix(): path.read_bytes()
        for path in shipped_site.rglob("*.html")
        if BODY.encode() in path.read_bytes()
    }
    with tempfile.TemporaryDirectory(dir=_scratch_folder()) as pages:
        write_pages(Path(pages), marked)
        command = pagefind_command(whole, PAGEFIND_DIR, pages_dir=Path(pages))
        subprocess.run(command, check=True, capture_output=True)
    built = shipped_site / PAGEFIND_DIR
    files = {p.relative_to(whole / PAGEFIND_DIR) for p in (whole / PAGEFIND_DIR).rglob("*")}
    shipped = {p.relative_to(built) for p in built.rglob("*") if p.suffix not in (".gz", ".br")}
    assert shipped and shipped <= files  # Pagefind's search interfaces are removed after
    for path in sorted(p for p in shipped if (built / p).is_file()):
        assert (built / path).read_bytes() == (whole / PAGEFIND_DIR / path).read_bytes(), path


# --- A large site's index in parts -------------------------------------------------------


def test_a_site_within_the_limits_is_one_index_as_before():
    sizes = {f"cases/case-{number:04}/index.html": 20_000 for number in range(1_400)}
    assert split_pages(sizes) == [sorted(sizes)]


def test_past_the_limits_each_part_is_every_nth_page_and_within_them():
    sizes = {f"cases/case-{number:04}/index.html": 20_000 for number in range(5_000)}
    parts = split_pages(sizes)
    assert len(parts) == 4  # 5,000 pages of 20 KB: 4 parts by the pages and by the bytes
    assert parts[1][:2] == ["cases/case-0001/index.html", "cases/case-0005/index.html"]
    assert sorted(sum(parts, [])) == sorted(sizes)
    assert all(len(part) <= PART_PAGES for part in parts)
    # Long pages: the bytes decide.
    long = {path: 100_000 for path in list(sizes)[:1_000]}  # 100 MB in all
    assert len(split_pages(long)) == 4
    assert all(sum(long[path] for path in part) <= PART_BYTES for part in split_pages(long))


def test_the_search_worker_is_told_of_the_parts_after_the_first():
    worker = (ROOT / "generator" / "assets" / "search-worker.js").read_text(encoding="utf-8")
    listed = list_parts_in_worker(worker, [part_folder(1), part_folder(2)])
    assert 'const MORE_PARTS = ["pagefind/part-2/", "pagefind/part-3/"];' in listed
    assert WORKER_PARTS not in listed
    with pytest.raises(ValueError):
        list_parts_in_worker(listed, [part_folder(1)])


def test_a_part_pagefind_cannot_index_stops_the_build_with_its_words(tmp_path):
    (tmp_path / "parts" / "0").mkdir(parents=True)
    (tmp_path / "parts" / "0" / "index.html").write_text(PAGE.format(body=BODY), "utf-8")
    # No part 2 to read: Pagefind says so, after part 1 was written.
    index = SearchIndex(tmp_path / "site", pages_dir=tmp_path / "parts", parts=2)
    with pytest.raises(SearchIndexError) as error:
        index.wait()
    assert str(error.value).startswith(msg.PAGEFIND_FAILED.format(output=""))
    assert (tmp_path / "site" / PAGEFIND_DIR / "pagefind-entry.json").exists()


# --- The offline pack's index: one Pagefind process for every attempt -------------------------


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_each_index_of_the_service_is_the_index_a_run_writes(shipped_site, tmp_path):
    # The pack's pages are chosen again once its index's size is known: each attempt in the
    # one process writes what `python -m pagefind` writes over the same pages.
    site = tmp_path / "site"
    for page in shipped_site.rglob("*.html"):
        if page.relative_to(shipped_site).parts[0] in ("index.html", "procedures", "reference"):
            copy = site / page.relative_to(shipped_site)
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(page, copy)
    site_pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    attempts = [site_pages, [p for p in site_pages if not p.startswith("reference/")]]
    written = []
    with SearchService(site, "pack") as search:
        for pages in attempts:
            shutil.rmtree(site / "pack", ignore_errors=True)
            search.index(pages, site_pages)
            written.append(_files(site / "pack"))
    for number, pages in enumerate(attempts):
        SearchIndex(site, f"run-{number}", pages_glob(pages, site_pages)).wait()
        assert written[number] == _files(site / f"run-{number}")
    assert written[0] != written[1]


def test_the_service_is_ended_and_counted_in_the_build_when_it_is_left(tmp_path):
    (tmp_path / "index.html").write_text(PAGE.format(body=BODY), "utf-8")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with SearchService(tmp_path, "pack") as search:
        search.index(["index.html"], ["index.html"])
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # Reaped: its CPU time is in this process's children's, as os.wait4 of a build counts it.
    assert after.ru_utime + after.ru_stime > before.ru_utime + before.ru_stime
    assert (tmp_path / "pack" / "pagefind-entry.json").exists()
    assert not (tmp_path / "pack" / "pagefind-ui.js").exists()


def test_the_service_works_where_an_event_loop_is_already_running(tmp_path):
    # MkDocs called from asyncio code, or a test process driving a browser: the service's
    # own loop runs in a thread of its own.
    (tmp_path / "index.html").write_text(PAGE.format(body=BODY), "utf-8")

    async def build() -> None:
        with SearchService(tmp_path, "pack") as search:
            search.index(["index.html"], ["index.html"])

    # In a thread of the test's own, whatever loop the test process may be running.
    with ThreadPoolExecutor(max_workers=1) as thread:
        thread.submit(asyncio.run, build()).result()
    assert (tmp_path / "pack" / "pagefind-entry.json").exists()


def test_pagefinds_api_still_has_the_process_the_service_watches(tmp_path):
    # SearchService's one reach into the pagefind package (upstream/pagefind_service.py).
    with SearchService(tmp_path, "pack") as search:
        assert isinstance(service_process(search._service), asyncio.subprocess.Process)


def test_pagefind_that_cannot_write_the_index_stops_the_build_with_its_words(tmp_path):
    (tmp_path / "index.html").write_text(PAGE.format(body=BODY), "utf-8")
    (tmp_path / "pack").write_text("a file where the index goes", "utf-8")
    # Pagefind's process ends (it panics) without answering: said at once, no wait.
    with pytest.raises(SearchIndexError) as error, SearchService(tmp_path, "pack") as search:
        search.index(["index.html"], ["index.html"])
    assert str(error.value).startswith(msg.PAGEFIND_FAILED.format(output=""))
    assert msg.PAGEFIND_SERVICE_ENDED.format(code="")[:-2] in str(error.value)


def test_pagefind_missing_stops_the_build_with_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-pagefind"))
    with pytest.raises(SearchIndexError) as error, SearchService(tmp_path, "pack"):
        pass
    assert str(error.value) == msg.PAGEFIND_MISSING


def test_pagefind_ending_on_its_first_request_stops_the_build_with_its_words(tmp_path, monkeypatch):
    binary = tmp_path / "pagefind"
    binary.write_text("#!/bin/sh\nhead -c 1 > /dev/null\nexit 3\n", "utf-8")
    binary.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(binary))
    with pytest.raises(SearchIndexError) as error, SearchService(tmp_path, "pack") as search:
        search.index(["index.html"], ["index.html"])
    assert msg.PAGEFIND_SERVICE_ENDED.format(code=3) in str(error.value)


def test_the_page_copies_go_to_memory_when_it_has_room_else_to_the_temporary_folder(
    monkeypatch,
):
    from generator import site_finish

    monkeypatch.delenv("TMPDIR", raising=False)
    if Path(site_finish.SHARED_MEMORY).is_dir():  # Linux: on the CI machine too
        assert site_finish._scratch_folder() == site_finish.SHARED_MEMORY
    monkeypatch.setattr(site_finish, "SCRATCH_ROOM", 10**18)  # more than any machine has
    assert site_finish._scratch_folder() is None
    monkeypatch.setattr(site_finish, "SCRATCH_ROOM", 1)
    monkeypatch.setenv("TMPDIR", "/somewhere/chosen")  # the person building decides
    assert site_finish._scratch_folder() is None


def test_a_build_leaves_no_page_copies_behind(project, tmp_path):
    from tests.conftest import build

    scratch = tmp_path / "scratch"
    scratch.mkdir()
    assert build(project, tmp_path / "site", TMPDIR=str(scratch)).returncode == 0
    assert (tmp_path / "site" / PAGEFIND_DIR / "pagefind-entry.json").exists()
    assert not list(scratch.iterdir())
