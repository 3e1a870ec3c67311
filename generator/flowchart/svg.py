"""Flowchart stage 2: geometry → SVG text. Serialises what the layout decided, nothing more.

Colours come from CSS custom properties, Material's own when the SVG sits in a page (so
dark mode follows the site), with light defaults when it stands alone, black on white in
print. No fonts, scripts or other files are referenced: the SVG works offline as it is.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from generator.flowchart.geometry import Box, Connector, Diagram, Lane, TextLine

FONT_STACK = (
    'system-ui, -apple-system, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", '
    '"Noto Sans CJK SC", "Source Han Sans SC", sans-serif'
)

# Material's variables first; the fallbacks apply outside a Material page (an <img>,
# a file opened on its own), with a dark set for a dark system theme. A rule too long for
# one line of code goes on at the start of the next (a backslash: the CSS stays one line).
STYLE = """
svg.flowchart {
  --fc-fg: var(--md-default-fg-color, #1f2328);
  --fc-muted: var(--md-default-fg-color--light, #4f5862);
  --fc-line: var(--md-default-fg-color--lighter, #9aa3ad);
  --fc-tint: var(--md-default-fg-color--lightest, #f1f3f5);
  --fc-bg: var(--md-default-bg-color, #ffffff);
  --fc-accent: var(--md-accent-fg-color, #3f51b5);
  color: var(--fc-fg);
  font-family: FONTS;
}
@media (prefers-color-scheme: dark) {
  svg.flowchart {
    --fc-fg: var(--md-default-fg-color, #e6edf3);
    --fc-muted: var(--md-default-fg-color--light, #b4bcc5);
    --fc-line: var(--md-default-fg-color--lighter, #6b7480);
    --fc-tint: var(--md-default-fg-color--lightest, #1c2128);
    --fc-bg: var(--md-default-bg-color, #0d1117);
    --fc-accent: var(--md-accent-fg-color, #8c9eff);
  }
}
@media print {
  svg.flowchart {
    --fc-fg: #000; --fc-muted: #333; --fc-line: #777; --fc-tint: #f0f0f0; \
--fc-bg: #fff; --fc-accent: #000;
  }
}
.flowchart .fc-background { fill: var(--fc-bg); }
.flowchart .fc-lane-tint { fill: var(--fc-tint); }
.flowchart .fc-divider { stroke: var(--fc-line); stroke-width: 1; }
.flowchart .fc-header { fill: var(--fc-fg); font-weight: 600; }
.flowchart .fc-box { fill: var(--fc-bg); stroke: var(--fc-fg); stroke-width: 1.5; }
.flowchart .fc-decision { stroke-width: 2; }
.flowchart .fc-terminal { stroke-width: 2.5; }
.flowchart .fc-title { fill: var(--fc-fg); }
.flowchart .fc-note { fill: var(--fc-muted); }
.flowchart .fc-connector { fill: none; stroke: var(--fc-muted); stroke-width: 1.5; \
stroke-linejoin: round; }
.flowchart .fc-arrowhead { fill: var(--fc-muted); }
.flowchart .fc-label { fill: var(--fc-fg); font-weight: 600; paint-order: stroke; \
stroke: var(--fc-bg); stroke-width: 4px; stroke-linejoin: round; }
.flowchart a.fc-step { cursor: pointer; }
.flowchart a.fc-step:hover .fc-box, .flowchart a.fc-step:focus .fc-box { \
stroke: var(--fc-accent); stroke-width: 3; }
.flowchart a.fc-step:focus { outline: none; }
""".replace("FONTS", FONT_STACK)
# Only a chart without lanes writes the role on its boxes.
ROLE_STYLE = """.flowchart .fc-role { fill: var(--fc-muted); font-weight: 600; }
"""
XLINK = "http://www.w3.org/1999/xlink"


def render_svg(diagram: Diagram) -> str:
    """The diagram as a standalone SVG document (also fit to inline in HTML)."""
    prefix = f"fc-{diagram.id}"
    roles = any(line.kind == "role" for box in diagram.boxes for line in box.lines)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="flowchart" xmlns:xlink="{XLINK}" '
        f'viewBox="0 0 {diagram.width} {diagram.height}" '
        # A group, not an image: the steps inside are links, which an image's children
        # (presentational) may not be (axe: nested-interactive). The title names the
        # group, the description lists every step in order.
        f'width="{diagram.width}" height="{diagram.height}" role="group" '
        f'aria-labelledby="{prefix}-title" aria-describedby="{prefix}-desc">',
        f'<title id="{prefix}-title">{escape(diagram.title)}</title>',
        f'<desc id="{prefix}-desc">{escape(chr(10).join(diagram.description))}</desc>',
        f"<style>{STYLE}{ROLE_STYLE if roles else ''}</style>",
        "<defs>",
        f'<marker id="{prefix}-arrow" viewBox="0 0 10 10" refX="9" refY="5" '
        'markerWidth="7" markerHeight="7" markerUnits="strokeWidth" orient="auto">'
        '<path class="fc-arrowhead" d="M0,0 L10,5 L0,10 Z"/></marker>',
        "</defs>",
        # Its own background, so the chart stays legible wherever it is shown on its own.
        f'<rect class="fc-background" x="0" y="0" '
        f'width="{diagram.width}" height="{diagram.height}"/>',
        '<g class="fc-lanes">',
        *[_lane(lane, index, diagram) for index, lane in enumerate(diagram.lanes)],
        "</g>",
        '<g class="fc-connectors">',
        *[_connector(connector, prefix) for connector in diagram.connectors],
        "</g>",
        '<g class="fc-steps">',
        *[_box(box) for box in diagram.boxes],
        "</g>",
        '<g class="fc-labels">',
        *[_text(c.label.text, "fc-label") for c in diagram.connectors if c.label is not None],
        "</g>",
        "</svg>",
    ]
    return "\n".join(parts) + "\n"


def _lane(lane: Lane, index: int, diagram: Diagram) -> str:
    # Alternate lanes are tinted; no divider lines, which arrows in the corridors between
    # lanes would run along and be lost in.
    rect = lane.rect
    header_bottom = lane.header_height
    parts = []
    if index % 2 == 0:
        parts.append(
            f'<rect class="fc-lane-tint" x="{rect.x}" y="{rect.y}" '
            f'width="{rect.w}" height="{rect.h}"/>'
        )
    parts.append(
        f'<line class="fc-divider" x1="{rect.x}" y1="{header_bottom}" '
        f'x2="{rect.right}" y2="{header_bottom}"/>'
    )
    parts += [_text(line, "fc-header") for line in lane.header]
    return "\n".join(parts)


def _connector(connector: Connector, prefix: str) -> str:
    d = " ".join(f"{'M' if i == 0 else 'L'}{x},{y}" for i, (x, y) in enumerate(connector.points))
    kind = "fc-connector fc-loop" if connector.back else "fc-connector"
    return f'<path class="{kind}" d="{d}" marker-end="url(#{prefix}-arrow)"/>'


def _box(box: Box) -> str:
    rect = box.rect
    if box.kind == "decision":
        points = (
            f"{rect.cx},{rect.y} {rect.right},{rect.cy} {rect.cx},{rect.bottom} {rect.x},{rect.cy}"
        )
        shape = f'<polygon class="fc-box fc-decision" points="{points}"/>'
    else:
        radius = rect.h // 2 if box.kind == "terminal" else 6
        shape = (
            f'<rect class="fc-box fc-{box.kind}" x="{rect.x}" y="{rect.y}" '
            f'width="{rect.w}" height="{rect.h}" rx="{radius}"/>'
        )
    texts = [_text(line, f"fc-{line.kind}") for line in box.lines]
    inner = "\n".join([shape, *texts])
    if box.href is None:
        return f'<g class="fc-step fc-start">\n{inner}\n</g>'
    # xlink:href, not href: Material's instant navigation assigns el.href = el.href to
    # every element matching [href], which throws on an SVG link (its href is a read-only
    # SVGAnimatedString) and stops the script. Every browser still follows xlink:href.
    # role="link" says what it is to tools that look for href only (Lighthouse's
    # crawlable-anchors would count it as a link that goes nowhere).
    return f'<a class="fc-step" role="link" xlink:href={quoteattr(box.href)}>\n{inner}\n</a>'


def _text(line: TextLine, css_class: str) -> str:
    return (
        f'<text class="{css_class}" x="{line.x}" y="{line.y}" font-size="{line.size}" '
        f'text-anchor="middle">{escape(line.text)}</text>'
    )
