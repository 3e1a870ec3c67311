"""No page loads an image from outside the site, however the element is spelled.

The sanitiser filters image sources only on pages that may hold an image (render/sanitize.py
skips the per-attribute filter elsewhere): these are the spellings an HTML parser still
turns into an image.
"""

from __future__ import annotations

import pytest

from generator.render.sanitize import GENERATED_PAGE_HTML, MARKDOWN_HTML, sanitize_html

OUTSIDE = [
    '<p><img src="https://cdn.example/a.png" alt="a"></p>',
    "<p><IMG SRC=//cdn.example/a.png></p>",
    "<p><image src=https://cdn.example/a.png></p>",
    '<p><Img srcset="https://cdn.example/a.png 1x"></p>',
    '<p><img src="http:a.png"></p>',
]


@pytest.mark.parametrize("policy", [MARKDOWN_HTML, GENERATED_PAGE_HTML], ids=["md", "page"])
@pytest.mark.parametrize("html", OUTSIDE)
def test_an_image_from_outside_the_site_loses_its_source(html, policy):
    cleaned = sanitize_html(html, policy)
    assert "<img" in cleaned
    assert "example" not in cleaned and "http" not in cleaned


def test_an_image_of_the_site_keeps_its_source():
    html = '<p>见图：<img src="../img/a.png" alt="图"></p>'
    assert sanitize_html(html, GENERATED_PAGE_HTML) == html


def test_a_page_with_and_without_an_image_is_cleaned_alike():
    text = '<p title="说明" data-x="1"><a href="../x/">链接</a><span onclick="y()">字</span></p>'
    image = '<img src="../img/a.png" alt="图">'
    assert sanitize_html(text + image, GENERATED_PAGE_HTML) == (
        sanitize_html(text, GENERATED_PAGE_HTML) + image
    )
