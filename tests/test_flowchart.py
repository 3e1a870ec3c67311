"""The flowchart as staff on duty read it: nothing overlaps, text fits, every arrow is there,
in the swimlanes of a desktop and of paper and in the one column of a phone.

Geometry is asserted on the dataclasses the layout returns; the SVG is checked only for
what a browser and a screen reader need (valid XML, role, title, description, links).
"""

from __future__ import annotations

import functools
import random
import xml.etree.ElementTree as ET
from collections import Counter
from itertools import pairwise
from pathlib import Path

import pytest

from generator.flowchart import (
    Diagram,
    column_svg,
    layout_column,
    layout_procedure,
    procedure_svg,
    render_svg,
)
from generator.flowchart.geometry import Box, Rect
from generator.flowchart.text import text_width, wrap
from generator.model.procedure import Procedure
from generator.procedure_check import check_procedure
from generator.yaml_source import YamlDocument
from tests.procedure_helpers import clear_of_diamond, load_procedure, segment_hits_rect

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "procedures"
NAMES = ["complaint-handling", "customer-visit"]
SVG = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
# What a 360 px phone leaves for the chart beside Material's margins of 1 em (16 px).
PHONE_WIDTH = 328
LAYOUTS = {"lanes": layout_procedure, "column": layout_column}


def load(name: str) -> Procedure:
    procedure, errors = load_procedure(FIXTURES / f"{name}.yml")
    assert not errors, errors
    return procedure


def synthetic(seed: int) -> Procedure:
    """A random but valid procedure: a chain of steps over four lanes, with decisions that
    skip ahead or loop back, to shake out layouts the bundled procedures do not need."""
    rng = random.Random(seed)
    count = rng.randint(6, 14)
    roles = [{"id": f"role-{i}", "name": f"角色{i}" + "很长的名字" * (i % 2)} for i in range(4)]
    steps = []
    for i in range(count - 1):
        step = {
            "id": f"s{i}",
            "title": "第" + "步骤很长" * rng.randint(0, 5) + str(i),
            "role": rng.choice(roles)["id"],
        }
        if i >= 1 and rng.random() < 0.4:
            targets = {
                f"s{i + 1}",
                f"s{rng.randint(i + 2, count - 1)}"
                if i + 2 < count
                else f"s{rng.randint(0, i - 1)}",
            }
            targets.add(f"s{rng.randint(0, i - 1)}")
            step |= {
                "kind": "decision",
                "branches": [
                    {"label": f"情况{n}", "next": t} for n, t in enumerate(sorted(targets))
                ],
            }
        else:
            step |= {"next": f"s{i + 1}", "time_limit": "三分钟内" if rng.random() < 0.3 else None}
        steps.append({k: v for k, v in step.items() if v is not None})
    steps.append(
        {"id": f"s{count - 1}", "kind": "end", "title": "结束", "role": rng.choice(roles)["id"]}
    )
    procedure = Procedure.model_validate(
        {
            "id": f"synthetic-{seed}",
            "title": "随机流程",
            "purpose": "测试。",
            "scope": "测试。",
            "roles": roles,
            "start": "s0",
            "steps": steps,
        }
    )
    assert (
        check_procedure(procedure, YamlDocument(Path("synthetic.yml"), "synthetic.yml", None)) == []
    )
    return procedure


CASES = NAMES + [f"synthetic-{seed}" for seed in range(12)]


@functools.cache
def procedure_and_diagram(case: str, layout: str = "lanes") -> tuple[Procedure, Diagram]:
    procedure = (
        synthetic(int(case.rsplit("-", 1)[1])) if case.startswith("synthetic") else load(case)
    )
    return procedure, LAYOUTS[layout](procedure)


@pytest.fixture(params=CASES)
def procedure(request) -> Procedure:
    return procedure_and_diagram(request.param)[0]


@pytest.fixture(params=list(LAYOUTS))
def layout(request) -> str:
    return request.param


@pytest.fixture
def diagram(request, procedure, layout) -> Diagram:
    """Each procedure drawn both ways: every geometry rule holds for both."""
    return procedure_and_diagram(request.node.callspec.params["procedure"], layout)[1]


# --- geometry ------------------------------------------------------------------------


def test_no_two_boxes_overlap(diagram):
    boxes = diagram.boxes
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not a.rect.overlaps(b.rect), (a.id, b.id)


def test_every_box_shows_its_role(diagram, procedure):
    """In its role's lane, or, in the phone's single column, with the role written on top."""
    lanes = {role.id: index for index, role in enumerate(procedure.roles)}
    names = {role.id: role.name for role in procedure.roles}
    for step in procedure.steps:
        box = diagram.box(step.id)
        if diagram.lanes:
            lane = diagram.lanes[lanes[step.role]].rect
            assert box.lane == lanes[step.role]
            assert lane.x <= box.rect.x and box.rect.right <= lane.right, step.id
        else:
            assert (box.lines[0].kind, box.lines[0].text) == ("role", names[step.role]), step.id
            assert box.lines[1].kind == "title", step.id


def _line_rect(line) -> Rect:
    width = text_width(line.text, line.size)
    # A CJK glyph reaches about 0.88 em above its baseline and 0.12 em below.
    return Rect(
        round(line.x - width / 2), round(line.y - 0.88 * line.size), round(width), line.size
    )


def test_every_text_line_fits_its_box(diagram):
    for box in diagram.boxes:
        assert box.lines, box.id
        for line in box.lines:
            area = _line_rect(line)
            width = text_width(line.text, line.size)
            if box.kind == "decision":
                for x in (area.x, area.right):
                    for y in (area.y, area.bottom):
                        dx, dy = (
                            abs(x - box.rect.cx) / (box.rect.w / 2),
                            abs(y - box.rect.cy) / (box.rect.h / 2),
                        )
                        assert dx + dy <= 1, (box.id, line.text)
            else:
                # Clear of the rounded ends of a terminal, and of the padding of a task.
                room = box.rect.w - (box.rect.h if box.kind == "terminal" else 16)
                assert width <= room, (box.id, line.text)
                assert box.rect.y <= area.y and area.bottom <= box.rect.bottom, (box.id, line.text)


def test_connectors_are_orthogonal_and_touch_their_boxes(diagram):
    for connector in diagram.connectors:
        for (x1, y1), (x2, y2) in connector.segments():
            assert x1 == x2 or y1 == y2, connector
        first, last = connector.points[0], connector.points[-1]
        assert _on_edge(first, diagram.box(connector.source)), connector
        assert _on_edge(last, diagram.box(connector.target)), connector


def _on_edge(point, box: Box) -> bool:
    x, y = point
    r = box.rect
    return (x in (r.x, r.right) and y == r.cy) or (y in (r.y, r.bottom) and x == r.cx)


def test_no_connector_passes_through_a_box(diagram):
    for connector in diagram.connectors:
        for segment in connector.segments():
            for box in diagram.boxes:
                own = box.id in (connector.source, connector.target)
                area = box.rect.grown(-1) if own else box.rect
                assert not segment_hits_rect(segment, area), (
                    connector.source,
                    connector.target,
                    box.id,
                )


def test_every_edge_is_drawn_exactly_once(diagram, procedure):
    expected = Counter([("@start", procedure.start, None)])
    for step in procedure.steps:
        if step.next:
            expected[(step.id, step.next, None)] += 1
        for branch in step.branches:
            expected[(step.id, branch.next, branch.label)] += 1
    drawn = Counter(
        (c.source, c.target, c.label.text.text if c.label else None) for c in diagram.connectors
    )
    assert drawn == expected


def test_flow_runs_top_to_bottom_except_loops(diagram):
    for connector in diagram.connectors:
        source, target = diagram.box(connector.source), diagram.box(connector.target)
        if connector.back:
            assert target.row < source.row
        else:
            assert target.row > source.row


@pytest.mark.parametrize(
    "name, loop",
    [("complaint-handling", ("rectify", "feedback")), ("customer-visit", ("satisfied", "rectify"))],
)
@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_rectify_again_is_drawn_as_a_loop_around_the_boxes(name, loop, layout):
    diagram = LAYOUTS[layout](load(name))
    (connector,) = [c for c in diagram.connectors if (c.source, c.target) == loop]
    assert connector.back
    assert len(connector.points) >= 4  # out, along a corridor, back in
    for segment in connector.segments():
        for box in diagram.boxes:
            if box.id not in loop:
                assert not segment_hits_rect(segment, box.rect.grown(4)), box.id


def test_branch_labels_are_clear_of_boxes_and_of_each_other(diagram):
    labels = [(c, c.label) for c in diagram.connectors if c.label]
    for connector, label in labels:
        assert 0 <= label.rect.x and label.rect.right <= diagram.width
        for box in diagram.boxes:
            if box.id == connector.source and box.kind == "decision":
                assert clear_of_diamond(label.rect, box.rect), label.text.text
            else:
                assert not label.rect.overlaps(box.rect), (label.text.text, box.id)
    for i, (_, a) in enumerate(labels):
        for _, b in labels[i + 1 :]:
            assert not a.rect.overlaps(b.rect), (a.text.text, b.text.text)


# --- the phone's column -------------------------------------------------------------


def test_the_column_fits_a_phone_at_full_size(procedure):
    diagram = layout_column(procedure)
    assert diagram.width <= PHONE_WIDTH
    assert diagram.lanes == ()
    assert all(0 <= box.rect.x and box.rect.right <= diagram.width for box in diagram.boxes)
    assert all(0 <= x <= diagram.width for c in diagram.connectors for x, _ in c.points)


def test_the_column_has_one_step_a_row_in_the_swimlanes_order(procedure):
    column, lanes = layout_column(procedure), layout_procedure(procedure)
    rows = [box.row for box in column.boxes]
    assert rows == list(range(len(rows)))
    assert len({box.rect.cx for box in column.boxes}) == 1, "one column"
    order = [box.id for box in column.boxes]
    # The swimlanes share rows between lanes; their order of rows is the column's order.
    assert sorted(order, key=lambda box_id: lanes.box(box_id).row) == order


def test_decisions_keep_their_branches_and_loops_in_the_column():
    diagram = layout_column(load("complaint-handling"))
    labels = {(c.source, c.label.text.text) for c in diagram.connectors if c.label}
    assert {
        ("solvable", "能"),
        ("solvable", "不能"),
        ("major", "重大"),
        ("satisfied", "不满意"),
    } <= labels
    (loop,) = [c for c in diagram.connectors if c.back]
    assert (loop.source, loop.target) == ("rectify", "feedback")
    # Loops go back up the left side; branches that skip ahead run beside the column.
    column = diagram.box("feedback").rect
    assert min(x for x, _ in loop.points) < column.x
    skips = [
        c
        for c in diagram.connectors
        if not c.back and diagram.box(c.target).row > diagram.box(c.source).row + 1
    ]
    assert len(skips) >= 4
    for skip in skips:
        assert (
            max(x for x, _ in skip.points) > column.right
            or min(x for x, _ in skip.points) < column.x
        )


def test_start_and_end_are_terminals(diagram, procedure):
    assert diagram.box("@start").kind == "terminal"
    assert diagram.box("@start").lines[0].text == "开始"
    for step in procedure.steps:
        assert (diagram.box(step.id).kind == "terminal") == (step.kind == "end")


# --- text ----------------------------------------------------------------------------


def test_cjk_is_one_em_and_latin_about_half():
    assert text_width("投诉处理", 14) == 56
    assert text_width("ABC123", 10) == pytest.approx(33)


def test_wrap_keeps_lines_within_width_and_punctuation_off_line_starts():
    text = "接报后立即上报，当天拿出处理意见；必要时登门拜访（电话约好时间），准备好解决方案。"
    lines = wrap(text, 100, 14)
    assert "".join(lines) == text
    assert all(text_width(line, 14) <= 100 for line in lines)
    assert not any(line[0] in "，；）。" for line in lines)


def test_wrap_keeps_latin_words_whole():
    assert wrap("Call the HVAC-2000 hotline now", 90, 14) == [
        "Call the",
        "HVAC-2000",
        "hotline now",
    ]


# --- SVG -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_svg_is_an_accessible_group_with_a_link_per_step(name):
    procedure = load(name)
    root = ET.fromstring(procedure_svg(procedure))
    assert root.tag == f"{SVG}svg"
    # A group, not role="img": an image's children are presentational, and the steps are
    # links (axe: nested-interactive).
    assert root.get("role") == "group"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title.text == f"{procedure.title}流程图"
    assert root.get("aria-labelledby") == title.get("id")
    assert root.get("aria-describedby") == desc.get("id")
    # The description names every step, in the order drawn.
    drawn = [box.id for box in layout_procedure(procedure).boxes if box.href]
    titles = {step.id: step.title for step in procedure.steps}
    lines = desc.text.splitlines()[1:]
    assert len(lines) == len(drawn)
    assert all(
        f"第 {n} 步，{titles[step_id]}" in line
        for n, (step_id, line) in enumerate(zip(drawn, lines, strict=True), 1)
    )
    # xlink:href: a plain href on an SVG link breaks Material's instant navigation.
    links = [a.get(XLINK_HREF) for a in root.iter(f"{SVG}a")]
    assert sorted(links) == sorted(f"#{step.id}" for step in procedure.steps)
    assert all(a.get("href") is None for a in root.iter(f"{SVG}a"))
    assert root.find(f"{SVG}defs/{SVG}marker") is not None


@pytest.mark.parametrize("name", NAMES)
def test_the_column_links_every_step_and_shares_no_id_with_the_swimlanes(name):
    procedure = load(name)
    lanes, column = ET.fromstring(procedure_svg(procedure)), ET.fromstring(column_svg(procedure))
    links = [a.get(XLINK_HREF) for a in column.iter(f"{SVG}a")]
    assert sorted(links) == sorted(f"#{step.id}" for step in procedure.steps)
    # Both charts sit in one page: their ids (title, description, arrowhead) must differ.
    ids = lambda root: {element.get("id") for element in root.iter() if element.get("id")}  # noqa: E731
    assert ids(column) and not ids(lanes) & ids(column)
    assert column.find(f"{SVG}desc").text.startswith(
        f"共 {len(procedure.steps)} 步，每个方框上写着负责的岗位"
    )


def test_svg_refers_to_nothing_outside_itself():
    svg = procedure_svg(load("complaint-handling"))
    for forbidden in ("<script", "@import", "@font-face", "http://", "https://"):
        assert forbidden not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "").replace(
            'xmlns:xlink="http://www.w3.org/1999/xlink"', ""
        )
    assert "var(--md-default-fg-color" in svg and "@media print" in svg


def test_svg_escapes_text():
    procedure = load("customer-visit").model_copy(update={"title": "A & B <走访>"})
    steps = list(procedure.steps)
    steps[0] = steps[0].model_copy(update={"title": '检查 <阀门> & "记录"'})
    procedure = procedure.model_copy(update={"steps": steps})
    root = ET.fromstring(procedure_svg(procedure))
    texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    assert any("<阀门>" in text for text in texts)
    assert root.find(f"{SVG}title").text == "A & B <走访>流程图"


def test_same_procedure_gives_the_same_bytes(procedure):
    first = render_svg(layout_procedure(procedure))
    second = render_svg(layout_procedure(procedure.model_copy(deep=True)))
    assert first == second


def test_routes_are_priced_as_drawn():
    """The router ranks some 300 candidate routes an arrow by a price worked out without
    drawing them: it must be the drawn route's length plus a price per bend, also when a
    candidate doubles back on itself or repeats a point (which the drawing leaves out)."""
    from generator.flowchart.candidates import BEND_COST, _simplified_cost
    from generator.flowchart.route import _simplify

    rng = random.Random(17)
    for _ in range(20_000):
        count = rng.randint(1, 8)
        points = [(rng.randint(0, 3) * 10, rng.randint(0, 3) * 10) for _ in range(count)]
        drawn = _simplify(points)
        length = sum(abs(x2 - x1) + abs(y2 - y1) for (x1, y1), (x2, y2) in pairwise(drawn))
        assert _simplified_cost(points) == length + BEND_COST * (len(drawn) - 2), points
