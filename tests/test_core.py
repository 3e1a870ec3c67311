"""The core stays free of MkDocs, so another site generator could take its pages."""

from __future__ import annotations

import gc
import subprocess
import sys

from generator.pipeline import read_knowledge_base, render_pages, sources_for
from tests.conftest import FIXTURES


def test_core_does_not_import_mkdocs():
    code = (
        "import sys, generator.pipeline, generator.cli\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'mkdocs'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_the_core_leaves_the_garbage_collector_as_it_was():
    # Loading and rendering pause the collector while they run (see pipeline.py).
    sources = sources_for(FIXTURES / "minimal")
    render_pages(read_knowledge_base(sources))
    assert gc.isenabled()
    gc.disable()
    try:
        render_pages(read_knowledge_base(sources))
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_render_is_deterministic_and_pure():
    kb = read_knowledge_base(sources_for(FIXTURES / "minimal"))
    first = render_pages(kb)
    second = render_pages(read_knowledge_base(sources_for(FIXTURES / "minimal")))
    assert first == second
    by_uri = {page.uri: page for page in first}
    assert set(by_uri) == {
        "cases/index.md",
        "cases/lost-key.md",
        "cases/late-repair.md",
        "reference/principles.md",
        "reference/complaint-categories.md",
    }
    assert not by_uri["cases/lost-key.md"].in_nav
    assert by_uri["cases/index.md"].in_nav
    assert by_uri["cases/lost-key.md"].source == "cases/lost-key.yml"
