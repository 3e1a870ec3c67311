"""The flowcharts of the two reference procedures, byte for byte, as swimlanes and as the
phone's one column: a change in layout or drawing shows up here for review (refresh with
`pytest --update-golden`)."""

from __future__ import annotations

import pytest

from generator.flowchart import column_svg, procedure_svg
from tests.conftest import FIXTURES
from tests.procedure_helpers import load_procedure


@pytest.mark.parametrize("procedure_id", ["complaint-handling", "customer-visit"])
def test_flowchart_matches_its_golden_file(procedure_id, golden):
    procedure, errors = load_procedure(FIXTURES / "procedures" / f"{procedure_id}.yml")
    assert errors == []
    golden(f"flowchart-{procedure_id}.svg", procedure_svg(procedure))


@pytest.mark.parametrize("procedure_id", ["complaint-handling", "customer-visit"])
def test_phone_flowchart_matches_its_golden_file(procedure_id, golden):
    procedure, errors = load_procedure(FIXTURES / "procedures" / f"{procedure_id}.yml")
    assert errors == []
    golden(f"flowchart-column-{procedure_id}.svg", column_svg(procedure))
