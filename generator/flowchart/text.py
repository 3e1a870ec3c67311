"""Text measure for the flowchart: how wide a line is, and where to break it.

No font is shipped or loaded, so widths are estimated: a CJK character is one em wide in
every Chinese font, Latin letters and digits about 0.55 em. Layout and tests use the same
measure, so "the text fits its box" means the same thing in both.
"""

from __future__ import annotations

import math
import unicodedata

NARROW_EM = 0.55
SPACE_EM = 0.3

# Closing punctuation may not start a line, opening punctuation may not end one
# (the simplest part of the Chinese line-breaking rules).
NO_LINE_START = set("，。、；：？！）》」』】〉…％,.;:?!)]}%")
NO_LINE_END = set("（《「『【〈([{")
# After these a line breaks between phrases, which reads better than an even split.
PHRASE_END = set("，、；：。？！ ,;:")


def char_em(char: str) -> float:
    if char == " ":
        return SPACE_EM
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 1.0
    return NARROW_EM


def text_width(text: str, size: float) -> float:
    """Estimated width in pixels of one line set at ``size`` pixels."""
    return sum(char_em(char) for char in text) * size


def wrap(text: str, max_width: float, size: float) -> list[str]:
    """Break text into lines no wider than ``max_width``.

    CJK text may break between any two characters; a run of Latin letters or digits is
    kept whole when it fits on a line by itself.
    """
    lines: list[str] = []
    rest = " ".join(text.split())
    while rest:
        if text_width(rest, size) <= max_width:
            lines.append(rest)
            break
        cut = _fit(rest, max_width, size)
        cut = _respect_words(rest, cut, max_width, size)
        cut = _respect_punctuation(rest, cut)
        cut = _prefer_phrase_end(rest, cut)
        lines.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    return lines


def wrapped_width(lines: list[str], size: float) -> int:
    return math.ceil(max((text_width(line, size) for line in lines), default=0))


def _fit(text: str, max_width: float, size: float) -> int:
    """How many leading characters fit (at least one, so wrapping always progresses)."""
    width = 0.0
    for index, char in enumerate(text):
        width += char_em(char) * size
        if width > max_width:
            return max(index, 1)
    return len(text)


def _is_word_char(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _respect_words(text: str, cut: int, max_width: float, size: float) -> int:
    """Move a break that falls inside a Latin word or number to the word's start."""
    if cut >= len(text) or not (_is_word_char(text[cut - 1]) and _is_word_char(text[cut])):
        return cut
    start = cut
    while start > 0 and _is_word_char(text[start - 1]):
        start -= 1
    return start if start > 0 else cut


def ends_phrase(line: str) -> bool:
    return bool(line) and line[-1] in PHRASE_END


def _prefer_phrase_end(text: str, cut: int) -> int:
    """Break after the last punctuation mark of the line, unless that leaves it under half full."""
    for index in range(cut, cut // 2, -1):
        if text[index - 1] in PHRASE_END:
            return index
    return cut


def _respect_punctuation(text: str, cut: int) -> int:
    """Keep closing punctuation with the character before it, opening with the one after."""
    if cut >= len(text):
        return cut
    moved = cut
    while moved > 1 and (text[moved] in NO_LINE_START or text[moved - 1] in NO_LINE_END):
        moved -= 1
    return moved
