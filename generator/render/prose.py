"""Trainers' plain prose kept out of Python-Markdown, and put back into the HTML it makes.

A case page is mostly text the trainers wrote, and nearly all of it is plain prose:
paragraphs with no Markdown in them. Python-Markdown still runs each one through its
twenty-odd inline patterns, and at 1,000 cases that was most of the build's Markdown time.
A field rendered with a ``Prose`` at hand (the ``md`` filter, render/templating.py) is
written into the page's Markdown as one placeholder word per line, with its line breaks
and blank lines, so Markdown builds the same structure around it (paragraphs, loose or
tight list items); ``put_back`` then swaps each placeholder in the HTML for its line, which
is exactly what Markdown prints for a plain line (tests/test_prose.py holds it to that).
A field with anything Markdown might read as markup goes to Markdown whole, as before.
"""

from __future__ import annotations

import re

from markupsafe import Markup

# Placeholders are words between two U+001A characters: a control character no field may
# hold (model/base.py refuses them), so no trainer can write one, and one Markdown passes.
PLACEHOLDER = "\x1aP{}\x1a"
# HTML our templates made (a list of links, a flowchart), kept out of Markdown the same way:
# alone in a paragraph it takes the paragraph's place, elsewhere the word's.
BLOCK = "\x1aB{}\x1a"
_PLACEHOLDER = re.compile("<p>\x1aB(\\d+)\x1a</p>|\x1aB(\\d+)\x1a|\x1aP(\\d+)\x1a")
# Where a page written as HTML wants Markdown made (see ``Snippets``), and how it is found.
SNIPPET = "\x1aM{}\x1a"
SNIPPET_FOUND = re.compile("\x1aM(\\d+)\x1a")
# Characters that start inline markup, an entity, HTML or a table cell, and a hard line
# break (two spaces at a line's end).
_INLINE = re.compile(r"[\\`*_\[\]<>&{}|~\t\r\x1a]|[ ]$", re.M)
# How a line may start a block: indented (code, a list's continuation), a heading, a quote,
# a list, a rule or underline, a note (!!!, ???), a fence, a definition (: ) or a blank.
_BLOCK_START = re.compile(r"^(?:[ #>+\-=:!?~]|\d+\.[ ]|$)", re.M)


class Prose:
    """The plain lines of one page (and HTML blocks), in the order their placeholders were
    written."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def field(self, text: str | None) -> Markup:
        """A Markdown field as it goes into the page's Markdown: a placeholder for each of
        its lines when all its paragraphs are plain, else the field as written. (A line
        each, not a paragraph: a tight list item keeps its lines' indentation.)"""
        if not is_plain(text):
            return Markup(text or "")
        skeleton = []
        for paragraph in text.strip("\n").split("\n\n"):
            words = []
            for line in paragraph.split("\n"):
                words.append(PLACEHOLDER.format(len(self.lines)))
                self.lines.append(line)
            skeleton.append("\n".join(words))
        return Markup("\n\n".join(skeleton))

    def html(self, fragment: str) -> Markup:
        """HTML that goes into the page as it is (``BLOCK``)."""
        self.lines.append(str(fragment))
        return Markup(BLOCK.format(len(self.lines) - 1))


def _is_plain(paragraph: str) -> bool:
    return bool(paragraph) and not _INLINE.search(paragraph) and not _BLOCK_START.search(paragraph)


def put_back(html: str, lines: tuple[str, ...]) -> str:
    """The HTML Markdown made of a page, with its placeholders swapped for their lines."""
    if not lines:
        return html

    def line(found: re.Match) -> str:
        return lines[int(next(group for group in found.groups() if group is not None))]

    return _PLACEHOLDER.sub(line, html)


def is_plain(text: str | None, paragraphs: int | None = None) -> bool:
    """Whether a Markdown field is plain prose (at most ``paragraphs`` paragraphs)."""
    found = (text or "").strip("\n").split("\n\n")
    fits = paragraphs is None or len(found) <= paragraphs
    return bool(text and text.strip()) and fits and all(map(_is_plain, found))


def is_plain_line(text: str | None) -> bool:
    """Whether escaped text (md_text) reads the same as Markdown and as HTML: one line,
    nothing that could start a block."""
    text = text or ""
    return "\n" not in text and text == text.strip() and not _BLOCK_START.search(text)


class Snippets:
    """The Markdown a page written as HTML still needs made: its headings (their ids,
    permalinks and the table of contents are Markdown's) and notes. Each is a placeholder
    line in the HTML, which the plugin has MkDocs render (generator/upstream/mkdocs_page.py)."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def markdown(self, text: str) -> Markup:
        self.texts.append(str(text).strip("\n"))
        return Markup(SNIPPET.format(len(self.texts) - 1))

    def heading(self, level: int, text: str) -> Markup:
        return self.markdown(f"{'#' * level} {text}")
