"""Glossary terms linked where they are used: the first mention of each term on a page
becomes a link to its glossary entry, with the definition as the link's tooltip.

Works on a page's HTML, once Markdown has made it (the same links written into the Markdown
cost Python-Markdown 1.4 ms more per case page, a third of its time there), and leaves alone
everything that is not prose: code, headings, links, the titles of notes, our own chips and
source line, addresses, titles of books.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

from generator.knowledge_base import KnowledgeBase

_TITLE_SAFE = str.maketrans({'"': "“", "'": "’", "(": "（", ")": "）"})
_PARENTHESIS = re.compile(r"\s*[（(][^）)]*[）)]\s*$")
# HTML, token by token: a comment, a tag (closing or not, its name, its attributes) or text.
_HTML_TOKEN = re.compile(r"<!--.*?-->|<(/?)([A-Za-z][\w-]*)([^>]*)>|[^<]+", re.S)
# Elements whose text is no mention: code, links, headings, the titles of notes and of
# folded notes, scripts and drawings.
_SKIPPED_ELEMENTS = frozenset(
    "a code pre kbd samp h1 h2 h3 h4 h5 h6 summary script style svg textarea button".split()
)
# ... and elements of these classes: a note's title, a case page's chips and source line.
_SKIPPED_CLASS = re.compile(r"""\bclass=["'][^"']*\b(admonition-title|tk-case-meta|tk-source)\b""")
# In the text between tags: addresses and titles of books and documents.
_PROTECTED_TEXT = re.compile(r"https?://\S+|《[^》]*》")
_VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())


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


def link_terms(html: str, terms: list[Term], glossary_href: str) -> str:
    """``html`` with the first mention of each term linked to ``glossary_href#id``."""
    return TermLinker(terms).link(html, glossary_href) if terms else html


class TermLinker:
    """Links the first mention of each of ``terms``, made once for a build's many pages.

    A mention is the earliest place in the page's prose where a word of a term not yet
    linked starts; where words of several terms start at the same place, the longest wins,
    and between terms sharing a word, the one listed first.
    """

    def __init__(self, terms: list[Term]):
        self.terms = list(terms)
        words = sorted({word for term in self.terms for word in term.words}, key=len, reverse=True)
        # Finds any word of any term, the longest starting there: where it finds none, no
        # term is mentioned.
        self._mentions = re.compile(_longest_of(words)) if words else None
        owners: dict[str, list[int]] = {}
        for number, term in enumerate(self.terms):
            for word in term.words:
                owners.setdefault(word, []).append(number)
        # The words starting where _mentions found a word are that word and the words it
        # starts with: for each word, those words (longest first) and their terms.
        self._within: dict[str, list[tuple[str, list[int]]]] = {
            found: [(word, owners[word]) for word in words if found.startswith(word)]
            for found in words
        }
        # The titles as they were when the links were Markdown, whose titles could hold no
        # ")" or quote: the same tooltips, byte for byte.
        titles = [term.definition.translate(_TITLE_SAFE) for term in self.terms]
        self._titles = [escape(title, quote=True) for title in titles]

    def link(self, html: str, glossary_href: str) -> str:
        """``html`` with the first mention of each term linked to ``glossary_href#id``, the
        definition as the link's title."""
        if self._mentions is None or not self._mentions.search(html):
            return html
        out, skipped, depth, position = [], None, 0, 0
        pending, left = [True] * len(self.terms), len(self.terms)
        for token in _HTML_TOKEN.finditer(html):
            closing, name = token.group(1), token.group(2)
            if name is not None:
                name = name.lower()
                if skipped is not None:
                    if name == skipped and name not in _VOID:
                        depth += -1 if closing else 1
                        skipped = None if depth == 0 else skipped
                elif (
                    not closing
                    and name not in _VOID
                    and (name in _SKIPPED_ELEMENTS or _SKIPPED_CLASS.search(token.group(3)))
                ):
                    skipped, depth = name, 1
            elif skipped is None and token.group(0)[0] != "<":
                linked, left = self._link_prose(token.group(0), pending, left, glossary_href)
                if linked is not None:
                    out += [html[position : token.start()], linked]
                    position = token.end()
                if not left:
                    break
        out.append(html[position:])
        return "".join(out)

    def _link_prose(self, text: str, pending: list[bool], left: int, href: str):
        """Text between tags with its mentions linked (None where it has none)."""
        if not self._mentions.search(text):
            return None, left
        out, position = [], 0
        for match in _PROTECTED_TEXT.finditer(text):
            if match.start() > position:
                part = text[position : match.start()]
                linked, left = self._link_text(part, pending, left, href)
                out.append(linked)
            out.append(match.group(0))
            position = match.end()
        if position < len(text):
            linked, left = self._link_text(text[position:], pending, left, href)
            out.append(linked)
        return "".join(out), left

    def _link_text(self, text: str, pending: list[bool], left: int, href: str) -> tuple[str, int]:
        out, done, position = [], 0, 0
        while left:
            match = self._mentions.search(text, position)
            if match is None:
                break
            start = match.start()
            found = _pending_word(self._within[match.group()], pending)
            if found is None:
                position = start + 1
                continue
            word, number = found
            pending[number], left = False, left - 1
            term = self.terms[number]
            link = f'<a href="{href}#{term.id}" title="{self._titles[number]}">{word}</a>'
            out += [text[done:start], link]
            done = position = start + len(word)
        out.append(text[done:])
        return "".join(out), left


def _pending_word(words: list[tuple[str, list[int]]], pending: list[bool]):
    """The first of ``words`` (the words starting at a place) of a term not linked yet,
    and the term."""
    for word, owners in words:
        for number in owners:
            if pending[number]:
                return word, number
    return None


def _longest_of(words: list[str]) -> str:
    """A regex matching the longest of ``words`` starting where it matches: as the words
    joined by "|" longest first, but written as a tree of their letters, so that the regex
    engine tries each first letter once, not once a word."""
    following: dict[str, list[str]] = {}
    for word in words:
        following.setdefault(word[0], []).append(word[1:])
    branches = []
    for first, rests in following.items():
        longer = [rest for rest in rests if rest]
        if not longer:
            branches.append(re.escape(first))
        else:
            optional = "?" if len(longer) < len(rests) else ""
            branches.append(f"{re.escape(first)}(?:{_longest_of(longer)}){optional}")
    return "|".join(branches)


def search_vocabulary(terms: list[Term]) -> list[str]:
    """Words the search segmenter must keep whole: every glossary term and alias.

    jieba splits an unknown phrase such as 首问负责制 into 首问 / 负责制, and a reader who
    types 首问负责 then finds nothing; taught the trade's own words, it keeps them whole.
    """
    return sorted({word for term in terms for word in term.words if not word.isascii()})
