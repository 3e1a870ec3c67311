"""Flowchart stage 1, second half: the arrows between placed boxes, and their labels.

Every route leaves its box through a port (bottom or side) and then runs in the free
corridors of the grid: the vertical strips between lanes and the horizontal gaps between
rows, which hold no box by construction. Shorter routes over the boxes' own lane are
tried too and kept only when they pass no box. Among the routes that pass no box and do
not run along another arrow, the cheapest wins: length, plus a price for every bend and a
higher one for every crossing. All choices are in a fixed order, so the result is
deterministic.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import pairwise

from generator.flowchart.candidates import CLEARANCE, TRACK_STEP, _candidates, _straight_drop
from generator.flowchart.geometry import Box, Connector, Label, Point, Rect, TextLine
from generator.flowchart.text import text_width

CROSSING_COST = 400

Segment = tuple[Point, Point]


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    label: str | None
    back: bool


@dataclass(frozen=True)
class Grid:
    """The free corridors: x ranges of the strips between lanes (outer margins included)
    and y ranges of the gaps between rows (gap k lies above row k)."""

    strips: tuple[tuple[int, int], ...]
    gaps: tuple[tuple[int, int], ...]
    lanes: int
    width: int
    height: int
    # A single column sends arrows that skip ahead down its right side; loops back then
    # go round the left, so the two kinds never share a corridor.
    loops_left: bool = False


def route_connectors(
    boxes: dict[str, Box], edges: list[Edge], grid: Grid, label_size: int
) -> list[Connector]:
    """One connector per edge, in the order of ``edges``."""
    ports = exit_ports(boxes, edges, grid)
    # Each box's area as an arrow of its own passes it and as any other arrow does.
    areas = {
        box.id: (_area(box.rect.grown(-1)), _area(box.rect.grown(CLEARANCE)))
        for box in boxes.values()
    }
    routes: dict[int, list[Point]] = {}
    placed: list[tuple[str, list[Stretch]]] = []  # target and stretches of each route so far
    # Forward edges first: they carry the main flow and get the straightest routes;
    # loops go around what is already drawn.
    for index in sorted(range(len(edges)), key=lambda i: edges[i].back):
        routes[index] = _best_route(edges[index], ports, boxes, grid, areas, placed)
        placed.append((edges[index].target, _stretches(pairwise(routes[index]))))
    all_stretches = [stretch for _, stretches in placed for stretch in stretches]
    labels: list[Label] = []
    connectors = []
    for index, edge in enumerate(edges):
        label = None
        if edge.label:
            label = _place_label(
                edge.label,
                routes[index],
                boxes[edge.source],
                boxes,
                labels,
                all_stretches,
                grid,
                label_size,
            )
            labels.append(label)
        connectors.append(
            Connector(edge.source, edge.target, tuple(routes[index]), label, edge.back)
        )
    return connectors


# --- ports ---------------------------------------------------------------------------

_OPPOSITE = {"left": "right", "right": "left"}


def exit_ports(boxes: dict[str, Box], edges: list[Edge], grid: Grid) -> dict[tuple[str, str], str]:
    """Which side each edge leaves its box by: one edge per side of a diamond."""
    by_source: dict[str, list[Edge]] = {}
    for edge in edges:
        by_source.setdefault(edge.source, []).append(edge)
    ports = {}
    for source, out in by_source.items():
        wishes = [_port_wishes(boxes[source], boxes[e.target], e.back, boxes, grid) for e in out]
        taken: set[str] = set()
        # First wishes in the order written, then the rest take what is left.
        for edge, wish in zip(out, wishes, strict=False):
            if wish[0] not in taken:
                ports[(edge.source, edge.target)] = wish[0]
                taken.add(wish[0])
        for edge, wish in zip(out, wishes, strict=False):
            if (edge.source, edge.target) not in ports:
                port = next(p for p in wish if p not in taken)
                ports[(edge.source, edge.target)] = port
                taken.add(port)
    return ports


def _port_wishes(
    source: Box, target: Box, back: bool, boxes: dict[str, Box], grid: Grid
) -> list[str]:
    # Going round within one lane, the outer side of the diagram is the freest.
    outer = "left" if source.lane == 0 and grid.lanes > 1 else "right"
    if target.lane == source.lane:
        side = outer
    else:
        side = "right" if target.lane > source.lane else "left"
    if back:
        if grid.loops_left:
            side = "left"
        return [side, _OPPOSITE[side], "bottom"]
    if target.lane == source.lane:
        between = [
            b for b in boxes.values() if b.lane == source.lane and source.row < b.row < target.row
        ]
        return (
            ["bottom", side, _OPPOSITE[side]] if not between else [side, _OPPOSITE[side], "bottom"]
        )
    if source.kind == "decision":
        return [side, "bottom", _OPPOSITE[side]]
    return ["bottom", side, _OPPOSITE[side]]


# --- choosing a route ----------------------------------------------------------------


def _best_route(
    edge: Edge,
    ports: dict,
    boxes: dict[str, Box],
    grid: Grid,
    box_areas: dict[str, tuple[Area, Area]],
    placed: list[tuple[str, list[Stretch]]],
) -> list[Point]:
    # An arrow touches its own two boxes at their edges but never enters them, and keeps
    # a little clear of all the others.
    own = (edge.source, edge.target)
    areas = [inner if box_id in own else outer for box_id, (inner, outer) in box_areas.items()]
    # Arrows into the same box may merge; any other arrow is kept apart. A stretch can run
    # along those lying the same way (vertical or not) and cross only the others.
    others: dict[bool, list[Stretch]] = {True: [], False: []}
    for target, stretches in placed:
        if target != edge.target:
            for stretch in stretches:
                others[stretch[0]].append(stretch)

    # Candidates share most of their stretches (the way out of the port, the corridors),
    # so each stretch is checked against the boxes and the placed arrows only once.
    @functools.cache
    def blocked(stretch: Stretch) -> bool:
        return _hits_any(stretch, areas)

    @functools.cache
    def alongside(stretch: Stretch) -> bool:
        return _runs_along_any(stretch, others[stretch[0]])

    @functools.cache
    def crossings(stretch: Stretch) -> int:
        return _crossings(stretch, others[not stretch[0]])

    port = ports[(edge.source, edge.target)]
    # Every candidate runs between the same two points and costs at least the distance
    # between them, which is all a straight drop costs; it also comes first. So when the
    # drop is clear of boxes and arrows it wins, and the others need not even be made.
    drop = _straight_drop(edge, port, boxes)
    if drop is not None and drop[0] != drop[1]:
        stretches = _stretches(pairwise(drop))
        if not any(map(blocked, stretches)) and not any(map(alongside, stretches)):
            if not any(map(crossings, stretches)):
                return drop

    target_exits = {p for (source, _), p in ports.items() if source == edge.target}
    candidates = _candidates(edge, port, boxes, grid, target_exits)
    # Cheapest first, ties in the order found (the sort is stable).
    costs = candidates.costs
    ranked = sorted(range(len(costs)), key=costs.__getitem__)
    best, fallback = None, None
    for index in ranked:
        base = costs[index]
        if best is not None and base >= best[0]:
            break  # crossings only add to the cost: nothing further down can win
        route = _simplify(candidates.route(index))
        stretches = _stretches(pairwise(route))
        if any(map(blocked, stretches)):
            continue
        fallback = fallback or route
        if any(map(alongside, stretches)):
            continue
        cost = base + CROSSING_COST * sum(map(crossings, stretches))
        if best is None or cost < best[0]:
            best = (cost, route)
    if best is not None:
        return best[1]
    if fallback is not None:
        return fallback  # crowded corridors: better an arrow alongside another than none
    raise AssertionError(f"no route from {edge.source} to {edge.target}")


def _simplify(points: list[Point]) -> list[Point]:
    """Drop repeated points and the middle of three points on one line."""
    result: list[Point] = []
    for point in points:
        if result and point == result[-1]:
            continue
        if len(result) >= 2 and (
            result[-2][0] == result[-1][0] == point[0] or result[-2][1] == result[-1][1] == point[1]
        ):
            result[-1] = point
            continue
        result.append(point)
    return result


def _segments(route: list[Point]) -> list[Segment]:
    return list(pairwise(route))


# A segment in a form that is quick to compare: vertical or not, its fixed coordinate,
# and the span it covers along the other axis (low, high).
Stretch = tuple[bool, int, int, int]
Area = tuple[int, int, int, int]  # x0, y0, x1, y1


def _stretches(segments: Iterable[Segment]) -> list[Stretch]:
    return [
        (True, x1, min(y1, y2), max(y1, y2)) if x1 == x2 else (False, y1, min(x1, x2), max(x1, x2))
        for (x1, y1), (x2, y2) in segments
    ]


def _area(rect: Rect) -> Area:
    return rect.x, rect.y, rect.right, rect.bottom


def _hits_any(stretch: Stretch, areas: list[Area]) -> bool:
    """Whether the segment passes through the inside of one of the areas (touching does not
    count). These three loops run some 200,000 times a build: each is written out."""
    vertical, fixed, low, high = stretch
    if vertical:
        return any(x0 < fixed < x1 and low < y1 and high > y0 for x0, y0, x1, y1 in areas)
    return any(y0 < fixed < y1 and low < x1 and high > x0 for x0, y0, x1, y1 in areas)


def _runs_along_any(stretch: Stretch, others: list[Stretch]) -> bool:
    """Whether the segment and one of ``others``, lying the same way (vertical or not), are
    on (nearly) the same line and share a stretch of it."""
    _, fixed, low, high = stretch
    return any(
        abs(fixed - other_fixed) < TRACK_STEP // 2
        and min(high, other_high) - max(low, other_low) > 2
        for _, other_fixed, other_low, other_high in others
    )


def _crossings(stretch: Stretch, others: list[Stretch]) -> int:
    """How many of ``others``, lying the other way, the segment crosses inside both."""
    _, fixed, low, high = stretch
    return sum(
        1
        for _, other_fixed, other_low, other_high in others
        if low < other_fixed < high and other_low < fixed < other_high
    )


# --- labels --------------------------------------------------------------------------


def _place_label(
    text: str,
    route: list[Point],
    source: Box,
    boxes: dict[str, Box],
    labels: list[Label],
    stretches: list[Stretch],
    grid: Grid,
    size: int,
) -> Label:
    """Beside the first stretch of the arrow, where the reader's eye leaves the diamond,
    else further along it; the first spot clear of boxes, other labels and arrows wins."""
    width, height = math.ceil(text_width(text, size)) + 4, size + 4
    bounds = Rect(0, 0, grid.width, grid.height)

    def first_free(others: list[Label], arrows: list[Stretch]) -> Rect | None:
        spots = _label_spots(route, width, height)
        return next(
            (s for s in spots if _label_free(s, source, boxes, others, arrows, bounds)), None
        )

    chosen = (
        first_free(labels, stretches)
        # a crowded chart: over an arrow is still legible (the text has a halo)
        or first_free([], [])
        or next(_label_spots(route, width, height), None)
        or Rect(route[0][0] + 4, route[0][1] + 3, width, height)
    )
    baseline = chosen.y + (height + round(size * 0.72)) // 2
    return Label(TextLine(text, chosen.cx, baseline, size, "label"), chosen)


def _label_spots(route: list[Point], width: int, height: int) -> Iterator[Rect]:
    """The spots for a label along the arrow, in order of preference; made as asked for,
    as the first few usually do."""
    for (x1, y1), (x2, y2) in _segments(route):
        if x1 == x2:  # vertical: beside it, to the right, then to the left
            for along in range(3, abs(y2 - y1) - height + 1, 4):
                y = y1 + along if y2 > y1 else y1 - along - height
                yield Rect(x1 + 4, y, width, height)
                yield Rect(x1 - 4 - width, y, width, height)
        else:  # horizontal: above it, then below
            for along in range(4, abs(x2 - x1) - width + 1, 4):
                x = x1 + along if x2 > x1 else x1 - along - width
                yield Rect(x, y1 - 3 - height, width, height)
                yield Rect(x, y1 + 3, width, height)


def _label_free(
    spot: Rect,
    source: Box,
    boxes: dict[str, Box],
    labels: list[Label],
    stretches: list[Stretch],
    bounds: Rect,
) -> bool:
    if (
        spot.x < bounds.x
        or spot.y < bounds.y
        or spot.right > bounds.right
        or spot.bottom > bounds.bottom
    ):
        return False
    for box in boxes.values():
        if box is source and box.kind == "decision":
            if not outside_diamond(spot, box.rect):
                return False
        elif spot.overlaps(box.rect.grown(2)):
            return False
    if any(spot.overlaps(label.rect.grown(2)) for label in labels):
        return False
    area = _area(spot.grown(1))
    return not any(_hits_any(stretch, [area]) for stretch in stretches)


def outside_diamond(rect: Rect, diamond: Rect) -> bool:
    """Whether a rectangle stays clear of the diamond drawn in ``diamond``: the rectangle's
    point nearest the centre (the centre clamped into it) lies on or outside the edge."""
    cx, cy = diamond.x + diamond.w / 2, diamond.y + diamond.h / 2
    nearest_x = min(max(cx, rect.x), rect.right)
    nearest_y = min(max(cy, rect.y), rect.bottom)
    return abs(nearest_x - cx) / (diamond.w / 2) + abs(nearest_y - cy) / (diamond.h / 2) >= 1
