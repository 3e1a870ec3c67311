"""Procedures in a real build: the page, its flowchart links, the printable sheets."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.errors import ContentErrors
from generator.pipeline import read_knowledge_base, sources_for
from tests.conftest import PUBLIC_URL, ROOT
from tests.pagefind_reader import read_fragments
from tests.test_build import page_text


@pytest.fixture(scope="module")
def site_with_url(shipped_site_with_url) -> Path:
    return shipped_site_with_url


@pytest.fixture(scope="module")
def site_without_url(shipped_site) -> Path:
    """The shipped project has no site_url (tests/conftest.py builds it once)."""
    return shipped_site


def procedure_ids() -> list[str]:
    return sorted(p.stem for p in (ROOT / "procedures").glob("*.yml"))


@pytest.mark.parametrize("procedure_id", procedure_ids())
def test_every_flowchart_box_links_to_its_step_card(site_without_url, procedure_id):
    html = page_text(site_without_url, f"procedures/{procedure_id}/index.html")
    # Two charts: the swimlanes, and the one column a phone shows instead.
    charts = re.findall(
        r'<svg xmlns="http://www.w3.org/2000/svg" class="flowchart".*?</svg>', html, re.S
    )
    assert len(charts) == 2
    steps = re.findall(r'<section class="tk-step tk-step--\w+" id="([^"]+)"', html)
    for svg in charts:
        targets = re.findall(r'<a class="fc-step"[^>]* xlink:href="#([^"]+)"', svg)
        assert targets, "the flowchart links its boxes"
        for target in targets:
            assert f'id="{target}"' in html, target
        assert sorted(steps) == sorted(set(targets))


def test_procedure_page_shows_time_limits_and_links_its_checklist_and_forms(site_without_url):
    html = page_text(site_without_url, "procedures/complaint-handling/index.html")
    assert "电话铃响三声内接听" in html and "五分钟内到达" in html
    assert 'href="../../print/checklists/complaint-handling/"' in html
    assert 'href="../../print/forms/complaint-record/"' in html


def test_checklist_has_no_qr_code_without_site_url(site_without_url):
    html = page_text(site_without_url, "print/checklists/complaint-handling/index.html")
    assert 'class="segno"' not in html
    assert "扫码" not in html


def test_checklist_qr_code_points_to_the_procedure_page(site_with_url):
    html = page_text(site_with_url, "print/checklists/complaint-handling/index.html")
    assert html.count('class="segno"') == 1
    assert f"{PUBLIC_URL}procedures/complaint-handling/" in html


def test_printable_sheets_stay_out_of_search(site_without_url):
    pages = {fragment["url"] for fragment in read_fragments(site_without_url).values()}
    assert "/procedures/complaint-handling/" in pages
    assert not any(url.startswith("/print/") for url in pages)


def test_every_form_has_a_printable_sheet(site_without_url):
    for form in (ROOT / "forms").glob("*.yml"):
        html = page_text(site_without_url, f"print/forms/{form.stem}/index.html")
        assert 'class="tk-field__label"' in html


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


PROCEDURE = """\
id: lift-stuck
title: 电梯困人
purpose: 尽快解救。
scope: 所有电梯。
roles:
  - {id: duty, name: 值班员}
start: answer
steps:
  - id: answer
    title: 接警
    role: duty
    next: done
  - id: done
    kind: end
    title: 结束
    role: duty
forms: [lift-log]
related_cases: [no-such-case]
"""


def test_procedure_links_to_forms_and_cases_are_checked(project):
    write(project / "procedures" / "lift-stuck.yml", PROCEDURE)
    with pytest.raises(ContentErrors) as info:
        read_knowledge_base(sources_for(project))
    assert [str(e) for e in info.value.errors] == [
        "procedures/lift-stuck.yml:17:9: forms 第 1 项: 没有编号为 lift-log "
        "的表单（forms/ 中找不到 lift-log.yml）",
        "procedures/lift-stuck.yml:18:17: related_cases 第 1 项: 没有编号为 no-such-case "
        "的案例（cases/ 中找不到 no-such-case.yml）",
    ]


def test_procedure_with_a_branch_to_a_missing_step_fails_check(project):
    broken = (
        PROCEDURE.replace("    next: done\n", "    next: gone\n")
        .replace("forms: [lift-log]\n", "")
        .replace("related_cases: [no-such-case]\n", "")
    )
    write(project / "procedures" / "lift-stuck.yml", broken)
    with pytest.raises(ContentErrors) as info:
        read_knowledge_base(sources_for(project))
    messages = [str(e) for e in info.value.errors]
    assert messages[0].startswith(
        "procedures/lift-stuck.yml:12:11: steps 第 1 步 › next: 没有编号为 gone 的步骤"
    )
