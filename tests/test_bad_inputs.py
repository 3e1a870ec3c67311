"""The bad-input gate: a trainer's worst files, each dropped into a small project.

Every file in tests/bad_inputs/ is placed into a copy of tests/fixtures/minimal where
tests/bad_inputs/expected.yml says. A bad one must be refused by `training-kb check` with
exactly its `path:line:col: field: message` lines and exit 1, and (for a sample) stop
`mkdocs build` the same way with the old site left as it was. A harmless one must pass
`check` on its own and build a strict site in which text from YAML shows as text, never as
markup, and nothing may be written outside the site folder.

Harmless files cannot disturb one another (each is its own page, at its own path), so they
are built together: all of them in one project, as few projects as their paths allow, one
`mkdocs build` each per test run. Each file's test still checks its own pages; live markup
anywhere in that site fails every test of the build, naming the page.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from tests.conftest import FIXTURES, MKDOCS_ENV, once
from tests.mkdocs_server import mkdocs

CORPUS = Path(__file__).resolve().parent / "bad_inputs"
MANIFEST: dict[str, dict] = yaml.safe_load((CORPUS / "expected.yml").read_text(encoding="utf-8"))
NOT_INPUTS = {"expected.yml", ".gitattributes"}

REFUSED = [name for name, entry in MANIFEST.items() if not entry.get("builds")]
HARMLESS = [name for name, entry in MANIFEST.items() if entry.get("builds")]
STOPS_THE_BUILD = [name for name, entry in MANIFEST.items() if entry.get("mkdocs")]

# Files too big to commit are written by the test from a small template.
GENERATORS = {
    # 5 MiB of one Chinese character (three bytes each) in place of the placeholder.
    "huge-field": lambda data: data.replace(b"HUGE_FIELD", "长".encode() * (5 * 1024 * 1024 // 3)),
    # 100,000 nested brackets (200 KB): deep enough to crash libyaml's recursive composer.
    "deep-brackets": lambda data: data.replace(b"DEEP_BRACKETS", b"[" * 100_000 + b"]" * 100_000),
}

# Markup from the corpus that must never reach a page alive: tags, javascript: URLs, and
# text escaped twice (which would show a reader "&lt;" instead of "<").
LIVE_MARKUP = re.compile(
    r"<script>(?:alert|x)|<img src=x|<svg onload|<iframe src=|<[bi]>(?:物业|是|三)"
    r"|(?:href|src|action)\s*=\s*[\"']?\s*javascript:|&amp;lt;",
    re.IGNORECASE,
)


def place(name: str, tmp_path: Path) -> Path:
    """A copy of the minimal project with the corpus file ``name`` where the manifest says."""
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "minimal", project)
    put(name, project, tmp_path)
    return project


def put(name: str, project: Path, tmp_path: Path) -> None:
    """The corpus file ``name`` written into project where the manifest says (a link to a
    file in tmp_path/outside when the manifest says the file lives outside the project)."""
    entry = MANIFEST[name]
    data = (CORPUS / name).read_bytes()
    if "generate" in entry:
        data = GENERATORS[entry["generate"]](data)
    target = project / entry["place"]
    target.parent.mkdir(parents=True, exist_ok=True)
    if entry.get("outside"):
        # The file lives beside the project, and the project only links to it.
        outside = tmp_path / "outside" / name
        outside.parent.mkdir(exist_ok=True)
        outside.write_bytes(data)
        target.unlink(missing_ok=True)
        target.symlink_to(os.path.relpath(outside, target.parent))
    else:
        target.write_bytes(data)


def snapshot(folder: Path) -> dict[str, str]:
    """Every path under ``folder`` and what it holds: a hash, a link target, or a folder."""
    state = {}
    for path in sorted(folder.rglob("*")):
        key = path.relative_to(folder).as_posix()
        if path.is_symlink():
            state[key] = "link to " + os.readlink(path)
        elif path.is_dir():
            state[key] = "folder"
        else:
            state[key] = hashlib.sha256(path.read_bytes()).hexdigest()
    return state


def mkdocs_build(project: Path, *options: str) -> subprocess.CompletedProcess:
    return mkdocs(["build", *options], project, MKDOCS_ENV)


def test_every_corpus_file_has_an_expected_outcome():
    files = {path.name for path in CORPUS.iterdir()} - NOT_INPUTS
    assert files == set(MANIFEST)
    assert len(MANIFEST) >= 150  # issue 13
    folders = {MANIFEST[name]["place"].split("/")[0] for name in MANIFEST}
    assert folders == {
        "cases",
        "procedures",
        "forms",
        "questions",
        "reference",
        "sessions",
        "content",
    }  # every content folder
    for name, entry in MANIFEST.items():
        assert bool(entry.get("builds")) != bool(entry.get("errors")), name
    assert len(STOPS_THE_BUILD) >= 5


@pytest.mark.parametrize("name", REFUSED)
def test_bad_input_is_refused_with_file_line_and_message(name, tmp_path, capsys, monkeypatch):
    entry = MANIFEST[name]
    project = place(name, tmp_path)
    # A command hidden in a YAML tag would run here (python-tag.yml tries `touch`).
    monkeypatch.chdir(project)
    before = snapshot(tmp_path)

    code = main(["--root", str(project), "check"])

    out, err = capsys.readouterr()
    expected = [*entry["errors"], f"共 {len(entry['errors'])} 处错误。"]
    assert (code, out.splitlines()) == (1, expected)
    assert "Traceback" not in out + err
    assert snapshot(tmp_path) == before, "check must only read"
    if entry.get("outside"):
        # Not one line of the file behind the link may show up in the report.
        secret = (CORPUS / name).read_text(encoding="utf-8")
        assert not [line for line in secret.splitlines() if line.strip() and line in out]


@pytest.mark.parametrize("name", STOPS_THE_BUILD)
def test_bad_input_stops_the_build_and_leaves_the_old_site(name, tmp_path):
    entry = MANIFEST[name]
    project = place(name, tmp_path)
    old_site = project / "site"
    old_site.mkdir()
    (old_site / "index.html").write_text("<p>上一次生成的站点</p>", encoding="utf-8")
    before = snapshot(tmp_path)

    result = mkdocs_build(project)

    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "内容有错误，站点未生成" in result.stderr
    for line in entry["errors"]:
        assert line in result.stderr
    assert snapshot(tmp_path) == before, (
        "a refused build must not touch the old site or anything else"
    )


def harmless_groups() -> list[list[str]]:
    """The harmless files in as few groups as can share a project: no two in one group are
    placed at the same path (both glossary files replace reference/glossary.yml)."""
    groups: list[dict[str, str]] = []
    for name in HARMLESS:
        path = MANIFEST[name]["place"]
        group = next((group for group in groups if path not in group), None)
        if group is None:
            groups.append(group := {})
        group[path] = name
    return [list(group.values()) for group in groups]


def build_harmless(names: list[str], folder: Path) -> dict:
    """One strict build of the minimal project holding every file in names, with Material's
    search; what the build wrote outside its site folder, and every piece of live markup in
    its pages and its search index."""
    project = folder / "project"
    shutil.copytree(FIXTURES / "minimal", project)
    for name in names:
        put(name, project, folder)
    with_material_search(project)
    before = snapshot(folder)

    result = mkdocs_build(project, "--strict")

    after = snapshot(folder)
    changed = {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}
    site = project / "site"
    live = []
    if result.returncode == 0:
        for page in sorted(site.rglob("*.html")):
            found = LIVE_MARKUP.search(page.read_text(encoding="utf-8"))
            if found:
                live.append(f"{page.relative_to(site)} has live markup: {found.group()}")
        # Material's search shows titles and text as HTML: they must be escaped there too.
        for doc in search_docs(site):
            found = LIVE_MARKUP.search(doc["title"] + doc["text"])
            if found:
                live.append(f"search entry {doc['location']} has live markup: {found.group()}")
    return {
        "returncode": result.returncode,
        "stderr": result.stderr,
        "outside_site": sorted(
            path
            for path in changed
            if path != "project/site" and not path.startswith("project/site/")
        ),
        "live": live,
    }


@pytest.fixture(scope="session")
def harmless_sites(tmp_path_factory) -> dict[str, tuple[Path, dict]]:
    """Each harmless file's name: the site it was built into, and how that build went. One
    build a group per test run, shared by the xdist workers."""
    sites = {}
    for number, names in enumerate(harmless_groups()):
        folder, outcome = once(
            tmp_path_factory,
            f"harmless-{number}",
            lambda folder, names=names: build_harmless(names, folder),
        )
        sites.update({name: (folder / "project" / "site", outcome) for name in names})
    return sites


@pytest.mark.parametrize("name", HARMLESS)
def test_harmless_input_builds_a_site_that_shows_it_as_text(name, tmp_path, capsys, harmless_sites):
    entry = MANIFEST[name]
    project = place(name, tmp_path)
    assert main(["--root", str(project), "check"]) == 0, capsys.readouterr().out
    site, built = harmless_sites[name]

    assert built["returncode"] == 0, built["stderr"]
    assert "Traceback" not in built["stderr"]
    assert built["outside_site"] == [], "the build wrote outside the site folder"
    assert built["live"] == []
    for page, expect in entry["html"].items():
        html = (site / page).read_text(encoding="utf-8")
        for text in expect.get("shows", []):
            assert text in html, f"{page} should show {text!r}"
        for text in expect.get("hides", []):
            assert text not in html, f"{page} should not contain {text!r}"


def with_material_search(project: Path) -> Path:
    """The project built with Material's own search index, the one the file:// copy
    ships, whose titles and text Material shows as HTML. (Pagefind's results go through
    our search worker, which escapes them: tests/browser/test_search.py.)"""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - training\n" in text
    config.write_text(
        text.replace("  - training\n", "  - training:\n      search: material\n"), encoding="utf-8"
    )
    return project


def search_docs(site: Path) -> list[dict]:
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    assert docs, "Material's search index is empty"
    return docs


def test_case_tags_show_as_text_on_the_page_and_in_search(tmp_path):
    # The project's own mkdocs.yml turns on Material's tags plugin; the minimal fixture does not.
    project = with_material_search(place("script-in-title.yml", tmp_path))
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("  - training:\n", "  - tags\n  - training:\n"),
        encoding="utf-8",
    )
    result = mkdocs_build(project, "--strict")
    assert result.returncode == 0, result.stderr
    site = project / "site"
    page = (site / "cases" / "script-in-title" / "index.html").read_text(encoding="utf-8")
    tags = [tag for doc in search_docs(site) for tag in doc.get("tags", [])]
    assert not LIVE_MARKUP.search(page)
    assert tags and not any(LIVE_MARKUP.search(tag) for tag in tags)


def test_two_files_with_one_id_are_refused_before_the_build(project, capsys):
    # x.yml beside x.yaml: one id, two files, which would become one page. One corpus
    # file cannot show it for forms (the minimal project has none), so it is written here.
    forms = project / "forms"
    forms.mkdir()
    for suffix in (".yml", ".yaml"):
        (forms / f"visit-record{suffix}").write_text(
            "id: visit-record\ntitle: 回访记录表\nfields:\n  - label: 姓名\n", encoding="utf-8"
        )
    assert main(["--root", str(project), "check"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "forms/visit-record.yml:1:5: id: 表单编号 visit-record 重复（已用于 "
        "forms/visit-record.yaml）",
        "共 1 处错误。",
    ]
