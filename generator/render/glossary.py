"""Glossary terms linked where they are used: the first mention of each term on a page
becomes a link to its glossary entry, with the definition as the link's tooltip.

Works on Markdown text, line by line, and leaves alone everything that is not plain
prose: code, headings, existing links, HTML, attribute lists.
"""

from __future__ import annotations

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
    return TermLinker(terms).link(markdown, glossary_href) if terms else markdown


class TermLinker:
    """Links the first mention of each of ``terms``, made once for a build's many pages.

    A mention is the earliest place in a line's prose where a word of a term not yet
    linked starts; where words of several terms start at the same place, the longest wins,
    and between terms sharing a word, the one listed first.
    """

    def __init__(self, terms: list[Term]):
        self.terms = list(terms)
        words = sorted({word for term in self.terms for word in term.words}, key=len, reverse=True)
        # Finds any word of any term: where it finds none, no term is mentioned. Where it
        # finds one, the words starting there are tried longest first.
        self._mentions = re.compile("|".join(map(re.escape, words))) if words else None
        owners: dict[str, list[int]] = {}
        for number, term in enumerate(self.terms):
            for word in term.words:
                owners.setdefault(word, []).append(number)
        self._starting_with: dict[str, list[tuple[str, list[int]]]] = {}
        for word in words:
            self._starting_with.setdefault(word[0], []).append((word, owners[word]))
        # A tooltip must not end the link early: Python-Markdown reads a ")" or a quote
        # inside the title as the end of the link (then an anchor is left dangling).
        self._titles = [term.definition.translate(_TITLE_SAFE) for term in self.terms]

    def link(self, markdown: str, glossary_href: str) -> str:
        if self._mentions is None:
            return markdown
        lines, in_fence = markdown.split("\n"), False
        pending = [True] * len(self.terms)
        left = len(self.terms)
        for index, line in enumerate(lines):
            if _FENCE.match(line):
                in_fence = not in_fence
            elif (
                not in_fence
                and self._mentions.search(line)
                and not _SKIPPED_LINE.match(line)
                and not line.startswith("    " * 2)
            ):
                lines[index], left = self._link_line(line, pending, left, glossary_href)
                if not left:
                    break
        return "\n".join(lines)

    def _link_line(self, line: str, pending: list[bool], left: int, href: str) -> tuple[str, int]:
        out, position = [], 0
        for match in _PROTECTED.finditer(line):
            if match.start() > position:
                text, left = self._link_text(line[position : match.start()], pending, left, href)
                out.append(text)
            out.append(match.group(0))
            position = match.end()
        if position < len(line):
            text, left = self._link_text(line[position:], pending, left, href)
            out.append(text)
        return "".join(out), left

    def _link_text(self, text: str, pending: list[bool], left: int, href: str) -> tuple[str, int]:
        out, done, position = [], 0, 0
        while left:
            match = self._mentions.search(text, position)
            if match is None:
                break
            start = match.start()
            found = self._pending_word_at(text, start, pending)
            if found is None:
                position = start + 1
                continue
            word, number = found
            pending[number], left = False, left - 1
            term = self.terms[number]
            out += [text[done:start], f'[{word}]({href}#{term.id} "{self._titles[number]}")']
            done = position = start + len(word)
        out.append(text[done:])
        return "".join(out), left

    def _pending_word_at(self, text: str, start: int, pending: list[bool]):
        """The longest word starting at ``start`` of a term not linked yet, and the term."""
        for word, owners in self._starting_with.get(text[start], ()):
            if text.startswith(word, start):
                for number in owners:
                    if pending[number]:
                        return word, number
        return None


def search_vocabulary(terms: list[Term]) -> list[str]:
    """Words the search segmenter must keep whole: every glossary term and alias.

    jieba splits an unknown phrase such as 首问负责制 into 首问 / 负责制, and a reader who
    types 首问负责 then finds nothing; taught the trade's own words, it keeps them whole.
    """
    return sorted({word for term in terms for word in term.words if not word.isascii()})
