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
from functools import lru_cache
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
_CLASS_VALUE = r"""=["'][^"']*\b(admonition-title|tk-case-meta|tk-source)\b"""
_SKIPPED_CLASS = re.compile(rf"\bclass{_CLASS_VALUE}")
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
        # term is mentioned. Where it finds one, the words starting there are tried longest
        # first.
        self._mentions = re.compile(_longest_of(words)) if words else None
        self._prose = _prose_scanner(words) if words else None
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
        out, position, at, end = [], 0, 0, len(html)
        pending, left = [True] * len(self.terms), len(self.terms)
        while left:
            at = self._prose.match(html, at).end()
            if at == end:
                break
            if html[at] == "<":  # a tag that may open an element to skip
                token = _HTML_TOKEN.match(html, at)
                at, name = token.end(), token.group(2).lower()
                if (
                    not token.group(1)
                    and name not in _VOID
                    and (name in _SKIPPED_ELEMENTS or _SKIPPED_CLASS.search(token.group(3)))
                ):
                    at = _element_end(html, at, name)
                continue
            # Text between tags in which a word of a term starts.
            stop = html.find("<", at)
            stop = end if stop < 0 else stop
            linked, left = self._link_prose(html[at:stop], pending, left, glossary_href)
            if linked is not None:
                out += [html[position:at], linked]
                position = stop
            at = stop
        out.append(html[position:])
        return "".join(out)

    def _link_prose(self, text: str, pending: list[bool], left: int, href: str):
        """Text between tags with its mentions linked (None where none is linked)."""
        if not _PROTECTED_TEXT.search(text):
            linked, now_left = self._link_text(text, pending, left, href)
            return (None if now_left == left else linked), now_left
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
        search, within = self._mentions.search, self._within
        while left and (match := search(text, position)):
            start = match.start()
            found = _pending_word(within[match.group()], pending)
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


def search_vocabulary(terms: list[Term]) -> list[str]:
    """Words the search segmenter must keep whole: every glossary term and alias.

    jieba splits an unknown phrase such as 首问负责制 into 首问 / 负责制, and a reader who
    types 首问负责 then finds nothing; taught the trade's own words, it keeps them whole.
    """
    return sorted({word for term in terms for word in term.words if not word.isascii()})


def _longest_of(words: list[str]) -> str:
    """A regex matching the longest of ``words`` starting where it matches: as the words
    joined by "|" longest first, but written as a tree of their letters, so that the regex
    engine tries the first letters once each, not once a word (a third less time)."""
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


# The linker looks at a page's tokens (some 350) only where one may matter: the regexes
# below pass over the others in one call, each whole as _HTML_TOKEN cuts it, and stop at
# every token that may matter, which is then looked at as before. A "<" that opens neither
# a comment nor a tag is no token (finditer steps over it).
_COMMENT = r"<!--.*?-->"
_STRAY = r"<(?!!--.*?-->)(?!/?[A-Za-z][\w-]*[^>]*>)"


def _named(name: str) -> str:
    """A regex matching a tag name (of _HTML_TOKEN) that lowered is ``name`` (ASCII, lower
    case): a name starts with an ASCII letter, and the Kelvin sign is the one other letter
    that str.lower makes ASCII."""
    letters = [f"[{letter}{letter.upper()}]" if letter.isalpha() else letter for letter in name]
    letters[1:] = ["[kK\u212a]" if letter == "[kK]" else letter for letter in letters[1:]]
    return "".join(letters) + r"(?![\w-])"


_SKIPPED_NAME = "|".join(_named(name) for name in sorted(_SKIPPED_ELEMENTS))
# A tag outside elements to skip that opens none: a closing tag, or an opening tag of a name
# not skipped and without a class to skip (looked for as _SKIPPED_CLASS does, or further on;
# its \bclass written c(?<!\wc)lass, so that the regex engine looks for a "c" first).
_PASSED_TAG = (
    r"</[A-Za-z][\w-]*+[^>]*>"
    rf"|<(?!{_SKIPPED_NAME})[A-Za-z][\w-]*+(?![^>]*?c(?<!\wc)lass{_CLASS_VALUE})[^>]*>"
)


def _skipped_element(name: str) -> str:
    """A regex matching a whole element ``name``, opening tag to closing tag, that holds no
    element of the same name (those are left to _element_end)."""
    tag = _named(name)
    inside = rf"(?:[^<]++|</?(?!{tag})[A-Za-z][\w-]*[^>]*>|{_COMMENT}|{_STRAY})*+"
    return rf"<{tag}[^>]*>{inside}</{tag}[^>]*>"


_SKIPPED_WHOLE = "|".join(_skipped_element(name) for name in sorted(_SKIPPED_ELEMENTS))


def _prose_scanner(words: list[str]) -> re.Pattern:
    """Passes the tokens outside elements to skip up to the first that may matter: text in
    which one of ``words`` may start, or a tag that may open an element to skip (the
    elements to skip by their name are passed whole, if none of the same name is inside).

    Where a word starts, its first letter is a first letter of a word and, for a word of
    two letters or more, the next letter a second letter of one: two look-ups in sets of
    letters, where trying the words at each place the first holds took twice as long as
    the rest of the scan. (A word starting with "<" starts in no text.)"""
    singles = {word for word in words if len(word) == 1}
    firsts = {word[0] for word in words} - {"<"}
    seconds = {word[1] for word in words if len(word) > 1}
    text = rf"[^<{_letters(firsts)}]++"
    if firsts - singles:
        text += rf"|[{_letters(firsts - singles)}](?![{_letters(seconds)}])"
    tokens = rf"(?:{text})++(?=<|\Z)|{_PASSED_TAG}|{_COMMENT}|{_SKIPPED_WHOLE}|{_STRAY}"
    return re.compile(rf"(?:{tokens})*+", re.S)


def _letters(letters: set[str]) -> str:
    """``letters`` written for a regex's character set."""
    return "".join(sorted(map(re.escape, letters)))


def _element_end(html: str, at: int, name: str) -> int:
    """Where the element ``name``, opened just before ``at``, ends: after its closing tag,
    or at the end of ``html``."""
    scanner, depth = _element_scanner(name), 1
    while (at := scanner.match(html, at).end()) < len(html):
        token = _HTML_TOKEN.match(html, at)
        at = token.end()
        if token.group(2).lower() == name:
            depth += -1 if token.group(1) else 1
            if depth == 0:
                break
    return at


@lru_cache(maxsize=64)
def _element_scanner(name: str) -> re.Pattern:
    """Passes the tokens inside an element ``name`` up to the first tag of that name (of
    any tag where the name is not ASCII)."""
    other = rf"</?(?!{_named(name)})[A-Za-z][\w-]*[^>]*>|" if name.isascii() else ""
    return re.compile(rf"(?:[^<]++|{other}{_COMMENT}|{_STRAY})*+", re.S)
