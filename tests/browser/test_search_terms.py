"""A trainee types the words of the trade into the search box and finds the page that
teaches them (the words the knowledge-base issue names)."""

from __future__ import annotations

import pytest

from tests.browser.conftest import search_for

# Word typed → a page that must be among the first results.
EXPECTED = {
    "三声": ("procedures/complaint-reception/", "lessons/complaint-communication/"),
    "五分钟": (
        "procedures/complaint-reception/",
        "lessons/complaint-communication/",
        "procedures/complaint-handling/",
    ),
    "首问负责": ("lessons/service-process/",),
    "禁语": ("reference/forbidden-phrases/",),
    "回访": ("procedures/complaint-handling/", "procedures/customer-visit/"),
    "过户": ("cases/sim-transfer/",),
    "期望值": ("lessons/expectation-satisfaction/",),
}


@pytest.mark.browser
@pytest.mark.parametrize("word", list(EXPECTED))
def test_search_word_finds_the_page_that_teaches_it(page, base_url, word):
    page.goto(base_url)
    links = search_for(page, word)
    # Results appear while the word is still being typed; read them once they settle.
    top, previous = None, []
    for _ in range(20):
        page.wait_for_timeout(250)
        top = [
            href.split("?")[0].split("#")[0].removeprefix(base_url)
            for href in links.evaluate_all("ls => ls.map(a => a.href)")
        ][:8]
        if top == previous:
            break
        previous = top
    assert any(expected in top for expected in EXPECTED[word]), f"{word}: first results were {top}"
