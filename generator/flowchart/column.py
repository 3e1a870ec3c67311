"""Flowchart stage 1 for a phone: the same procedure as one column, the role on each box.

A phone's screen holds some 330 px, one lane of three. So, below that width, the page shows
this chart instead: every step in its own row, in the order the swimlanes read (row by
row, lanes left to right), the role's name written on top of each box instead of a
lane around it. The router of the swimlanes draws the arrows: the main flow straight down,
branches that skip ahead down the right side, loops back up the left.
"""

from __future__ import annotations

from generator.flowchart.geometry import Diagram
from generator.flowchart.layout import (
    DEFAULT_TEXT,
    START_ID,
    FlowchartText,
    Metrics,
    Plan,
    _shape,
    _terminal_shape,
    assign_rows,
    describe,
    order_steps,
    place_and_route,
)
from generator.model.procedure import Procedure

# 312 px wide: fits the 328 px a 360 px phone leaves beside Material's margins (1 em =
# 16 px each side), at full size, so the text stays 14 px. Tasks are as wide as decisions,
# fourteen characters a line; 48 px corridors each side hold five arrows side by side.
COLUMN_METRICS = Metrics(
    task_width=216, decision_width=216, lane_margin=26, outer_margin=22, row_gap=40
)


def layout_column(
    procedure: Procedure, text: FlowchartText = DEFAULT_TEXT, metrics: Metrics = COLUMN_METRICS
) -> Diagram:
    """One column for a checked procedure: every step a row, every arrow routed."""
    roles = {role.id: role.name for role in procedure.roles}
    order, back_edges = order_steps(procedure)
    # The swimlanes' reading order (row by row, lanes left to right), one step a row: the
    # steps are numbered alike on a phone and on a desktop, and every arrow that runs
    # down the lanes runs down the column.
    lanes = {role.id: index for index, role in enumerate(procedure.roles)}
    lane_rows = assign_rows(procedure, order, back_edges, lanes)
    steps = {step.id: step for step in procedure.steps}
    reading = sorted(
        lane_rows,
        key=lambda box_id: (
            lane_rows[box_id],
            lanes[steps.get(box_id, steps[procedure.start]).role],
        ),
    )
    rows = {box_id: row for row, box_id in enumerate(reading)}
    lane_of = dict.fromkeys(roles, 0)
    shapes = {
        step.id: _shape(step, text, metrics, role=roles[step.role]) for step in procedure.steps
    }
    shapes[START_ID] = _terminal_shape(text.start, metrics)

    lane_width = max(metrics.task_width, metrics.decision_width) + 2 * metrics.lane_margin
    # No lane headers; half a row gap above the start and below the last row.
    plan = Plan(lane_of, 1, lane_width, 0, metrics.row_gap // 2, loops_left=True)
    boxes, connectors, width, height = place_and_route(
        procedure, order, back_edges, rows, shapes, plan, metrics
    )

    ordered_boxes = tuple(sorted(boxes.values(), key=lambda box: box.row))
    description = describe(procedure, ordered_boxes, back_edges, text, text.column_summary)
    title = text.title.format(procedure.title)
    return Diagram(
        f"{procedure.id}-column",
        width,
        height,
        title,
        description,
        (),
        ordered_boxes,
        tuple(connectors),
    )
