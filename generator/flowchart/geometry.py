"""The geometry of a flowchart: plain values that the layout produces and the SVG writer
serialises. Tests assert on these, not on SVG.

Coordinates are whole pixels in the diagram's own space, y growing downwards.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import Literal

Point = tuple[int, int]
BoxKind = Literal["task", "decision", "terminal"]
TextKind = Literal["title", "note", "header", "label", "role"]


@dataclass(frozen=True)
class TextLine:
    """One line of text, centred on x, with its baseline at y."""

    text: str
    x: int
    y: int
    size: int
    kind: TextKind


@dataclass(frozen=True)
class Rect:
    x: int
    y: int
    w: int
    h: int

    @property
    def right(self) -> int:
        return self.x + self.w

    @property
    def bottom(self) -> int:
        return self.y + self.h

    @property
    def cx(self) -> int:
        return self.x + self.w // 2

    @property
    def cy(self) -> int:
        return self.y + self.h // 2

    def grown(self, margin: int) -> Rect:
        return Rect(self.x - margin, self.y - margin, self.w + 2 * margin, self.h + 2 * margin)

    def overlaps(self, other: Rect) -> bool:
        """True when the two rectangles share some area (touching edges do not count)."""
        return (
            self.x < other.right
            and other.x < self.right
            and self.y < other.bottom
            and other.y < self.bottom
        )


@dataclass(frozen=True)
class Lane:
    """A vertical swimlane: one role, one column."""

    role: str
    name: str
    rect: Rect
    header_height: int
    header: tuple[TextLine, ...]


@dataclass(frozen=True)
class Box:
    """A step (or the start terminal) drawn as a shape inside its lane.

    A decision is a diamond whose corners touch the middle of each side of ``rect``.
    """

    id: str
    kind: BoxKind
    rect: Rect
    lines: tuple[TextLine, ...]
    href: str | None
    lane: int
    row: int


@dataclass(frozen=True)
class Label:
    """The text of a branch beside its connector, with the area it covers."""

    text: TextLine
    rect: Rect


@dataclass(frozen=True)
class Connector:
    """An arrow from one box to another as an orthogonal polyline; the arrowhead is at
    the last point. ``back`` marks an edge that returns to an earlier step (a loop)."""

    source: str
    target: str
    points: tuple[Point, ...]
    label: Label | None
    back: bool

    def segments(self) -> list[tuple[Point, Point]]:
        return list(pairwise(self.points))


@dataclass(frozen=True)
class Diagram:
    """A whole flowchart, with its text alternative ready to print."""

    id: str
    width: int
    height: int
    title: str
    description: tuple[str, ...]
    lanes: tuple[Lane, ...]
    boxes: tuple[Box, ...]
    connectors: tuple[Connector, ...]

    def box(self, box_id: str) -> Box:
        return next(box for box in self.boxes if box.id == box_id)
