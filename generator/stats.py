"""Counts of the knowledge base, for `training-kb stats` and the content tests."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from generator.knowledge_base import KnowledgeBase


@dataclass
class Stats:
    lessons: int = 0
    lessons_with_quiz: int = 0
    cases: int = 0
    cases_with_quiz: int = 0
    procedures: int = 0
    forms: int = 0
    banks: int = 0
    questions: int = 0
    question_types: Counter = field(default_factory=Counter)
    reference: dict[str, int] = field(default_factory=dict)


def knowledge_base_stats(kb: KnowledgeBase) -> Stats:
    lessons = kb.file_ids.get("lessons", set())
    questions = [q for b in kb.banks for q in b.bank.questions] + [
        q for c in kb.cases for q in c.case.quiz
    ]
    return Stats(
        lessons=len(lessons),
        lessons_with_quiz=len({b.bank.lesson for b in kb.banks if b.bank.lesson in lessons}),
        cases=len(kb.cases),
        cases_with_quiz=sum(1 for c in kb.cases if c.case.quiz),
        procedures=len(kb.procedures),
        forms=len(kb.forms),
        banks=len(kb.banks),
        questions=len(questions),
        question_types=Counter(q.type for q in questions),
        reference={kind: len(ref.content.entries) for kind, ref in sorted(kb.reference.items())},
    )
