"""Flowchart stage 1, routing: the routes worth trying for one arrow, each priced by its
length and bends as route.py's ``_simplify`` would draw it.

route.py ranks them and picks one clear of boxes and other arrows. Making them is a job of
its own because an arrow has some 300: they are made in a fixed order, priced in bulk, and
a route's points are put together only when it is looked at (see ``Candidates``).
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from generator.flowchart.geometry import Box, Point

if TYPE_CHECKING:  # for the annotations only: route.py imports this module
    from generator.flowchart.route import Edge, Grid

CLEARANCE = 6  # how close an arrow may pass a box it does not touch
TRACK_STEP = 8  # distance between parallel arrows sharing a corridor
BEND_COST = 24


def _tracks(low: int, high: int) -> list[int]:
    """Positions for parallel arrows in a corridor, from its middle outwards."""
    middle = (low + high) // 2
    offsets = [0]
    for step in range(1, 3):
        offsets += [step * TRACK_STEP, -step * TRACK_STEP]
    return [middle + o for o in offsets if low + CLEARANCE <= middle + o <= high - CLEARANCE]


def _candidates(
    edge: Edge, port: str, boxes: dict[str, Box], grid: Grid, target_exits: set[str]
) -> Candidates:
    source, target = boxes[edge.source], boxes[edge.target]
    start = _port_point(source, port)
    sx, sy = start
    end = tx, top = target.rect.cx, target.rect.y
    above_target = _tracks(*grid.gaps[target.row])
    # The strips next to and between the two lanes, and the outer margins for going round.
    low, high = min(source.lane, target.lane), max(source.lane, target.lane) + 1
    useful = sorted({0, len(grid.strips) - 1, *range(low, high + 1)})
    strip_xs = [x for index in useful for x in _tracks(*grid.strips[index])]
    found = Candidates()

    if port == "bottom":
        below_source = _tracks(*grid.gaps[source.row + 1])
        if not edge.back:
            if drop := _straight_drop(edge, port, boxes):
                found.add(drop)
            for gap in grid.gaps[source.row + 1 : target.row + 1]:
                for y in _tracks(*gap):
                    found.add([start, (sx, y), (tx, y), end])
        for x in strip_xs:
            if not edge.back:
                found.add_via_strip(start, below_source, x, above_target, end)
                continue
            for y1 in below_source:
                found.add_via_strip(start, [y1], x, above_target, end)
                found.add([start, (sx, y1), (x, y1)] + _side_entry(target, x, target_exits))
        return found

    direction = 1 if port == "right" else -1
    if not edge.back and (tx - sx) * direction > 0:
        found.add([start, (tx, sy), end])
    for x in strip_xs:
        if (x - sx) * direction <= 0:
            continue
        found.add_via_strip(start, None, x, above_target, end)
        if edge.back:
            found.add([start, (x, sy)] + _side_entry(target, x, target_exits))
    return found


def _straight_drop(edge: Edge, port: str, boxes: dict[str, Box]) -> list[Point] | None:
    """From the bottom straight down into the top of the target, if it is right below."""
    source, target = boxes[edge.source].rect, boxes[edge.target].rect
    if port == "bottom" and not edge.back and source.cx == target.cx:
        return [(source.cx, source.bottom), (target.cx, target.y)]
    return None


class Candidates:
    """The routes worth trying for one arrow, in a fixed order, with the cost of each as
    ``_simplified_cost`` prices it. An arrow has some 300, of which a handful are looked
    at: a route's points are put together only when it is looked at, and most come in
    groups of one shape whose costs are worked out in one go."""

    def __init__(self) -> None:
        self.costs: list[int] = []
        # Each group's first index, and its routes: every head followed by every tail.
        self._firsts: list[int] = []
        self._groups: list[tuple[list[list[Point]], list[list[Point]]]] = []

    def route(self, index: int) -> list[Point]:
        group = bisect.bisect_right(self._firsts, index) - 1
        heads, tails = self._groups[group]
        head, tail = divmod(index - self._firsts[group], len(tails))
        return heads[head] + tails[tail]

    def add(self, route: list) -> None:
        """One route, priced as drawn; none if there is no way in at its end (None)."""
        if route[-1] is not None:
            self._firsts.append(len(self.costs))
            self._groups.append(([route], [[]]))
            self.costs.append(_simplified_cost(route))

    def add_via_strip(
        self, start: Point, drops: list[int] | None, x: int, ys: list[int], end: Point
    ) -> None:
        """From the start down to each of ``drops`` (None: on at the start's own height),
        across to the strip at x, along it to each of ``ys``, across and down into the end;
        by drop, then by y. Priced in one go, as ``_simplify`` would draw them: when every
        stretch has a length and turns from the one before, the route stays as it is and
        costs its length and a bend at each inner point; when the height it crosses at is
        the y, the stretch along the strip has no length and the two across make one."""
        (sx, sy), (tx, top) = start, end
        if drops is None:
            heads, heights, head_costs = [[start, (x, sy)]], [sy], [0]
        else:
            heads = [[start, (sx, h), (x, h)] for h in drops]
            heights, head_costs = drops, [abs(h - sy) + BEND_COST for h in drops]
        tails = [[(x, y), (tx, y), end] for y in ys]
        self._firsts.append(len(self.costs))
        self._groups.append((heads, tails))
        if x in (sx, tx) or top in ys or sy in (drops or ()):  # never so in a laid-out chart
            self.costs += [_simplified_cost(head + tail) for head in heads for tail in tails]
            return
        across, straight = abs(x - sx) + abs(tx - x) + 2 * BEND_COST, abs(tx - sx)
        tail_costs = [BEND_COST + abs(top - y) for y in ys]
        self.costs += [
            head_cost + tail_cost + across + abs(y - h)
            if y != h
            else head_cost + tail_cost + straight
            if straight
            else _simplified_cost(head + tail)  # down and straight back up the same line
            for head, h, head_cost in zip(heads, heights, head_costs, strict=True)
            for tail, y, tail_cost in zip(tails, ys, tail_costs, strict=True)
        ]


def _side_entry(target: Box, x: int, target_exits: set[str]) -> list:
    """Into the side of the target that faces the corridor at x, if no arrow leaves there."""
    side = "right" if x > target.rect.cx else "left"
    if side in target_exits:
        return [None]
    return [(x, target.rect.cy), _port_point(target, side)]


def _port_point(box: Box, port: str) -> Point:
    rect = box.rect
    return {
        "bottom": (rect.cx, rect.bottom),
        "top": (rect.cx, rect.y),
        "left": (rect.x, rect.cy),
        "right": (rect.right, rect.cy),
    }[port]


def _simplified_cost(points: list[Point]) -> int:
    """The cost of a route before crossings: the length of ``_simplify(points)`` plus a
    price for each of its bends. Candidates not priced in bulk are priced here, so the
    simplified route is not built: ``_simplify``'s loop keeps only its last two points and
    the length up to the one before last (the last may still be replaced)."""
    kept = length = 0
    before = last = None
    for point in points:
        if point == last:
            continue
        if kept >= 2 and (before[0] == last[0] == point[0] or before[1] == last[1] == point[1]):
            last = point
            continue
        if kept >= 2:
            length += abs(last[0] - before[0]) + abs(last[1] - before[1])
        before, last = last, point
        kept += 1
    if kept >= 2:
        length += abs(last[0] - before[0]) + abs(last[1] - before[1])
    return length + BEND_COST * (kept - 2)
