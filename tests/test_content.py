"""The knowledge base that ships with the generator meets the brief: enough of everything,
every lesson and case has its quiz, and the Chinese is typeset as Chinese."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from generator.pipeline import read_knowledge_base, sources_for
from generator.render.quizzes import LETTERS, shuffled
from generator.stats import knowledge_base_stats
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def kb():
    return read_knowledge_base(sources_for(ROOT))


def test_counts_meet_the_brief(kb):
    stats = knowledge_base_stats(kb)
    assert stats.lessons >= 12 and stats.lessons_with_quiz == stats.lessons
    assert stats.cases >= 30 and stats.cases_with_quiz == stats.cases
    assert stats.procedures >= 6 and stats.forms >= 5
    assert stats.questions >= 150
    assert set(stats.question_types) == {"single", "multiple", "true_false", "ordering", "scenario"}
    reference = dict(stats.reference)
    assert reference.pop("glossary") >= 40  # the glossary grows; the other lists are fixed
    assert reference == {
        "complainant-psychology": 5,
        "complaint-categories": 6,
        "complaint-values": 3,
        "customer-types": 7,
        "forbidden-phrases": 9,
        "personality-types": 3,
        "principles": 7,
    }


ILLUSTRATIVE_SOURCE = "培训编写案例（示意，非真实事件）"


def test_the_trade_has_its_cases(kb):
    # Issue 15: property management is the trade the site trains for.
    property_cases = [c.case for c in kb.cases if c.case.industry == "物业"]
    assert len(property_cases) >= 15


def test_cases_written_for_training_say_so(kb):
    # A case not taken from the sources carries the same source line and tag, so a trainee
    # never mistakes it for a real event.
    written = [
        c.case for c in kb.cases if "培训编写" in c.case.source or "培训编写案例" in c.case.tags
    ]
    assert len(written) >= 12
    for case in written:
        assert case.source == ILLUSTRATIVE_SOURCE, case.id
        assert "培训编写案例" in case.tags, case.id


def test_every_forbidden_phrase_is_shown_by_a_case(kb):
    phrases = {entry.id for entry in kb.reference["forbidden-phrases"].content.entries}
    shown = {ref_id for c in kb.cases for ref_id in c.case.forbidden_phrases}
    assert shown == phrases


def test_every_case_has_discussion_and_a_quiz_of_three(kb):
    thin = [c.case.id for c in kb.cases if len(c.case.discussion) < 2 or len(c.case.quiz) < 3]
    assert thin == []


def test_right_answers_are_spread_over_the_letters(kb):
    questions = [q for b in kb.banks for q in b.bank.questions] + [
        q for c in kb.cases for q in c.case.quiz
    ]
    letters = Counter()
    for question in questions:
        if question.type in ("single", "scenario") and not question.fixed_order:
            shown = [
                original for original, _ in shuffled(question.id, list(enumerate(question.options)))
            ]
            letters[LETTERS[shown.index(question.correct_indexes[0])]] += 1
    assert max(letters.values()) / sum(letters.values()) < 0.45, letters


def test_the_nine_forbidden_phrases_are_the_sources_words(kb):
    phrases = [entry.phrase for entry in kb.reference["forbidden-phrases"].content.entries]
    for phrase in (
        "不可能，绝对不可能有这种事情发生。",
        "我不大清楚",
        "肯定不行",
        "改天我们再和您联系。",
    ):
        assert phrase in phrases


def test_lessons_open_with_goals_and_close_with_key_points():
    for lesson in sorted((ROOT / "content" / "lessons").glob("*.md")):
        text = lesson.read_text(encoding="utf-8")
        assert "学习目标" in text.split("\n## ")[0], lesson.name
        assert "本课要点" in text, lesson.name


# ASCII punctuation between Chinese characters reads as a typo to a Chinese reader.
_ASCII_IN_CHINESE = re.compile(r"[\u4e00-\u9fff][,;:?!()]|[,;:?!(][\u4e00-\u9fff]")
_YAML_SYNTAX = re.compile(r"^\s*(-\s*)?(\{|\[|[A-Za-z_]+:\s*\[)")


def test_chinese_text_uses_chinese_punctuation():
    offenders = []
    files = sorted(ROOT.glob("content/**/*.md")) + sorted(ROOT.glob("*/*.yml"))
    for path in files:
        if path.parts[-2] in ("tests", ".github"):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if _ASCII_IN_CHINESE.search(line) and not _YAML_SYNTAX.match(line) and "](" not in line:
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:50]}")
    assert offenders == []
