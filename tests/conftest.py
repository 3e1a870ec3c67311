"""Shared fixtures: the shipped project built once per session, and small projects made
on the fly from the minimal fixture."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MKDOCS_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
# The public address the shipped project is built for when a test needs one (QR codes).
PUBLIC_URL = "https://training.example.com/kb/"


def build(project: Path, site: Path, **env: str) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of a project into site; extra environment variables in env."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=project,
        env={**MKDOCS_ENV, **env},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


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
    """The shipped project, built once per test session (strict, no warning) and shared by
    every test that reads it, browser tests included. Read it; never write to it."""
    site = tmp_path_factory.mktemp("shipped-site")
    result = build(ROOT, site)
    if result.returncode != 0 or "WARNING" in result.stderr:
        pytest.fail(f"mkdocs build --strict of the project failed:\n{result.stderr}{result.stdout}")
    return site


@pytest.fixture(scope="session")
def shipped_site_with_url(tmp_path_factory) -> Path:
    """The shipped project built once per session for a public address (SITE_URL, as
    mkdocs.yml reads it): printed checklists then carry QR codes."""
    site = tmp_path_factory.mktemp("shipped-site-with-url")
    result = build(ROOT, site, SITE_URL=PUBLIC_URL)
    if result.returncode != 0 or "WARNING" in result.stderr:
        pytest.fail(
            f"mkdocs build --strict of the project for {PUBLIC_URL} failed:\n{result.stderr}"
        )
    return site
