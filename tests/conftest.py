"""Shared fixtures: small projects made on the fly from the minimal fixture."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of tests/fixtures/minimal that a test may break freely."""
    target = tmp_path / "project"
    shutil.copytree(FIXTURES / "minimal", target)
    return target
