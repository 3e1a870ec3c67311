"""Glossary terms linked where they are used: the first mention of each term on a page
becomes a link to its glossary entry, with the definition as the link's tooltip.

Works on Markdown text, line by line, and leaves alone everything that is not plain
prose: code, headings, existing links, HTML, attribute lists.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from generator.knowledge_base import KnowledgeBase

# Spans a link must never be put inside.
_PROTECTED = re.compile(
    r"`[^`]*`"  # inline code
    r"|!?\[[^\]]*\]\([^)]*\)"  # links and images
    r"|\[[^\]]*\]\[[^\]]*\]"  # reference links
    r"|<[^>]+>"  # HTML tags and autolinks
    r"|\{[^}]*\}"  # attribute lists
    r"|https?://\S+"
    r"|《[^》]*》"  # titles of books and documents are names, not uses of a term
)
_FENCE = re.compile(r"^\s*(```|~~~)")
_SKIPPED_LINE = re.compile(r"^\s*(#|<|!!!|\?\?\?|\|?\s*:?-{3,}|\[[^\]]+\]:|\*\[)")
_TITLE_SAFE = str.maketrans({'"': "“", "'": "’", "(": "（", ")": "）"})
_PARENTHESIS = re.compile(r"\s*[（(][^）)]*[）)]\s*$")


@dataclass(frozen=True)
class Term:
    id: str
    words: tuple[str, ...]  # what to look for in the text, longest first
    definition: str


def glossary_terms(kb: KnowledgeBase) -> list[Term]:
    ref = kb.reference.get("glossary")
    if ref is None:
        return []
    terms = []
    for entry in ref.content.entries:
        words = {entry.term, _PARENTHESIS.sub("", entry.term), *entry.aliases}
        inner = re.search(r"[（(]([^）)]+)[）)]", entry.term)
        if inner and re.fullmatch(r"[A-Za-z]{2,}", inner.group(1)):
            words.add(inner.group(1))  # 客户关系管理（CRM） is also found as CRM
        words = {word for word in words if len(word) >= 2}
        definition = re.sub(r"[*`_\[\]]", "", " ".join(entry.definition.split()))
        terms.append(Term(entry.id, tuple(sorted(words, key=len, reverse=True)), definition))
    return terms


def link_terms(markdown: str, terms: list[Term], glossary_href: str) -> str:
    """``markdown`` with the first mention of each term linked to ``glossary_href#id``."""
    if not terms:
        return markdown
    # Most lines hold no glossary word, and _link_line leaves those as they are: one
    # search for all the words at once finds the few lines worth the work.
    mentions = _mention_pattern(tuple(terms))
    lines, linkable, in_fence = markdown.split("\n"), [], False
    for index, line in enumerate(lines):
        if _FENCE.match(line):
            in_fence = not in_fence
        elif (
            not in_fence
            and mentions.search(line)
            and not _SKIPPED_LINE.match(line)
            and not line.startswith("    " * 2)
        ):
            linkable.append(index)
    # Only terms those lines mention can be linked: looking for the others on every
    # line was most of this function's time.
    text = "\n".join(lines[index] for index in linkable)
    pending = [term for term in terms if any(word in text for word in term.words)]
    for index in linkable:
        if not pending:
            break
        lines[index] = _link_line(lines[index], pending, glossary_href)
    return "\n".join(lines)


@functools.lru_cache(maxsize=4)
def _mention_pattern(terms: tuple[Term, ...]) -> re.Pattern:
    """Finds any word of any term: where it finds none, no term is mentioned."""
    return re.compile("|".join(re.escape(word) for term in terms for word in term.words))


def _link_line(line: str, pending: list[Term], href: str) -> str:
    pieces, position = [], 0
    for match in _PROTECTED.finditer(line):
        pieces.append((line[position : match.start()], True))
        pieces.append((match.group(0), False))
        position = match.end()
    pieces.append((line[position:], True))
    out = []
    for text, is_prose in pieces:
        out.append(_link_text(text, pending, href) if is_prose and text else text)
    return "".join(out)


def _link_text(text: str, pending: list[Term], href: str) -> str:
    # Find the earliest mention of any pending term, link it, and go on after it.
    while pending:
        best = None
        for term in pending:
            for word in term.words:
                index = text.find(word)
                if index != -1 and (
                    best is None
                    or index < best[0]
                    or (index == best[0] and len(word) > len(best[1]))
                ):
                    best = (index, word, term)
        if best is None:
            return text
        index, word, term = best
        pending.remove(term)
        # A tooltip must not end the link early: Python-Markdown reads a ")" or a quote
        # inside the title as the end of the link (then an anchor is left dangling).
        title = term.definition.translate(_TITLE_SAFE)
        link = f'[{word}]({href}#{term.id} "{title}")'
        rest = _link_text(text[index + len(word) :], pending, href)
        return text[:index] + link + rest
    return text


def search_vocabulary(terms: list[Term]) -> list[str]:
    """Words the search segmenter must keep whole: every glossary term and alias.

    jieba splits an unknown phrase such as 首问负责制 into 首问 / 负责制, and a reader who
    types 首问负责 then finds nothing; taught the trade's own words, it keeps them whole.
    """
    return sorted({word for term in terms for word in term.words if not word.isascii()})
