"""Flowchart stage 1: procedure → geometry. Nothing here knows about SVG.

One vertical lane per role, in the order the roles are written, and the steps in rows
from top to bottom in the order they happen: a top-to-bottom flow reads on a screen and
on paper without turning the page. Rows follow a depth-first order from the start step;
an edge back to an earlier step (a loop such as "still unsatisfied: rectify again") does
not count for the order and is routed around the boxes instead.

Expects a procedure that passed ``check_procedure``: every role and target exists.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.flowchart.geometry import Box, Diagram, Lane, Rect, TextLine
from generator.flowchart.route import Edge, Grid, route_connectors
from generator.flowchart.text import ends_phrase, wrap, wrapped_width
from generator.messages import content as msg
from generator.model.procedure import Procedure, Step

# The start terminal is not a step; "@" cannot appear in a step id, so this never collides.
START_ID = "@start"


@dataclass(frozen=True)
class Metrics:
    """Sizes in pixels. The defaults keep ten Chinese characters on a line of a task box."""

    font: int = 14
    note_font: int = 12
    label_font: int = 12
    line_height: int = 20
    note_line_height: int = 16
    padding: int = 10
    task_width: int = 172
    decision_width: int = 196
    terminal_height: int = 36
    min_task_height: int = 48
    min_decision_height: int = 64
    lane_margin: int = 30  # between the widest box and the lane's edge: room for arrows
    outer_margin: int = 24  # outside the first and last lane: room for loops drawn around
    row_gap: int = 48


@dataclass(frozen=True)
class FlowchartText:
    """Every word the flowchart adds to the procedure's own text, in one place."""

    start: str = msg.FLOWCHART_START
    time_limit: str = msg.FLOWCHART_TIME_LIMIT
    title: str = msg.FLOWCHART_TITLE
    summary: str = msg.FLOWCHART_SUMMARY
    column_summary: str = msg.FLOWCHART_COLUMN_SUMMARY
    step: str = msg.FLOWCHART_STEP
    then: str = msg.FLOWCHART_THEN
    separator: str = msg.FLOWCHART_SEPARATOR
    full_stop: str = msg.FLOWCHART_FULL_STOP
    branch: str = msg.FLOWCHART_BRANCH
    back: str = msg.FLOWCHART_BACK
    end: str = msg.FLOWCHART_END


# The words as shipped; tests and other sites may pass their own.
DEFAULT_TEXT = FlowchartText()


def layout_procedure(
    procedure: Procedure, text: FlowchartText = DEFAULT_TEXT, metrics: Metrics = Metrics()
) -> Diagram:
    """Place every step of a checked procedure and route every arrow between them."""
    lane_of = {role.id: index for index, role in enumerate(procedure.roles)}
    order, back_edges = order_steps(procedure)
    rows = assign_rows(procedure, order, back_edges, lane_of)
    shapes = {step.id: _shape(step, text, metrics) for step in procedure.steps}
    shapes[START_ID] = _terminal_shape(text.start, metrics)

    lane_width = max(metrics.task_width, metrics.decision_width) + 2 * metrics.lane_margin
    lanes, header_height = _lanes(procedure, lane_width, metrics)
    plan = Plan(lane_of, len(lanes), lane_width, header_height, metrics.row_gap)
    boxes, connectors, width, height = place_and_route(
        procedure, order, back_edges, rows, shapes, plan, metrics
    )

    placed_lanes = tuple(
        _place_lane(lane, i, len(lanes), lane_width, width, height, header_height, metrics)
        for i, lane in enumerate(lanes)
    )
    ordered_boxes = tuple(sorted(boxes.values(), key=lambda box: (box.row, box.lane)))
    description = describe(procedure, ordered_boxes, back_edges, text)
    title = text.title.format(procedure.title)
    return Diagram(
        procedure.id,
        width,
        height,
        title,
        description,
        placed_lanes,
        ordered_boxes,
        tuple(connectors),
    )


@dataclass(frozen=True)
class Plan:
    """Where the columns and rows start: the lane of each role, how many lanes and how wide,
    the height above the first row (lane headers) and the free space above the first and
    below the last row."""

    lane_of: dict[str, int]
    lanes: int
    lane_width: int
    top: int
    edge_gap: int
    loops_left: bool = (
        False  # loops go round the left side (a single column's right side carries skips)
    )


def place_and_route(
    procedure: Procedure,
    order: list[str],
    back_edges: set,
    rows: dict[str, int],
    shapes: dict,
    plan: Plan,
    metrics: Metrics,
):
    """Boxes at their lane and row, and the arrows between them:
    (boxes, connectors, width, height)."""
    width = 2 * metrics.outer_margin + plan.lanes * plan.lane_width
    row_count = max(rows.values()) + 1
    heights = [
        max(shapes[box_id][2] for box_id, row in rows.items() if row == r) for r in range(row_count)
    ]
    tops = [
        plan.top + plan.edge_gap + metrics.row_gap * r + sum(heights[:r]) for r in range(row_count)
    ]
    height = tops[-1] + heights[-1] + plan.edge_gap

    def lane_centre(lane: int) -> int:
        return metrics.outer_margin + lane * plan.lane_width + plan.lane_width // 2

    steps = {step.id: step for step in procedure.steps}
    boxes = {}
    for box_id in [START_ID] + order:
        lane = plan.lane_of[steps[procedure.start if box_id == START_ID else box_id].role]
        kind, box_width, box_height, lines = shapes[box_id]
        row = rows[box_id]
        rect = Rect(
            lane_centre(lane) - box_width // 2,
            tops[row] + (heights[row] - box_height) // 2,
            box_width,
            box_height,
        )
        href = None if box_id == START_ID else f"#{box_id}"
        boxes[box_id] = Box(box_id, kind, rect, _place_lines(lines, rect, metrics), href, lane, row)

    # The corridors arrows run in: between the widest possible boxes of neighbouring
    # lanes (and the diagram's edges), and between rows.
    column = max(metrics.task_width, metrics.decision_width)
    strips = [
        (
            0 if i == 0 else lane_centre(i - 1) + column // 2,
            width if i == plan.lanes else lane_centre(i) - column // 2,
        )
        for i in range(plan.lanes + 1)
    ]
    gaps = [(plan.top, tops[0])] + [
        (tops[r] + heights[r], (tops + [height])[r + 1]) for r in range(row_count)
    ]
    edges = [Edge(START_ID, procedure.start, None, False)] + [
        Edge(step_id, target, label, (step_id, target) in back_edges)
        for step_id in order
        for target, label in _out_edges(steps[step_id])
    ]
    grid = Grid(tuple(strips), tuple(gaps), plan.lanes, width, height, plan.loops_left)
    connectors = route_connectors(boxes, edges, grid, metrics.label_font)
    return boxes, connectors, width, height


# --- order and rows ------------------------------------------------------------------


def order_steps(procedure: Procedure) -> tuple[list[str], set[tuple[str, str]]]:
    """A depth-first walk from the start: the steps in topological order of the forward
    edges, and the back-edges (those that return to a step still on the walk's path)."""
    steps = {step.id: step for step in procedure.steps}
    state: dict[str, str] = {}
    finished: list[str] = []
    back: set[tuple[str, str]] = set()
    # The start first; steps it cannot reach (only in an unchecked procedure) after it.
    for root in [procedure.start] + list(steps):
        if root in state or root not in steps:
            continue
        state[root] = "open"
        stack = [(root, iter(steps[root].targets))]
        while stack:
            node, targets = stack[-1]
            for target in targets:
                if target not in steps:
                    continue
                if state.get(target) == "open":
                    back.add((node, target))
                elif target not in state:
                    state[target] = "open"
                    stack.append((target, iter(steps[target].targets)))
                    break
            else:
                state[node] = "done"
                finished.append(node)
                stack.pop()
    return finished[::-1], back


def assign_rows(
    procedure: Procedure, order: list[str], back_edges: set, lane_of: dict[str, int]
) -> dict[str, int]:
    """Each step one row below the lowest step that leads to it; when its lane is already
    taken in that row, the next free row. The start terminal has row 0."""
    steps = {step.id: step for step in procedure.steps}
    preds: dict[str, list[str]] = {step_id: [] for step_id in order}
    preds.setdefault(procedure.start, []).append(START_ID)
    for step_id in order:
        for target in steps[step_id].targets:
            if target in steps and (step_id, target) not in back_edges:
                preds[target].append(step_id)
    rows = {START_ID: 0}
    taken = {(lane_of[steps[procedure.start].role], 0)}
    for step_id in order:
        lane = lane_of[steps[step_id].role]
        row = max((rows[p] + 1 for p in preds[step_id] if p in rows), default=1)
        while (lane, row) in taken:
            row += 1
        rows[step_id] = row
        taken.add((lane, row))
    return rows


def _out_edges(step: Step) -> list[tuple[str, str | None]]:
    return [(exit.target, exit.label) for exit in step.exits]


# --- boxes and lanes -----------------------------------------------------------------

Shape = tuple[str, int, int, list[tuple[str, str]]]  # kind, width, height, (text, line kind)


def wrap_balanced(text: str, max_width: float, size: int) -> list[str]:
    """Wrap into as few lines as ``wrap`` would, but with lines of even length, unless
    the lines already break between phrases."""
    lines = wrap(text, max_width, size)
    if any(ends_phrase(line) for line in lines[:-1]):
        return lines
    best, width = lines, max_width
    while len(lines) > 1 and width > size:
        width -= size / 2
        narrower = wrap(text, width, size)
        if len(narrower) > len(lines):
            break
        best = narrower
    return best


def _shape(step: Step, text: FlowchartText, m: Metrics, role: str | None = None) -> Shape:
    """The box of a step; with ``role``, the role's name is written on top of it (a chart
    without lanes)."""
    head = [(role, "role")] if role else []
    if step.kind == "end":
        return _terminal_shape(step.title, m, role)
    if step.kind == "decision":
        # Text sits in the diamond when its block (tw × th) satisfies tw/w + th/h <= 1.
        lines = head + [
            (line, "title") for line in wrap_balanced(step.title, m.decision_width * 0.55, m.font)
        ]
        block_w = _block_width(lines, m) + 2 * m.padding
        block_h = _block_height(lines, m) + m.padding
        height = max(
            m.min_decision_height, -(-block_h * m.decision_width // (m.decision_width - block_w))
        )
        return "decision", m.decision_width, height, lines
    inner = m.task_width - 2 * m.padding
    lines = head + [(line, "title") for line in wrap_balanced(step.title, inner, m.font)]
    if step.time_limit:
        lines += [
            (line, "note")
            for line in wrap_balanced(text.time_limit.format(step.time_limit), inner, m.note_font)
        ]
    return (
        "task",
        m.task_width,
        max(m.min_task_height, _block_height(lines, m) + 2 * m.padding),
        lines,
    )


def _terminal_shape(title: str, m: Metrics, role: str | None = None) -> Shape:
    # A pill: the text keeps clear of the round ends, which take half the height each side.
    if role is None:
        lines = wrap_balanced(title, m.task_width - m.terminal_height - 2 * m.padding, m.font)
        width = min(
            m.task_width, max(96, wrapped_width(lines, m.font) + m.terminal_height + 2 * m.padding)
        )
        height = max(m.terminal_height, len(lines) * m.line_height + 2 * m.padding)
        return "terminal", width, height, [(line, "title") for line in lines]
    # With the role on top the pill is taller, so its round ends take more room: wrap
    # again until the lines fit beside ends of the height they make.
    count = 1
    while True:
        height = m.note_line_height + count * m.line_height + 2 * m.padding
        wrapped = wrap_balanced(title, m.task_width - height - 2 * m.padding, m.font)
        if len(wrapped) <= count:
            break
        count = len(wrapped)
    lines = [(role, "role")] + [(line, "title") for line in wrapped]
    width = min(m.task_width, max(96, _block_width(lines, m) + height + 2 * m.padding))
    return "terminal", width, height, lines


def _size(kind: str, m: Metrics) -> tuple[int, int]:
    """Font size and line height of a line of text of this kind."""
    return (m.font, m.line_height) if kind == "title" else (m.note_font, m.note_line_height)


def _block_width(lines: list[tuple[str, str]], m: Metrics) -> int:
    return max(wrapped_width([line], _size(kind, m)[0]) for line, kind in lines)


def _block_height(lines: list[tuple[str, str]], m: Metrics) -> int:
    return sum(m.line_height if kind == "title" else m.note_line_height for _, kind in lines)


def _place_lines(lines: list[tuple[str, str]], rect: Rect, m: Metrics) -> tuple[TextLine, ...]:
    """Centre the block of lines in the box; each baseline sits a third of an em below
    the middle of its line, where Chinese glyphs look vertically centred."""
    top = rect.cy - _block_height(lines, m) // 2
    placed = []
    for line, kind in lines:
        size, height = _size(kind, m)
        placed.append(TextLine(line, rect.cx, top + height // 2 + round(size * 0.36), size, kind))
        top += height
    return tuple(placed)


def _lanes(
    procedure: Procedure, lane_width: int, m: Metrics
) -> tuple[list[tuple[str, str, list[str]]], int]:
    lanes = [
        (role.id, role.name, wrap_balanced(role.name, lane_width - 2 * m.padding, m.font))
        for role in procedure.roles
    ]
    header_height = max(
        40, max(len(lines) for _, _, lines in lanes) * m.line_height + 2 * m.padding
    )
    return lanes, header_height


def _place_lane(
    lane,
    index: int,
    count: int,
    lane_width: int,
    width: int,
    height: int,
    header_height: int,
    m: Metrics,
) -> Lane:
    role, name, lines = lane
    # The outer margins belong to the first and last lane, so the lanes cover the diagram.
    left = 0 if index == 0 else m.outer_margin + index * lane_width
    right = width if index == count - 1 else m.outer_margin + (index + 1) * lane_width
    centre = m.outer_margin + index * lane_width + lane_width // 2
    top = (header_height - len(lines) * m.line_height) // 2
    header = tuple(
        TextLine(
            line,
            centre,
            top + i * m.line_height + m.line_height // 2 + round(m.font * 0.36),
            m.font,
            "header",
        )
        for i, line in enumerate(lines)
    )
    return Lane(role, name, Rect(left, 0, right - left, height), header_height, header)


# --- the text alternative ------------------------------------------------------------


def describe(
    procedure: Procedure,
    boxes: tuple[Box, ...],
    back_edges: set,
    text: FlowchartText,
    summary: str | None = None,
) -> tuple[str, ...]:
    """The flowchart in words, step by step in the order drawn, for screen readers; the
    first line is ``summary`` (the swimlanes' by default)."""
    steps = {step.id: step for step in procedure.steps}
    roles = {role.id: role.name for role in procedure.roles}
    ordered = [steps[box.id] for box in boxes if box.id in steps]
    lines = [(summary or text.summary).format(count=len(ordered), roles="、".join(roles.values()))]
    for number, step in enumerate(ordered, 1):
        line = text.step.format(number=number, title=step.title, role=roles[step.role])
        if step.time_limit:
            line += text.time_limit.format(step.time_limit) + text.full_stop
        ways = []
        for target, label in _out_edges(step):
            name = steps[target].title + (text.back if (step.id, target) in back_edges else "")
            ways.append(
                text.branch.format(label=label, target=name) if label else text.then.format(name)
            )
        if not ways:
            line += text.end
        else:
            line += text.separator.join(ways)
            # A title may already end a sentence (a decision ends with a question mark).
            line += "" if line[-1] in "。？！" else text.full_stop
        lines.append(line)
    return tuple(lines)
