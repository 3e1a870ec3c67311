"""What HTML a page may publish: an allowlist applied to the HTML made from trainers' Markdown.

Part of render, after Markdown has become HTML: ``sanitize_html`` keeps the elements,
attributes and URL schemes a policy names and drops everything else, with nh3 (the
Rust ``ammonia`` sanitiser) doing the parsing. Scripts, event handlers, ``style``,
``javascript:`` and ``data:`` URLs, frames and embedded objects never pass. Pure: HTML
in, HTML out; the policies are data, so a site that wants raw HTML simply does not call
this (the plugin's opt-in option), and a test can read what each policy allows.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from types import MappingProxyType

import nh3

from generator.render.cjk import join_wrapped_lines
from generator.render.prose import put_back


@dataclass(frozen=True)
class HtmlPolicy:
    """Which elements, attributes and URL schemes survive. ``attributes["*"]`` applies to
    every element; ``styles`` are the CSS properties kept in a ``style`` attribute where
    one is allowed; relative URLs and #fragments always pass."""

    tags: frozenset[str]
    attributes: MappingProxyType
    url_schemes: frozenset[str] = frozenset({"http", "https", "mailto", "tel"})
    attribute_prefixes: frozenset[str] = frozenset()
    styles: frozenset[str] = frozenset()
    # Dropped with everything inside them, not just unwrapped: their text is code.
    removed_with_content: frozenset[str] = field(default=frozenset({"script", "style"}))

    def extended(self, tags=(), attributes=None, attribute_prefixes=()) -> HtmlPolicy:
        merged = {tag: set(names) for tag, names in self.attributes.items()}
        for tag, names in (attributes or {}).items():
            merged.setdefault(tag, set()).update(names)
        return HtmlPolicy(
            tags=self.tags | set(tags) | set(attributes or {}) - {"*"},
            attributes=_frozen(merged),
            url_schemes=self.url_schemes,
            attribute_prefixes=self.attribute_prefixes | set(attribute_prefixes),
            styles=self.styles,
            removed_with_content=self.removed_with_content,
        )


def _frozen(attributes: dict[str, set[str]]) -> MappingProxyType:
    return MappingProxyType({tag: frozenset(names) for tag, names in attributes.items()})


def sanitize_html(html: str, policy: HtmlPolicy, keep: Iterable[str] = ()) -> str:
    """``html`` with everything ``policy`` does not allow removed.

    ``keep`` holds exact fragments our own code made (a flowchart's SVG, with its style
    sheet) that pass as they are: each is swapped for a random token before cleaning and
    put back after. Only our renderer's output may go there, never a pattern: a trainer
    who typed the same text would only have typed our own safe output.
    """
    tokens = {}
    for fragment in dict.fromkeys(keep):
        if fragment and fragment in html:
            token = f"tk-kept-{secrets.token_hex(16)}"
            tokens[token] = fragment
            html = html.replace(fragment, token)
    cleaned = _clean(html, policy)
    for token, fragment in tokens.items():
        cleaned = cleaned.replace(token, fragment)
    return cleaned


def _clean(html: str, policy: HtmlPolicy) -> str:
    cleaners = _cleaners(policy)
    # Only an element that loads its source needs the filter: without one, the same
    # cleaning runs without a call into Python for every attribute of the page.
    cleaner = cleaners[1] if _LOADING_ELEMENT.search(html) else cleaners[0]
    return cleaner.clean(html)


# nh3's cleaners, made once per policy (a page's HTML was cleaned by a Builder set up for
# it alone): id(policy) → (the policy, kept so that its id stays its own; without the
# filter; with it).
_CLEANERS: dict[int, tuple[HtmlPolicy, nh3.Cleaner, nh3.Cleaner]] = {}


def _cleaners(policy: HtmlPolicy) -> tuple[nh3.Cleaner, nh3.Cleaner]:
    known = _CLEANERS.get(id(policy))
    if known is None:
        options = dict(
            tags=set(policy.tags),
            clean_content_tags=set(policy.removed_with_content - policy.tags),
            attributes={tag: set(names) for tag, names in policy.attributes.items()},
            url_schemes=set(policy.url_schemes),
            generic_attribute_prefixes=set(policy.attribute_prefixes) or None,
            filter_style_properties=set(policy.styles) or None,
            # Our own links stay as written: no rel added to every <a>.
            link_rel=None,
            strip_comments=True,
        )
        known = _CLEANERS[id(policy)] = (
            policy,
            nh3.Cleaner(**options),
            nh3.Cleaner(**options, attribute_filter=_no_outside_loads),
        )
    return known[1], known[2]


# Where the browser loads something by itself as the page opens. The site makes no request
# outside itself (no CDN, no web font, no tracking pixel): such a source is dropped.
_LOADED = {("img", "src"), ("img", "srcset"), ("source", "src"), ("source", "srcset")}
# Where such an element may start: an HTML parser makes <img> of <img and of <image, in
# any case; a text without any of them has none (a false alarm only costs the filter).
_LOADING_ELEMENT = re.compile(r"<(?:img|image|source)", re.IGNORECASE)


def _no_outside_loads(tag: str, attribute: str, value: str) -> str | None:
    if (tag, attribute) in _LOADED and ("//" in value or ":" in value.split("/", 1)[0]):
        return None
    return value


# What Python-Markdown makes from a trainer's Markdown with the extensions in mkdocs.yml
# (admonition, attr_list, def_list, md_in_html, tables, toc, pymdownx.details and
# superfences): headings with anchors, lists, tables (aligned columns use text-align),
# links, images, code, admonitions and details, and classes and ids from attribute lists.
MARKDOWN_HTML = HtmlPolicy(
    tags=frozenset(
        {
            *(f"h{level}" for level in range(1, 7)),
            "p",
            "br",
            "hr",
            "blockquote",
            "pre",
            "code",
            "span",
            "div",
            "em",
            "strong",
            "b",
            "i",
            "u",
            "s",
            "del",
            "ins",
            "mark",
            "small",
            "sub",
            "sup",
            "kbd",
            "abbr",
            "q",
            "cite",
            "ul",
            "ol",
            "li",
            "dl",
            "dt",
            "dd",
            "table",
            "thead",
            "tbody",
            "tfoot",
            "tr",
            "th",
            "td",
            "caption",
            "colgroup",
            "col",
            "a",
            "img",
            "figure",
            "figcaption",
            "details",
            "summary",
        }
    ),  # fmt: skip
    attributes=_frozen(
        {
            "*": {"class", "id", "title", "lang"},
            "a": {"href"},
            "img": {"src", "alt", "width", "height", "loading"},
            "ol": {"start", "reversed"},
            "li": {"value"},
            "th": {"style", "scope", "colspan", "rowspan"},
            "td": {"style", "colspan", "rowspan"},
            "details": {"open"},
            "abbr": set(),
        }
    ),
    styles=frozenset({"text-align"}),
)

# A generated page as a whole: trainers' Markdown plus the markup of our own templates
# (quiz widgets, library filters, forms to print) and the flowchart SVG. Still no script,
# no handler, no style sheet: our behaviour comes from assets/, bound by class and data-*.
GENERATED_PAGE_HTML = MARKDOWN_HTML.extended(
    attributes={
        "*": {"role", "hidden", "tabindex"},
        "article": set(),
        "section": set(),
        "header": set(),
        "footer": set(),
        "main": set(),
        "nav": set(),
        "form": set(),
        "fieldset": set(),
        "legend": set(),
        "label": {"for"},
        "input": {"type", "name", "value", "checked", "disabled"},
        "button": {"type", "disabled"},
        "select": {"name", "multiple"},
        "option": {"value", "selected"},
        "output": {"for"},
        "svg": {"viewBox", "xmlns", "width", "height", "focusable"},
        "g": set(),
        "defs": set(),
        "marker": {"viewBox", "refX", "refY", "markerWidth", "markerHeight", "orient"},
        "rect": {"x", "y", "width", "height", "rx", "ry"},
        "line": {"x1", "y1", "x2", "y2"},
        "path": {"d", "marker-end"},
        "polygon": {"points"},
        "polyline": {"points", "marker-end"},
        "circle": {"cx", "cy", "r"},
        "text": {"x", "y", "font-size", "text-anchor", "dominant-baseline"},
        "tspan": {"x", "y", "dx", "dy"},
        "title": set(),
        "desc": set(),
    },
    attribute_prefixes=("data-", "aria-"),
)


class PageHtml:
    """The last step of every page's HTML: the trainers' plain prose put back in its place
    (render/prose.py), glossary terms linked (``link_terms(uri, html, generated)``),
    cleaned with ``GENERATED_PAGE_HTML`` (unless the site opts into raw HTML with the
    plugin's ``raw_html: true``), keeping the SVG our own code made for it, then Chinese
    wrapped over several source lines joined."""

    def __init__(self, pages: Iterable, raw_html: bool, link_terms: Callable):
        self.trusted = {page.uri: page.trusted for page in pages if page.trusted}
        self.prose = {page.uri: page.prose for page in pages if page.prose}
        self.raw_html = raw_html
        self.link_terms = link_terms

    def finish(self, uri: str, html: str, generated: bool) -> str:
        html = self.link_terms(uri, put_back(html, self.prose.get(uri, ())), generated)
        if not self.raw_html:
            html = sanitize_html(html, GENERATED_PAGE_HTML, keep=self.trusted.get(uri, ()))
        return join_wrapped_lines(html)
