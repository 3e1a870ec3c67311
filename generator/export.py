"""Question banks out to a company LMS: Moodle XML (every type) and GIFT (all but ordering).

Pure functions of the checked knowledge base; the CLI writes the result to a file.
Text fields are Markdown, and both formats are told so, so Moodle renders them the same.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from generator.knowledge_base import KnowledgeBase
from generator.messages import cli as msg
from generator.model.question import Question

# Moodle accepts only these grade fractions (percent).
_FRACTIONS = (
    100,
    90,
    83.33333,
    80,
    75,
    70,
    66.66667,
    60,
    50,
    40,
    33.33333,
    30,
    25,
    20,
    16.66667,
    14.28571,
    12.5,
    11.11111,
    10,
    5,
)
CATEGORY_ROOT = f"$course$/{msg.EXPORT_CATEGORY}"


@dataclass(frozen=True)
class ExportedQuiz:
    category: str
    questions: list[Question]


def quizzes_for_export(kb: KnowledgeBase) -> list[ExportedQuiz]:
    quizzes = [
        ExportedQuiz(bank_file.bank.title, list(bank_file.bank.questions))
        for bank_file in sorted(kb.banks, key=lambda b: b.bank.id)
    ]
    quizzes += [
        ExportedQuiz(
            msg.EXPORT_CASE_QUIZ.format(title=case_file.case.title), list(case_file.case.quiz)
        )
        for case_file in sorted(kb.cases, key=lambda c: c.case.id)
        if case_file.case.quiz
    ]
    return quizzes


def category_path(name: str) -> str:
    """The question category in Moodle's notation, where / separates nested categories:
    a / in a bank's title is written // so that it stays part of the name."""
    return f"{CATEGORY_ROOT}/{name.replace('/', '//')}"


def fraction(share: float) -> str:
    """The valid Moodle fraction nearest to ``share`` percent, keeping its sign."""
    nearest = min(_FRACTIONS, key=lambda value: abs(value - abs(share)))
    return f"{'-' if share < 0 else ''}{nearest}"


# --- Moodle XML ----------------------------------------------------------------------


def moodle_xml(kb: KnowledgeBase) -> str:
    root = ET.Element("quiz")
    for quiz in quizzes_for_export(kb):
        category = ET.SubElement(ET.SubElement(root, "question", type="category"), "category")
        ET.SubElement(category, "text").text = category_path(quiz.category)
        for question in quiz.questions:
            root.append(_moodle_question(question))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _text(
    parent: ET.Element, tag: str, text: str, text_format: str | None = "markdown"
) -> ET.Element:
    element = (
        ET.SubElement(parent, tag, format=text_format)
        if text_format
        else ET.SubElement(parent, tag)
    )
    ET.SubElement(element, "text").text = text
    return element


def _moodle_question(question: Question) -> ET.Element:
    kind = {
        "single": "multichoice",
        "multiple": "multichoice",
        "scenario": "multichoice",
        "true_false": "truefalse",
        "ordering": "ordering",
    }[question.type]
    element = ET.Element("question", type=kind)
    name = ET.SubElement(element, "name")
    ET.SubElement(name, "text").text = question.id
    prompt = question.prompt
    if question.customer_says:
        prompt += "\n\n> " + question.customer_says.replace("\n", "\n> ")
    _text(element, "questiontext", prompt)
    _text(element, "generalfeedback", question.explanation)
    ET.SubElement(element, "defaultgrade").text = "1"
    if kind == "multichoice":
        _moodle_choices(element, question)
    elif kind == "truefalse":
        for value in (True, False):
            answer = _text(element, "answer", "true" if value else "false", "moodle_auto_format")
            answer.set("fraction", "100" if question.answer is value else "0")
    else:
        for field, value in (
            ("layouttype", "VERTICAL"),
            ("selecttype", "ALL"),
            ("selectcount", "0"),
            ("gradingtype", "ABSOLUTE_POSITION"),
            ("showgrading", "SHOW"),
        ):
            ET.SubElement(element, field).text = value
        for position, item in enumerate(question.items, start=1):
            # In Moodle's ordering type the fraction of an answer is its place in the order.
            _text(element, "answer", item, "moodle_auto_format").set("fraction", str(position))
    return element


def _moodle_choices(element: ET.Element, question: Question) -> None:
    single = question.type != "multiple"
    ET.SubElement(element, "single").text = "true" if single else "false"
    ET.SubElement(element, "shuffleanswers").text = "1"
    ET.SubElement(element, "answernumbering").text = "ABCD"
    right = len(question.correct_indexes)
    wrong = len(question.options) - right
    for option in question.options:
        if option.correct:
            share = 100 if single else 100 / right
        else:
            share = 0 if single or wrong == 0 else -100 / right
        answer = _text(element, "answer", option.text, "plain_text")
        answer.set("fraction", fraction(share) if share else "0")
        if option.feedback:
            _text(answer, "feedback", option.feedback)


# --- GIFT ----------------------------------------------------------------------------


def gift(kb: KnowledgeBase) -> tuple[str, list[str]]:
    """The banks in GIFT, and the ids of questions GIFT cannot express (ordering)."""
    blocks, skipped = [], []
    for quiz in quizzes_for_export(kb):
        # One line read as it is (no escapes): titles are single-line fields, refused at
        # load if they hold a line break.
        blocks.append(f"$CATEGORY: {category_path(quiz.category)}")
        for question in quiz.questions:
            if question.type == "ordering":
                skipped.append(question.id)
                continue
            blocks.append(_gift_question(question))
    return "\n\n".join(blocks) + "\n", skipped


# GIFT's special characters, written with a backslash before them; the backslash itself
# is doubled, which Moodle keeps as two and Markdown then shows as one.
_GIFT_SPECIAL = re.compile(r"([\\~=#{}:])")


def gift_escape(text: str) -> str:
    """Text for any place in a GIFT question: nothing in it can end the text or start an
    answer, feedback or another question."""
    text = _GIFT_SPECIAL.sub(r"\\\1", text.replace("\r\n", "\n").replace("\r", "\n"))
    return text.replace("\n", "\\n")


def gift_part(text: str) -> str:
    """An answer or a feedback: escaped, and unable to choose its format. Moodle reads a
    leading [html], [plain] ... as the format of the text (the question's own text has its
    [markdown] written before it); \\[ is Markdown for [."""
    escaped = gift_escape(text)
    return "\\" + escaped if escaped.startswith("[") else escaped


def gift_answer(mark: str, text: str) -> str:
    """One answer: its mark (=, ~ or ~%weight%) and text. Moodle reads a text that starts
    with %number% after ~ as the answer's weight (%100% would make it right): such a text
    gets an explicit weight in front, after which Moodle takes the rest as it is."""
    if mark == "~" and text.startswith("%"):
        mark = "~%0%"
    return f"{mark}{gift_part(text)}"


def _gift_question(question: Question) -> str:
    prompt = question.prompt
    if question.customer_says:
        prompt += "\n\n> " + question.customer_says
    head = f"::{gift_escape(question.id)}::[markdown]{gift_escape(prompt)}"
    general = f"####{gift_part(question.explanation)}"
    if question.type == "true_false":
        return f"{head} {{{'TRUE' if question.answer else 'FALSE'}{general}}}"
    right = len(question.correct_indexes)
    lines = []
    for option in question.options:
        feedback = f"#{gift_part(option.feedback)}" if option.feedback else ""
        if question.type != "multiple":
            mark = "=" if option.correct else "~"
        else:
            mark = f"~%{fraction(100 / right if option.correct else -100 / right)}%"
        lines.append(f"\t{gift_answer(mark, option.text)}{feedback}")
    return head + " {\n" + "\n".join(lines) + f"\n\t{general}\n}}"
