"""The trainee edition (`EDITION=trainee make site`): a real strict build of the shipped site
in which no trainer note, answer key, role-play card, observer sheet or session plan is left
anywhere: not in a page, a printout, the search index (Pagefind's fragments decoded) or the
service worker's list."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from generator.pipeline import read_knowledge_base, render_pages, sources_for
from generator.render import RenderSettings
from generator.render.prose import put_back
from tests.conftest import ROOT, built_once
from tests.pagefind_reader import read_fragments

_TAG = re.compile(r"<[^>]+>")
# A run of Chinese text long enough to belong to one passage only.
_PASSAGE = re.compile(r"[\u4e00-\u9fff，、；：“”]{14,}")


@pytest.fixture(scope="session")
def trainee_site(tmp_path_factory) -> Path:
    """The trainee edition of the shipped project, built once per test run (strict, no warning)."""
    return built_once(tmp_path_factory, "trainee-site", ROOT, EDITION="trainee")


@pytest.fixture(scope="module")
def kb():
    return read_knowledge_base(sources_for(ROOT))


def _plain(markdown: str) -> str:
    return re.sub(r"\]\([^)]*\)|[\[\]*`]", "", markdown)


def _passage(markdown: str, elsewhere: str = "") -> str:
    """A stretch of plain Chinese from a Markdown field, found nowhere in ``elsewhere`` (the
    rest of its file, which the trainee edition keeps): what only this field puts on a page."""
    for found in _PASSAGE.finditer(_plain(markdown)):
        run = found.group()
        for start in range(len(run) - 13):
            if run[start : start + 14] not in elsewhere:
                return run[start : start + 14]
    raise AssertionError(f"no passage of its own in {markdown[:40]!r}")


def _trainer_only_texts(kb) -> dict[str, str]:
    """Text from every trainer note, observer sheet, role card and session plan shipped."""
    texts = {}
    for cf in kb.cases:
        case = cf.case
        kept = case.model_dump(exclude={"discussion", "role_play"}, mode="json")
        elsewhere = _plain(str(kept) + "".join(item.question for item in case.discussion))
        for number, item in enumerate(case.discussion, start=1):
            texts[f"{case.id} trainer note {number}"] = _passage(item.trainer_notes, elsewhere)
        role_play = case.role_play
        if role_play:
            for number, item in enumerate(role_play.observe, start=1):
                texts[f"{case.id} observer item {number}"] = item
            texts[f"{case.id} customer card"] = _passage(role_play.customer.brief, elsewhere)
            texts[f"{case.id} staff card"] = _passage(role_play.staff.brief, elsewhere)
    for sf in kb.sessions:
        texts[f"session {sf.session.id} goal"] = _passage(sf.session.goal)
        for number, block in enumerate(sf.session.agenda, start=1):
            if block.notes:
                texts[f"session {sf.session.id} block {number}"] = _passage(block.notes)
    return texts


def _built_texts(site: Path):
    """(where, text) of every file of the built site a reader or a search can reach."""
    for path in sorted(site.rglob("*")):
        if not path.is_file() or path.suffix not in (
            ".html",
            ".json",
            ".js",
            ".xml",
            ".txt",
            ".webmanifest",
        ):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".html":
            text = html.unescape(_TAG.sub("", text))
        yield path.relative_to(site).as_posix(), text
    for name, fragment in read_fragments(site).items():
        yield (
            name,
            fragment.get("content", "")
            + " "
            + " ".join(map(str, fragment.get("meta", {}).values())),
        )


def test_every_trainer_only_text_is_in_the_trainer_edition(kb):
    # The needles are real: each is on a page of the trainer's edition.
    pages = render_pages(kb, RenderSettings())
    markdown = "\n".join(put_back(page.markdown, page.prose) for page in pages)
    plain = _plain(markdown)
    texts = _trainer_only_texts(kb)
    assert len(texts) > 100
    assert [name for name, text in texts.items() if text not in plain] == []


def test_the_trainee_edition_has_no_trainer_text_in_any_built_file(trainee_site, kb):
    texts = _trainer_only_texts(kb)
    found = [
        f"{name} in {where}"
        for where, content in _built_texts(trainee_site)
        for name, text in texts.items()
        if text in content
    ]
    assert found == []


def test_the_trainee_edition_has_no_kit_or_answer_key_pages(trainee_site, kb):
    assert not (trainee_site / "sessions").exists()
    assert not (trainee_site / "print" / "sessions").exists()
    assert not (trainee_site / "print" / "role-plays").exists()
    keys = [p for p in (trainee_site / "print" / "quizzes").rglob("*") if p.name.endswith("-key")]
    assert keys == []
    for where, content in _built_texts(trainee_site):
        assert "培训师用，请勿发给学员" not in content, where  # the answer key's heading
        # (The hand-written home page tells trainers how printing works; no note is in it.)
        assert "培训师提示" not in content or not where.startswith("cases/"), where
        assert "观察员表" not in content, where
        assert not re.search(
            r"(print/quizzes/[^\"'\s]*-key/|print/role-plays/|sessions/)", content
        ), where
    # Quizzes themselves stay: a trainee still practises, with feedback and pass marks.
    assert (trainee_site / "quizzes" / "stage-1-post" / "index.html").is_file()
    assert "及格线 70%" in (trainee_site / "quizzes" / "stage-1-post" / "index.html").read_text(
        encoding="utf-8"
    )


def test_the_trainee_edition_offline_pack_holds_nothing_for_trainers(trainee_site):
    pack = (trainee_site / "offline-pack.json").read_text(encoding="utf-8")
    assert "procedures/" in pack  # the duty pages are still there
    assert "sessions/" not in pack and "role-plays" not in pack and "-key/" not in pack
