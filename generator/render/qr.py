"""QR codes for printed sheets: a phone scans the paper on the office wall and lands on
the procedure page. Drawn inline as SVG by segno, so no image file and no request."""

from __future__ import annotations

import segno
from markupsafe import Markup


def qr_svg(url: str, caption: str) -> Markup:
    """An inline SVG QR code for ``url``, black on white whatever the theme."""
    code = segno.make(url, error="m", micro=False)
    svg = code.svg_inline(scale=3, border=2, dark="#000", light="#fff", title=caption)
    return Markup(
        svg.replace("<svg ", '<svg role="img" aria-label="' + str(Markup.escape(caption)) + '" ', 1)
    )
