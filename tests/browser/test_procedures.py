"""A person on duty opens a procedure on a phone; the office prints its checklist."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest
from pypdf import PdfReader

from tests.browser.conftest import MOBILE, ROOT, mkdocs_env

PROCEDURE = "complaint-handling"
SITE_URL = "https://training.example.com/kb/"
# Words of the site around a page: none may reach the paper.
SITE_CHROME = ("物业客户服务培训知识库", "案例库", "参考资料", "搜索", "返回流程", "打印", "目录")


@pytest.fixture(scope="module")
def site_with_url(tmp_path_factory):
    """The project built for a public address: checklists carry QR codes."""
    site = tmp_path_factory.mktemp("site-with-url")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
        cwd=ROOT, env={**mkdocs_env(), "SITE_URL": SITE_URL}, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return site


def pdf_of(page, url: str) -> PdfReader:
    page.goto(url)
    page.emulate_media(media="print")
    return PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))


def pdf_text(reader: PdfReader) -> str:
    return "\n".join(p.extract_text() for p in reader.pages)


@pytest.mark.browser
def test_procedure_reads_on_a_phone_and_the_chart_scrolls_in_its_box(mobile_page, base_url):
    mobile_page.goto(f"{base_url}procedures/{PROCEDURE}/")
    assert mobile_page.evaluate("document.documentElement.scrollWidth") <= MOBILE["width"]
    chart = mobile_page.locator(".tk-flowchart")
    box = chart.evaluate("el => [el.scrollWidth, el.clientWidth]")
    assert box[1] <= MOBILE["width"]
    # Either the chart fits, or it scrolls inside its own box, never the page.
    assert box[0] >= box[1]
    cards = mobile_page.locator("section.tk-step")
    assert cards.count() >= 8
    assert "三声" in mobile_page.locator("section.tk-step").first.inner_text()


@pytest.mark.browser
def test_clicking_a_flowchart_box_lands_on_its_step(page, base_url):
    page.goto(f"{base_url}procedures/{PROCEDURE}/")
    target = page.locator(".tk-flowchart a.fc-step").nth(3)
    step_id = target.get_attribute("href").lstrip("#")
    target.click()
    page.wait_for_function("id => location.hash === '#' + id", arg=step_id)
    section = page.locator(f"section#{step_id}")
    assert section.is_visible()
    top = section.evaluate("el => el.getBoundingClientRect().top")
    assert 0 <= top < 400, "the step card is scrolled into view"


@pytest.mark.browser
def test_checklist_prints_on_two_a4_pages_with_a_qr_code_and_no_site_chrome(new_context, site_with_url):
    from tests.browser.conftest import QuietHandler, SiteServer
    import functools
    import threading

    server = SiteServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site_with_url)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        page = new_context().new_page()
        reader = pdf_of(page, f"{base}print/checklists/{PROCEDURE}/")
        text = pdf_text(reader)
        assert len(reader.pages) <= 2
        assert all(abs(float(p.mediabox.width) - 595.3) < 2 and abs(float(p.mediabox.height) - 841.9) < 2 for p in reader.pages)
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
