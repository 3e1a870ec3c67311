"""A trainer edits a case with `mkdocs serve` running and the page open in a browser.

The project is copied to a temporary folder so the real files are never touched. The
open page follows every good edit by itself (live reload); a broken edit is reported in
the terminal as file:line:col, the server keeps running, and fixing the file recovers.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
# Everything a trainer keeps beside mkdocs.yml (content/, cases/, reference/,
# procedures/, forms/ ...), but not the code, the tests or build output.
NOT_CONTENT = {"generator", "tests", "site", "build", "dist", "__pycache__"}
STARTUP_SECONDS = 90
RELOAD_MS = 30_000
# Straight to 127.0.0.1, whatever http_proxy the environment sets.
DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


@dataclass
class LiveServer:
    process: subprocess.Popen
    url: str
    log: Path

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def wait_for_output(self, pattern: str, seconds: float = RELOAD_MS / 1000) -> re.Match:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if found := re.search(pattern, self.output(), re.MULTILINE):
                return found
            time.sleep(0.2)
        pytest.fail(f"mkdocs serve did not print {pattern!r} within {seconds:.0f} s:\n{self.output()}")

    def answers(self) -> bool:
        try:
            with DIRECT.open(self.url, timeout=2) as response:
                return response.status == 200
        except (urllib.error.URLError, OSError):
            return False


def is_content_folder(path: Path) -> bool:
    name = path.name
    return path.is_dir() and not name.startswith(".") and not name.endswith(".egg-info") and name not in NOT_CONTENT


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A throw-away copy of the trainers' project."""
    copy = tmp_path / "project"
    copy.mkdir()
    shutil.copy2(ROOT / "mkdocs.yml", copy / "mkdocs.yml")
    for folder in sorted(ROOT.iterdir()):
        if is_content_folder(folder):
            shutil.copytree(folder, copy / folder.name)
    return copy


@pytest.fixture
def live_server(project_copy: Path, tmp_path: Path):
    """`mkdocs serve` on a free port of 127.0.0.1, run from the copy; always stopped."""
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("w", encoding="utf-8") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project_copy,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    server = LiveServer(process, f"http://127.0.0.1:{port}/", log)
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while not server.answers():
            if process.poll() is not None:
                pytest.fail(f"mkdocs serve exited with {process.returncode}:\n{server.output()}")
            if time.monotonic() > deadline:
                pytest.fail(f"mkdocs serve did not answer within {STARTUP_SECONDS} s:\n{server.output()}")
            time.sleep(0.3)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def save(path: Path, text: str) -> None:
    """Save the way an editor does: write a temporary file, then rename it over the old one,
    so the watcher never sees a half-written file."""
    temporary = path.with_name(f".{path.name}.saving")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def set_title(text: str, title: str) -> str:
    changed, count = re.subn(r"^title:.*$", f"title: {title}", text, count=1, flags=re.MULTILINE)
    assert count == 1, "the case file has no top-level title line"
    return changed


def test_editing_a_case_updates_the_open_page(live_server, project_copy, page, cases):
    case_file = project_copy / "cases" / "sand-pit.yml"
    original = case_file.read_text(encoding="utf-8")
    title = cases["sand-pit"].title
    heading = page.locator("article h1")
    page.goto(live_server.url + "cases/sand-pit/")
    expect(heading).to_contain_text(title)

    # A good edit: the open page shows it by itself.
    new_title = title + "(修订稿)"
    save(case_file, set_title(original, new_title))
    expect(heading).to_contain_text(new_title, timeout=RELOAD_MS)
    assert page.url == live_server.url + "cases/sand-pit/"

    # A mistake: an unknown field on a new last line. The terminal names file, line and
    # column, and the server stays up. (MkDocs holds new requests until a build succeeds,
    # so the open page keeps showing the last good version.)
    broken = set_title(original, new_title).rstrip("\n") + "\ncolour: 红色\n"
    bad_line = broken.count("\n")
    save(case_file, broken)
    live_server.wait_for_output(rf"cases/sand-pit\.yml:{bad_line}:1: colour: ")
    live_server.wait_for_output(r"An error happened during the rebuild")
    assert live_server.process.poll() is None, "mkdocs serve stopped on a content mistake"
    assert "Traceback" not in live_server.output()
    expect(heading).to_contain_text(new_title)

    # Fixed: the page follows again.
    save(case_file, original)
    expect(heading).not_to_contain_text(new_title, timeout=RELOAD_MS)
    expect(heading).to_contain_text(title)
    assert live_server.process.poll() is None
