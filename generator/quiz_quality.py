"""Quiz quality: questions that can be answered without reading, found after loading.

Run by `training-kb check` after the content has loaded and its cross-references hold.
Each rule is one function over the question banks and case quizzes, and returns
``ContentError`` values: the CLI prints them as warnings, or as errors with `--strict`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import combinations

from generator.errors import ContentError
from generator.knowledge_base import KnowledgeBase
from generator.messages import content as msg
from generator.model.question import Question
from generator.yaml_source import YamlDocument

# Rule (a): with four options chance makes the right one the longest about a quarter of the
# time; above this share a trainee who always picks the longest option passes.
LONGEST_RIGHT_LIMIT = 0.35
# Below this many single/scenario questions one or two long keys already cross the limit,
# so small case quizzes are only counted in the overall figure (`training-kb stats --quiz`).
LONGEST_RIGHT_MIN_QUESTIONS = 4
# Rule (c): difflib's ratio over the characters of what is asked and what is keyed (the
# prompt, a scenario's customer words and the right options or items; punctuation and
# spaces removed). The key keeps two short generic prompts on different cases ("资料认为，
# 这起投诉的主要原因是什么？") apart; on the shipped banks a copied question scores 0.82
# and the next pair 0.53.
NEAR_DUPLICATE_RATIO = 0.8

# Question types with exactly one right option, where the longest option is a tell.
ONE_RIGHT_TYPES = ("single", "scenario")


@dataclass(frozen=True)
class Quiz:
    """The questions of one file: a bank's `questions` or a case's `quiz`."""

    doc: YamlDocument
    key: str
    questions: list[Question]


@dataclass(frozen=True)
class LongestShare:
    """How many one-right questions of a quiz have the right option strictly longest."""

    longest: list[str]  # ids of those questions
    counted: int  # single and scenario questions

    @property
    def share(self) -> float:
        return len(self.longest) / self.counted if self.counted else 0.0


def quizzes(kb: KnowledgeBase) -> list[Quiz]:
    found = [Quiz(bank.doc, "questions", bank.bank.questions) for bank in kb.banks]
    return found + [Quiz(case.doc, "quiz", case.case.quiz) for case in kb.cases if case.case.quiz]


def check_quiz_quality(kb: KnowledgeBase) -> list[ContentError]:
    """Every quiz-quality finding in the knowledge base, sorted by file and line."""
    found = quizzes(kb)
    problems = near_duplicate_prompts(found)
    for quiz in found:
        problems += longest_right_option(quiz)
        problems += all_but_one_right(quiz)
        problems += repeated_options(quiz)
    return sorted(set(problems))


def longest_share(questions: list[Question]) -> LongestShare:
    counted = [q for q in questions if q.type in ONE_RIGHT_TYPES]
    return LongestShare([q.id for q in counted if _right_is_longest(q)], len(counted))


def _right_is_longest(question: Question) -> bool:
    right = _length(next(option.text for option in question.options if option.correct))
    return all(_length(option.text) < right for option in question.options if not option.correct)


def _length(text: str) -> int:
    return len(re.sub(r"\s", "", text))


def longest_right_option(quiz: Quiz) -> list[ContentError]:
    """(a) The right option is strictly the longest in too many single/scenario questions."""
    result = longest_share(quiz.questions)
    if result.counted < LONGEST_RIGHT_MIN_QUESTIONS or result.share <= LONGEST_RIGHT_LIMIT:
        return []
    message = msg.LONGEST_RIGHT.format(
        counted=result.counted,
        longest=len(result.longest),
        share=result.share,
        limit=LONGEST_RIGHT_LIMIT,
        ids=msg.LIST_SEPARATOR.join(result.longest),
    )
    return [quiz.doc.error((quiz.key,), message, key=True)]


def all_but_one_right(quiz: Quiz) -> list[ContentError]:
    """(b) A multiple-choice question where every option but one (or every option) is right."""
    problems = []
    for index, question in enumerate(quiz.questions):
        total, right = len(question.options), len(question.correct_indexes)
        if question.type != "multiple" or total < 3 or right < total - 1:
            continue
        which = (
            msg.ALL_RIGHT
            if right == total
            else msg.ALL_BUT_ONE_RIGHT.format(total=total, right=right)
        )
        message = msg.GUESSABLE_MULTIPLE.format(which=which)
        problems.append(quiz.doc.error((quiz.key, index, "options"), message))
    return problems


def repeated_options(quiz: Quiz) -> list[ContentError]:
    """(d) The same option text twice in one question."""
    problems = []
    for index, question in enumerate(quiz.questions):
        first: dict[str, int] = {}
        for number, option in enumerate(question.options, start=1):
            text = re.sub(r"\s+", " ", option.text.strip())
            if text in first:
                message = msg.REPEATED_OPTION.format(number=first[text])
                problems.append(
                    quiz.doc.error((quiz.key, index, "options", number - 1, "text"), message)
                )
            first.setdefault(text, number)
    return problems


def near_duplicate_prompts(found: list[Quiz]) -> list[ContentError]:
    """(c) Two questions, anywhere in the knowledge base, that ask nearly the same thing."""
    prompts = [
        (quiz, index, _asked_and_keyed(question))
        for quiz in found
        for index, question in enumerate(quiz.questions)
    ]
    problems = []
    for (quiz_a, index_a, text_a), (quiz_b, index_b, text_b) in combinations(prompts, 2):
        matcher = SequenceMatcher(None, text_a, text_b, autojunk=False)
        if (
            matcher.real_quick_ratio() < NEAR_DUPLICATE_RATIO
            or matcher.quick_ratio() < NEAR_DUPLICATE_RATIO
        ):
            continue
        ratio = matcher.ratio()
        if ratio < NEAR_DUPLICATE_RATIO:
            continue
        loc_a, loc_b = (quiz_a.key, index_a, "prompt"), (quiz_b.key, index_b, "prompt")
        where_a = f"{quiz_a.doc.display}:{quiz_a.doc.locate(loc_a)[0]}"
        where_b = f"{quiz_b.doc.display}:{quiz_b.doc.locate(loc_b)[0]}"
        id_a, id_b = quiz_a.questions[index_a].id, quiz_b.questions[index_b].id
        problems.append(
            quiz_a.doc.error(loc_a, msg.NEAR_DUPLICATE.format(id=id_b, where=where_b, ratio=ratio))
        )
        problems.append(
            quiz_b.doc.error(loc_b, msg.NEAR_DUPLICATE.format(id=id_a, where=where_a, ratio=ratio))
        )
    return problems


def _asked_and_keyed(question: Question) -> str:
    """A question's prompt, a scenario's customer words, then its right options or items."""
    keyed = sorted(option.text for option in question.options if option.correct)
    text = question.prompt + (question.customer_says or "") + "".join(keyed + question.items)
    return re.sub(r"[\W_]+", "", text)
