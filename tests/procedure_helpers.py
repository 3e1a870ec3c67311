"""Test helpers for procedures and their flowcharts: one procedure file loaded on its own
(the build loads whole projects), and geometry checks written apart from the router's own
helpers, so a bug in the router cannot pass on both sides."""

from __future__ import annotations

from pathlib import Path

from generator.errors import ContentError, ContentErrors, display_path
from generator.flowchart.geometry import Point, Rect
from generator.load import read_yaml, validate
from generator.model.procedure import Procedure
from generator.procedure_check import check_procedure

_EPSILON = 1e-9


def load_procedure(
    path: Path, root: Path | None = None
) -> tuple[Procedure | None, list[ContentError]]:
    """Read, validate and check one procedure file on its own.

    Returns the procedure only when it has no error at all, so what comes back can be
    drawn. Messages name the file relative to ``root`` (default: its folder).
    """
    display = display_path(path, root if root is not None else path.parent)
    try:
        doc = read_yaml(path, display)
    except ContentErrors as exc:
        return None, list(exc.errors)
    procedure, errors = validate(Procedure, doc)
    if procedure is None:
        return None, errors
    if procedure.id != path.stem:
        errors.append(
            doc.error(
                ("id",),
                f"编号 {procedure.id} 与文件名不一致：应为 {path.stem}，或把文件改名为 "
                f"{procedure.id}{path.suffix}",
            )
        )
    errors += check_procedure(procedure, doc)
    return (None if errors else procedure), sorted(errors)


def segment_hits_rect(segment: tuple[Point, Point], rect: Rect) -> bool:
    """Whether an axis-parallel segment passes through the inside of a rectangle
    (running along its edge or touching it does not count)."""
    (x1, y1), (x2, y2) = segment
    assert x1 == x2 or y1 == y2, f"a connector segment is not axis-parallel: {segment}"
    left, right, top, bottom = min(x1, x2), max(x1, x2), min(y1, y2), max(y1, y2)
    return left < rect.right and right > rect.x and top < rect.bottom and bottom > rect.y


def clear_of_diamond(rect: Rect, diamond: Rect) -> bool:
    """Whether a rectangle and the diamond drawn in ``diamond`` share no inside point:
    two convex shapes are apart when some edge normal of either separates them."""
    cx, cy, a, b = (
        diamond.x + diamond.w / 2,
        diamond.y + diamond.h / 2,
        diamond.w / 2,
        diamond.h / 2,
    )
    corners = [
        (rect.x, rect.y),
        (rect.right, rect.y),
        (rect.x, rect.bottom),
        (rect.right, rect.bottom),
    ]
    vertices = [(cx - a, cy), (cx + a, cy), (cx, cy - b), (cx, cy + b)]
    for ax, ay in ((1, 0), (0, 1), (b, a), (b, -a)):
        p = [x * ax + y * ay for x, y in corners]
        q = [x * ax + y * ay for x, y in vertices]
        if max(p) <= min(q) + _EPSILON or max(q) <= min(p) + _EPSILON:
            return True
    return False
