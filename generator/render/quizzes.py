"""Quiz pages: one per question bank and per case with questions, a mixed practice page,
the learner's progress page, and a printed sheet and answer key for each quiz."""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, field

from generator import urls
from generator.knowledge_base import BankFile, CaseFile, KnowledgeBase
from generator.messages import pages as msg
from generator.model import REFERENCE_KINDS, REFERENCE_LINKS
from generator.model.question import QUESTION_TYPES, Question
from generator.render.cases import ReferenceIndex
from generator.render.page import GeneratedPage, RenderSettings
from generator.render.prose import is_plain
from generator.render.templating import render_html_page, render_page, render_template

QUIZZES_URI = "quizzes/index.md"
MIX_URI = "quizzes/mix.md"
LETTERS = "ABCDEFGHIJ"


@dataclass(frozen=True)
class QuestionView:
    """A question ready to print: numbered, with its ordering items shuffled and its links."""

    number: int
    question: Question
    type_name: str
    # Ordering: (item index in the right order, text), in the order shown.
    shown_items: list[tuple[int, str]]
    # Choices: (option index as written, option), in the order shown, and each option's letter.
    shown_options: list[tuple[int, object]]
    letters: dict[int, str]
    answer_text: str
    links: list[tuple[str, str]]  # (title, Markdown link target relative to the site root)
    # The topics mixed practice draws it under: its own, else its quiz's (see question_topics).
    topics: tuple[str, ...] = ()


@dataclass
class Quiz:
    """One quiz page: a bank, or the questions of one case."""

    id: str  # also the storage key in the browser and the page address under quizzes/
    title: str
    description: str | None
    shuffle: bool
    topics: list[str]
    questions: list[QuestionView] = field(default_factory=list)
    case_id: str | None = None
    source: str | None = None  # the file it comes from, as the trainer names it
    pass_mark: int | None = None  # percent of questions right to pass (pre- and post-tests)

    @property
    def uri(self) -> str:
        return f"quizzes/{self.id}.md"

    @property
    def pass_count(self) -> int | None:
        """The fewest right answers that reach the pass mark."""
        if self.pass_mark is None:
            return None
        return -(-self.pass_mark * len(self.questions) // 100)

    @property
    def depth(self) -> str:
        """The path back to the site root from this quiz's page and its printouts."""
        return "../" * self.id.count("/")


def quiz_pages(
    kb: KnowledgeBase, index: ReferenceIndex, settings: RenderSettings
) -> list[GeneratedPage]:
    quizzes = build_quizzes(kb, index)
    lists = quiz_list_pages(quizzes, settings)
    # The quiz list first, then each quiz's pages, then practice and progress.
    made = [one_quiz_pages(quiz, settings.trainer, settings.directory_urls) for quiz in quizzes]
    return lists[:1] + [page for pages in made for page in pages] + lists[1:]


def quiz_list_pages(quizzes: list[Quiz], settings: RenderSettings) -> list[GeneratedPage]:
    """The quiz list, the mixed practice page and the progress page."""
    if not quizzes:
        return []
    quiz_list = render_template("quizzes.md.j2", quizzes=quizzes, trainer=settings.trainer)
    pages = [GeneratedPage(QUIZZES_URI, quiz_list, in_nav=True)]
    pages.append(
        GeneratedPage(MIX_URI, _mix_page(quizzes, settings), in_nav=False, parent=QUIZZES_URI)
    )
    # The progress table is raw HTML (Markdown is not processed in table cells), so its
    # links are made here, for the site's URL style.
    rows = [(quiz, settings.link("quizzes/progress.md", quiz.uri)) for quiz in quizzes]
    progress = render_template("quiz-progress.md.j2", rows=rows)
    pages.append(GeneratedPage("quizzes/progress.md", progress, in_nav=False, parent=QUIZZES_URI))
    return pages


def one_quiz_pages(
    quiz: Quiz, trainer: bool = True, directory_urls: bool = True
) -> list[GeneratedPage]:
    """A quiz's page, its printed sheet and, for the trainer's edition, its answer key."""
    pages = [
        _quiz_page(quiz.uri, "quiz", quiz, trainer, directory_urls),
        _quiz_page(f"print/{quiz.uri}", "quiz-sheet", quiz, trainer, directory_urls),
    ]
    if trainer:
        key = f"print/quizzes/{quiz.id}-key.md"
        pages.append(_quiz_page(key, "quiz-key", quiz, trainer, directory_urls))
    return pages


def lesson_quiz_note(kb: KnowledgeBase, lesson_id: str) -> str | None:
    """Markdown to append to a lesson page that has a question bank, linking to its quiz."""
    banks = [
        b.bank for b in sorted(kb.banks, key=lambda b: b.bank.id) if b.bank.lesson == lesson_id
    ]
    if not banks:
        return None
    return render_template("lesson-quiz.md.j2", banks=banks)


@dataclass(frozen=True)
class MixChoice:
    """One choice of the practice form's topic list: how many questions it offers and on
    which quiz pages they are, as "page:count" pairs (page = index into the page list)."""

    topic: str  # "" for every topic
    count: int
    sources: str


def _mix_page(quizzes: list[Quiz], settings: RenderSettings) -> str:
    # The page lists no question: quiz.js fetches the quiz pages a draw needs and takes the
    # drawn questions from them (quiz pages mark each question with its topics). So the page
    # grows with the number of quiz pages and topics, never with the number of questions.
    held: dict[str, dict[int, int]] = {}
    for number, quiz in enumerate(quizzes):
        for view in quiz.questions:
            for topic in view.topics:
                per_page = held.setdefault(topic, {})
                per_page[number] = per_page.get(number, 0) + 1
    every = {number: len(quiz.questions) for number, quiz in enumerate(quizzes) if quiz.questions}
    return render_template(
        "quiz-mix.md.j2",
        pages=[settings.link(MIX_URI, quiz.uri) for quiz in quizzes],
        every=_mix_choice("", every),
        choices=[_mix_choice(topic, per_page) for topic, per_page in sorted(held.items())],
    )


def _mix_choice(topic: str, per_page: dict[int, int]) -> MixChoice:
    sources = " ".join(f"{page}:{count}" for page, count in sorted(per_page.items()))
    return MixChoice(topic, sum(per_page.values()), sources)


def question_topics(question: Question, quiz_topics: list[str]) -> tuple[str, ...]:
    """The topics mixed practice draws a question under: its own, else its quiz's."""
    return tuple(question.topics or quiz_topics or [msg.DEFAULT_TOPIC])


def _quiz_page(
    uri: str, template: str, quiz: Quiz, trainer: bool, directory_urls: bool
) -> GeneratedPage:
    """A quiz's page or printout: written as HTML when all its text is plain (see
    cases.case_page), from ``template``.md.j2 otherwise."""
    if not _all_plain(quiz):
        return _page(uri, f"{template}.md.j2", quiz, trainer)

    def link(target: str) -> str:
        target_uri, anchor = (target.split("#", 1) + [""])[:2]
        href = urls.relative_link(uri, target_uri, directory_urls)
        return f"{href}#{anchor}" if anchor else href

    html, snippets = render_html_page(
        f"{template}.html.j2", link=link, quiz=quiz, letters=LETTERS, trainer=trainer
    )
    return GeneratedPage(
        uri, html, in_nav=False, source=quiz.source, parent=QUIZZES_URI, snippets=snippets
    )


def _all_plain(quiz: Quiz) -> bool:
    """Whether a quiz's page holds no Markdown but its title: every field plain prose, every
    option, item, feedback and link title one plain line."""
    blocks, lines = [quiz.description] if quiz.description else [], []
    for view in quiz.questions:
        q = view.question
        blocks += [q.prompt, q.explanation, *([q.customer_says] if q.customer_says else [])]
        lines += [title for title, _ in view.links]
        lines += [text for _, text in view.shown_items]
        for _, option in view.shown_options:
            lines += [option.text, *([option.feedback] if option.feedback else [])]
    return (
        all(map(is_plain, blocks))
        and all(is_plain(line, paragraphs=1) for line in lines)
        and all("\n" not in line.strip() for line in lines)
    )


def _page(uri: str, template: str, quiz: Quiz, trainer: bool = True) -> GeneratedPage:
    markdown, prose = render_page(template, quiz=quiz, letters=LETTERS, trainer=trainer)
    return GeneratedPage(
        uri, markdown, in_nav=False, source=quiz.source, parent=QUIZZES_URI, prose=prose
    )


def build_quizzes(kb: KnowledgeBase, index: ReferenceIndex) -> list[Quiz]:
    quizzes = [bank_quiz(b, index, kb.lessons) for b in sorted(kb.banks, key=lambda b: b.bank.id)]
    cases = sorted(kb.cases, key=lambda c: c.case.id)
    return quizzes + [case_quiz(c, index, kb.lessons) for c in cases if c.case.quiz]


def bank_quiz(bank_file: BankFile, index: ReferenceIndex, lessons: dict[str, str]) -> Quiz:
    bank = bank_file.bank
    quiz = Quiz(
        bank.id,
        bank.title,
        bank.description,
        bank.shuffle,
        list(bank.topics),
        source=bank_file.doc.display,
        pass_mark=bank.pass_mark,
    )
    quiz.questions = [
        _view(n, q, index, lessons, quiz.topics) for n, q in enumerate(bank.questions, start=1)
    ]
    return quiz


def case_quiz(case_file: CaseFile, index: ReferenceIndex, lessons: dict[str, str]) -> Quiz:
    case = case_file.case
    quiz = Quiz(
        f"cases/{case.id}",
        msg.LINK_CASE_QUIZ.format(title=case.title),
        None,
        False,
        [msg.CASE_QUIZ_TAG],
        case_id=case.id,
        source=case_file.doc.display,
    )
    quiz.questions = [
        _view(n, q, index, lessons, quiz.topics) for n, q in enumerate(case.quiz, start=1)
    ]
    return quiz


def _view(
    number: int,
    question: Question,
    index: ReferenceIndex,
    lessons: dict[str, str],
    quiz_topics: list[str],
) -> QuestionView:
    items = list(enumerate(question.items))
    if items:
        items = shuffled(question.id, items)
    # Writers tend to put the right answer first; a stable mix (the same on every build,
    # on screen and on paper) spreads answers over A-D unless the order matters.
    options = list(enumerate(question.options))
    if len(options) > 1 and not question.fixed_order:
        options = shuffled(question.id, options)
    letters = {original: LETTERS[shown] for shown, (original, _) in enumerate(options)}
    return QuestionView(
        number,
        question,
        QUESTION_TYPES[question.type],
        items,
        options,
        letters,
        answer_text(question, letters),
        _links(question, index, lessons),
        question_topics(question, quiz_topics),
    )


def shuffled(seed: str, items: list) -> list:
    """A stable shuffle (same order on every build) that never leaves the items in order;
    items that have only one order (none, one, or all equal) come back as they are."""
    result = list(items)
    if all(item == result[0] for item in result):
        return result
    rng = random.Random(int(hashlib.sha256(seed.encode()).hexdigest()[:16], 16))
    while result == items:
        rng.shuffle(result)
    return result


def answer_text(question: Question, letters: dict[int, str]) -> str:
    if question.type == "true_false":
        return msg.TRUE if question.answer else msg.FALSE
    if question.type == "ordering":
        return " → ".join(question.items)
    return "、".join(sorted(letters[i] for i in question.correct_indexes))


def _links(
    question: Question, index: ReferenceIndex, lessons: dict[str, str]
) -> list[tuple[str, str]]:
    links = []
    for link in question.see:
        name, ref_id = link.target
        if name == "case":
            links.append(
                (msg.LINK_CASE.format(title=index.cases_by_id[ref_id].title), f"cases/{ref_id}.md")
            )
        elif name == "procedure":
            procedure = index.procedures_by_id[ref_id]
            if link.step:
                step = next(s for s in procedure.steps if s.id == link.step)
                links.append(
                    (
                        msg.LINK_STEP.format(title=procedure.title, step=step.title),
                        f"procedures/{ref_id}.md#{link.step}",
                    )
                )
            else:
                links.append(
                    (msg.LINK_PROCEDURE.format(title=procedure.title), f"procedures/{ref_id}.md")
                )
        elif name == "lesson":
            links.append(
                (
                    msg.LINK_LESSON.format(title=lessons.get(ref_id, ref_id)),
                    index.lesson_uri(ref_id),
                )
            )
        else:
            kind = REFERENCE_LINKS[name]
            label = REFERENCE_KINDS[kind].name
            entry = index.entry(kind, ref_id)
            title = (
                getattr(entry, "title", None)
                or getattr(entry, "term", None)
                or getattr(entry, "phrase", ref_id)
            )
            links.append((f"{label}：{title}", f"reference/{kind}.md#{ref_id}"))
    return links
