"""The flowcharts of the two reference procedures, byte for byte: a change in layout or
drawing shows up here for review (refresh with `pytest --update-golden`)."""

from __future__ import annotations

import pytest

from generator.flowchart import procedure_svg
from generator.procedure_check import load_procedure
from tests.conftest import FIXTURES


@pytest.mark.parametrize("procedure_id", ["complaint-handling", "customer-visit"])
def test_flowchart_matches_its_golden_file(procedure_id, golden):
    procedure, errors = load_procedure(FIXTURES / "procedures" / f"{procedure_id}.yml")
    assert errors == []
    golden(f"flowchart-{procedure_id}.svg", procedure_svg(procedure))
