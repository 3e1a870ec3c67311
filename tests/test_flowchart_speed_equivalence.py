"""The router's short cuts choose what the plain way chooses: the candidates priced in bulk
cost what they cost drawn, and ranking every candidate one by one, without the straight
drop tried first, picks the same arrows on every chart."""

from __future__ import annotations

import functools
import random
from itertools import pairwise

import pytest

from generator.flowchart import layout_column, layout_procedure
from generator.flowchart import route as router
from generator.flowchart.candidates import CLEARANCE, Candidates, _candidates, _simplified_cost
from generator.flowchart.route import CROSSING_COST, _simplify
from tests.test_flowchart import NAMES, load, synthetic


def test_routes_priced_in_bulk_cost_what_they_cost_drawn():
    """Small coordinates, so that routes double back, repeat points and run on along one
    line as often as they turn: the cases the prices worked out in bulk must get right."""
    rng = random.Random(23)

    def coordinate() -> int:
        return rng.randint(0, 3) * 10

    for _ in range(3_000):
        candidates, expected = Candidates(), []
        for _ in range(rng.randint(1, 4)):
            start, end = (coordinate(), coordinate()), (coordinate(), coordinate())
            (sx, sy), tx = start, end[0]
            x, ys = coordinate(), [coordinate() for _ in range(rng.randint(1, 5))]
            if rng.random() < 0.3:
                route = [start] + [(coordinate(), coordinate()) for _ in range(rng.randint(0, 3))]
                route.append(end if rng.random() < 0.8 else None)
                candidates.add(route)
                expected += [route] if route[-1] is not None else []
            elif rng.random() < 0.5:
                candidates.add_via_strip(start, None, x, ys, end)
                expected += [[start, (x, sy), (x, y), (tx, y), end] for y in ys]
            else:
                drops = [coordinate() for _ in range(rng.randint(1, 5))]
                candidates.add_via_strip(start, drops, x, ys, end)
                expected += [
                    [start, (sx, h), (x, h), (x, y), (tx, y), end] for h in drops for y in ys
                ]
        assert [candidates.route(i) for i in range(len(candidates.costs))] == expected
        assert candidates.costs == [_simplified_cost(route) for route in expected], expected


def _rank_every_candidate(edge, ports, boxes, grid, box_areas, placed):
    """The router's choice made the plain way: every candidate priced as drawn and ranked,
    the cheapest clear one wins, ties to the one found first."""
    port = ports[(edge.source, edge.target)]
    target_exits = {p for (source, _), p in ports.items() if source == edge.target}
    found = _candidates(edge, port, boxes, grid, target_exits)
    routes = [found.route(i) for i in range(len(found.costs))]
    ranked = sorted(zip(map(_simplified_cost, routes), range(len(routes)), strict=True))
    own = (edge.source, edge.target)
    areas = [
        router._area(box.rect.grown(-1 if box.id in own else CLEARANCE)) for box in boxes.values()
    ]
    others = [
        stretch for target, stretches in placed if target != edge.target for stretch in stretches
    ]
    best, fallback = None, None
    for base, index in ranked:
        if best is not None and base >= best[0]:
            break
        route = _simplify(routes[index])
        stretches = router._stretches(pairwise(route))
        if any(router._hits_any(stretch, areas) for stretch in stretches):
            continue
        fallback = fallback or route
        if any(
            router._runs_along_any(stretch, [o for o in others if o[0] == stretch[0]])
            for stretch in stretches
        ):
            continue
        crossings = sum(
            router._crossings(stretch, [o for o in others if o[0] != stretch[0]])
            for stretch in stretches
        )
        cost = base + CROSSING_COST * crossings
        if best is None or cost < best[0]:
            best = (cost, route)
    assert best is not None or fallback is not None
    return best[1] if best is not None else fallback


@functools.cache
def _procedure(case: str):
    return load(case) if case in NAMES else synthetic(int(case.rsplit("-", 1)[1]))


@pytest.mark.parametrize("layout", [layout_procedure, layout_column])
@pytest.mark.parametrize("case", NAMES + [f"synthetic-{seed}" for seed in range(40)])
def test_the_router_picks_what_ranking_every_candidate_picks(case, layout, monkeypatch):
    procedure = _procedure(case)
    drawn = layout(procedure)
    monkeypatch.setattr(router, "_best_route", _rank_every_candidate)
    assert layout(procedure) == drawn
