"""Shared fixtures: the shipped project built once per test run, and small projects made
on the fly from the minimal fixture."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.mkdocs_server import mkdocs

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MKDOCS_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
# The public address the shipped project is built for when a test needs one (QR codes).
PUBLIC_URL = "https://training.example.com/kb/"


def build(project: Path, site: Path, **env: str) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of a project into site; extra environment variables in env."""
    return mkdocs(["build", "--strict", "--site-dir", str(site)], project, {**MKDOCS_ENV, **env})


def once(tmp_path_factory, name: str, make: Callable[[Path], dict]) -> tuple[Path, dict]:
    """``make(folder)`` run once per test run, however many xdist workers ask: the first
    worker makes it under a lock, the others wait for it and read the same folder. Returns the
    folder and what ``make`` returned (a dict that JSON can hold, e.g. a build's exit code)."""
    base = tmp_path_factory.getbasetemp()
    # Every worker's basetemp sits in one folder of the run; without xdist, basetemp is it.
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    folder, record = shared / name, shared / f"{name}.json"
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not record.exists():
            shutil.rmtree(folder, ignore_errors=True)  # a make that raised half way
            folder.mkdir()
            record.write_text(json.dumps(make(folder)), encoding="utf-8")
    return folder, json.loads(record.read_text(encoding="utf-8"))


def built_once(tmp_path_factory, name: str, project: Path, **env: str) -> Path:
    """`mkdocs build --strict` of project (extra environment variables in env), run once per
    test run and shared by every worker; fails the asking test if the build failed or warned."""

    def make(folder: Path) -> dict:
        result = build(project, folder / "site", **env)
        return {"returncode": result.returncode, "output": result.stderr + result.stdout}

    folder, result = once(tmp_path_factory, name, make)
    if result["returncode"] != 0 or "WARNING" in result["output"]:
        settings = " ".join(f"{key}={value}" for key, value in env.items())
        pytest.fail(f"mkdocs build --strict of {project} {settings} failed:\n{result['output']}")
    return folder / "site"


def pytest_addoption(parser):
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite the golden files under tests/golden/ from the current output",
    )


@pytest.fixture
def golden(request):
    """Compare text with tests/golden/<name>; `pytest --update-golden` rewrites it instead."""
    folder = Path(__file__).resolve().parent / "golden"

    def check(name: str, text: str) -> None:
        path = folder / name
        if request.config.getoption("--update-golden"):
            folder.mkdir(exist_ok=True)
            path.write_text(text, encoding="utf-8")
            return
        assert path.is_file(), (
            f"{path} is missing: run pytest --update-golden and review the new file"
        )
        assert text == path.read_text(encoding="utf-8"), (
            f"{name} changed: review it, then run pytest --update-golden"
        )

    return check


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of tests/fixtures/minimal that a test may break freely."""
    target = tmp_path / "project"
    shutil.copytree(FIXTURES / "minimal", target)
    return target


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory) -> Path:
    """The shipped project, built once per test run (strict, no warning) and shared by every
    test and xdist worker that reads it, browser tests included. Read it; never write to it."""
    return built_once(tmp_path_factory, "shipped-site", ROOT)


@pytest.fixture(scope="session")
def shipped_site_with_url(tmp_path_factory) -> Path:
    """The shipped project built once per run for a public address (SITE_URL, as mkdocs.yml
    reads it): printed checklists then carry QR codes."""
    return built_once(tmp_path_factory, "shipped-site-with-url", ROOT, SITE_URL=PUBLIC_URL)
