"""A person on duty opens a procedure on a phone; the office prints its checklist."""

from __future__ import annotations

import io

import pytest
import yaml
from pypdf import PdfReader

from tests.browser.conftest import MOBILE, ROOT
from tests.conftest import PUBLIC_URL

PROCEDURE = "complaint-handling"
SITE_URL = PUBLIC_URL
# Words of the site around a page: none may reach the paper.
SITE_CHROME = ("物业客户服务培训知识库", "案例库", "参考资料", "搜索", "返回流程", "打印", "目录")


@pytest.fixture(scope="module")
def site_with_url(shipped_site_with_url):
    """The project built for a public address (tests/conftest.py): checklists carry QR codes."""
    return shipped_site_with_url


def pdf_of(page, url: str) -> PdfReader:
    page.goto(url)
    page.emulate_media(media="print")
    return PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))


def pdf_text(reader: PdfReader) -> str:
    return "\n".join(p.extract_text() for p in reader.pages)


def step_ids(procedure: str) -> list[str]:
    data = yaml.safe_load((ROOT / "procedures" / f"{procedure}.yml").read_text(encoding="utf-8"))
    return [step["id"] for step in data["steps"]]


@pytest.mark.browser
def test_on_a_phone_the_flowchart_is_one_column_with_every_step_and_no_sideways_scroll(
    mobile_page, base_url
):
    mobile_page.goto(f"{base_url}procedures/{PROCEDURE}/")
    assert mobile_page.evaluate("document.documentElement.scrollWidth") <= MOBILE["width"]
    # The swimlanes give way to the one column drawn for a phone.
    assert mobile_page.locator(".tk-flowchart").is_hidden()
    chart = mobile_page.locator(".tk-flowchart-column svg")
    assert chart.is_visible()
    box = chart.bounding_box()
    assert 0 <= box["x"] and box["x"] + box["width"] <= MOBILE["width"]
    # At full size, so its text stays as large as it was drawn.
    assert box["width"] == float(chart.get_attribute("width"))
    # Every step is a box of its own, inside the screen, linked to its step card.
    for step in step_ids(PROCEDURE):
        link = mobile_page.locator(f".tk-flowchart-column a.fc-step[*|href='#{step}']")
        assert link.count() == 1, step
        area = link.bounding_box()
        assert area and area["width"] > 40 and area["height"] > 30, step
        assert 0 <= area["x"] and area["x"] + area["width"] <= MOBILE["width"], step
    assert mobile_page.locator("section.tk-step").count() == len(step_ids(PROCEDURE))
    assert "三声" in mobile_page.locator("section.tk-step").first.inner_text()


@pytest.mark.browser
def test_tapping_a_box_of_the_phone_flowchart_lands_on_its_step(mobile_page, base_url):
    mobile_page.goto(f"{base_url}procedures/{PROCEDURE}/")
    target = mobile_page.locator(".tk-flowchart-column a.fc-step").nth(4)
    step_id = target.get_attribute("xlink:href").lstrip("#")
    target.tap()
    mobile_page.wait_for_function("id => location.hash === '#' + id", arg=step_id)
    top = mobile_page.locator(f"section#{step_id}").evaluate("el => el.getBoundingClientRect().top")
    assert 0 <= top < 400, "the step card is scrolled into view"


@pytest.mark.browser
@pytest.mark.parametrize("media", ["screen", "print"])
def test_a_desktop_and_paper_keep_the_swimlanes(page, base_url, media):
    page.goto(f"{base_url}procedures/{PROCEDURE}/")
    page.emulate_media(media=media)
    assert page.locator(".tk-flowchart svg").is_visible()
    assert page.locator(".tk-flowchart-column").is_hidden()


@pytest.mark.browser
def test_a_phone_prints_the_swimlanes_too(mobile_page, base_url):
    mobile_page.goto(f"{base_url}procedures/{PROCEDURE}/")
    mobile_page.emulate_media(media="print")
    assert mobile_page.locator(".tk-flowchart svg").is_visible()
    assert mobile_page.locator(".tk-flowchart-column").is_hidden()


@pytest.mark.browser
def test_clicking_a_flowchart_box_lands_on_its_step(page, base_url):
    page.goto(f"{base_url}procedures/{PROCEDURE}/")
    target = page.locator(".tk-flowchart a.fc-step").nth(3)
    step_id = target.get_attribute("xlink:href").lstrip("#")
    target.click()
    page.wait_for_function("id => location.hash === '#' + id", arg=step_id)
    section = page.locator(f"section#{step_id}")
    assert section.is_visible()
    top = section.evaluate("el => el.getBoundingClientRect().top")
    assert 0 <= top < 400, "the step card is scrolled into view"


@pytest.mark.browser
def test_checklist_prints_on_two_a4_pages_with_a_qr_code_and_no_site_chrome(
    new_context, site_with_url
):
    import functools
    import threading

    from tests.browser.conftest import QuietHandler, SiteServer

    server = SiteServer(
        ("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site_with_url))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        page = new_context().new_page()
        reader = pdf_of(page, f"{base}print/checklists/{PROCEDURE}/")
        text = pdf_text(reader)
        assert len(reader.pages) <= 2
        assert all(
            abs(float(p.mediabox.width) - 595.3) < 2 and abs(float(p.mediabox.height) - 841.9) < 2
            for p in reader.pages
        )
        assert "扫码查看在线流程" in text
        assert f"{SITE_URL}procedures/{PROCEDURE}/" in text.replace("\n", "")
        assert page.locator("svg.segno").count() == 1
        assert "电话铃响三声内接听" in text
        assert [word for word in SITE_CHROME if word in text] == []
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.browser
def test_without_a_site_address_the_checklist_has_no_qr_code(page, base_url):
    reader = pdf_of(page, f"{base_url}print/checklists/{PROCEDURE}/")
    assert "扫码" not in pdf_text(reader)
    assert page.locator("svg.segno").count() == 0


@pytest.mark.browser
@pytest.mark.parametrize("form", sorted(p.stem for p in (ROOT / "forms").glob("*.yml")))
def test_every_form_prints_on_one_a4_page(page, base_url, form):
    reader = pdf_of(page, f"{base_url}print/forms/{form}/")
    text = pdf_text(reader)
    assert len(reader.pages) == 1, f"{form}: {len(reader.pages)} pages"
    assert [word for word in SITE_CHROME if word in text] == []
