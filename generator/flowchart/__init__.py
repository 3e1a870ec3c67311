"""Swimlane flowcharts of procedures, drawn at build time as SVG, and a one-column
version of each for a phone.

Two stages, as everywhere in the generator: ``layout_procedure`` (swimlanes) and
``layout_column`` (one column, the role on each box) turn a checked procedure into
geometry (lanes, boxes, connectors), ``render_svg`` writes that geometry out as SVG.
Tests assert on the geometry.
"""

from generator.flowchart.column import layout_column
from generator.flowchart.geometry import Box, Connector, Diagram, Label, Lane, Rect, TextLine
from generator.flowchart.layout import DEFAULT_TEXT, FlowchartText, Metrics, layout_procedure
from generator.flowchart.svg import render_svg


def procedure_svg(procedure, text: FlowchartText = DEFAULT_TEXT) -> str:
    """The flowchart of a checked procedure as SVG text."""
    return render_svg(layout_procedure(procedure, text))


def column_svg(procedure, text: FlowchartText = DEFAULT_TEXT) -> str:
    """The one-column flowchart of a checked procedure (for a phone) as SVG text."""
    return render_svg(layout_column(procedure, text))


__all__ = [
    "Box",
    "Connector",
    "Diagram",
    "FlowchartText",
    "Label",
    "Lane",
    "Metrics",
    "Rect",
    "TextLine",
    "column_svg",
    "layout_column",
    "layout_procedure",
    "procedure_svg",
    "render_svg",
]
