"""A new employee takes a quiz in the browser: checks each answer and reads why, orders
the steps of a procedure with the keyboard alone, gets a score, comes back later to find
the best score kept, and practises a random mix by topic.

These stories run on a small fixture project (tests/fixtures/minimal plus the question
banks of tests/fixtures/quiz), not on the project's own banks, so that the questions and
their right answers are known here and stay put while the real banks grow.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import scripts_ready

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
TIMEZONE = "Asia/Shanghai"
KEY = "tk-quiz:v1:"

# tests/fixtures/quiz/questions/basics.yml, as the values of the inputs (option indexes).
BASICS = "basics"
RIGHT = {
    "basics-single": ["0"],
    "basics-multiple": ["0", "1"],
    "basics-scenario": ["1"],
    "basics-true-false": ["false"],
}
WRONG = {
    "basics-single": ["1"],
    "basics-multiple": ["0"],
    "basics-scenario": ["0"],
    "basics-true-false": ["true"],
}
ORDERING = "basics-ordering"
ORDER = ["0", "1", "2", "3"]  # items are written in the right order in the bank
TOTAL = len(RIGHT) + 1


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the stdlib's name
        pass


def quiz_project(root: Path) -> Path:
    """tests/fixtures/minimal plus the question banks of tests/fixtures/quiz, copied to root."""
    shutil.copytree(FIXTURES / "minimal", root, dirs_exist_ok=True)
    shutil.copytree(FIXTURES / "quiz", root, dirs_exist_ok=True)
    return root


def build(project: Path, site_url: str | None = None) -> Path:
    """`mkdocs build --strict` of a fixture project into project/site."""
    site = project / "site"
    site.mkdir(exist_ok=True)
    if site_url:
        config = project / "mkdocs.yml"
        config.write_text(
            config.read_text(encoding="utf-8") + f"site_url: {site_url}\n", encoding="utf-8"
        )
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode != 0:
        pytest.fail(
            f"mkdocs build --strict of {project.name} failed:\n{result.stderr}{result.stdout}"
        )
    return site


@contextmanager
def built_and_served(project: Path):
    """The project, built strictly and served on a free port of 127.0.0.1: its URL.

    The server's port is taken first: Material's instant navigation follows only links
    listed in sitemap.xml, whose addresses keep the port and path of site_url.
    """
    site = project / "site"
    site.mkdir(exist_ok=True)
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site))
    )
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        build(project, site_url=url)
        thread = threading.Thread(target=server.serve_forever, name="quiz-site", daemon=True)
        thread.start()
        try:
            yield url
        finally:
            server.shutdown()
            thread.join(timeout=5)
    finally:
        server.server_close()


@pytest.fixture(scope="module")
def quiz_url(tmp_path_factory: pytest.TempPathFactory):
    """The fixture project, built strictly and served on a free port of 127.0.0.1."""
    with built_and_served(quiz_project(tmp_path_factory.mktemp("quiz-project"))) as url:
        yield url


@pytest.fixture
def quiz_page(new_context):
    """A desktop page in China's time zone, where the saved dates are local dates."""
    context = new_context(viewport={"width": 1280, "height": 800}, timezone_id=TIMEZONE)
    return context.new_page()


def today() -> str:
    return datetime.now(ZoneInfo(TIMEZONE)).date().isoformat()


# --- What a learner does -------------------------------------------------------------


def visit(page, url: str):
    """Open a page and wait until its scripts (the quiz engine included) have run: they
    are fetched after the first paint, and a learner's first tap comes after that."""
    response = page.goto(url)
    scripts_ready(page)
    return response


def question(page, question_id: str):
    return page.locator(f'[data-tk-question="{question_id}"]')


def choose(page, question_id: str, values: list[str]) -> None:
    for value in values:
        question(page, question_id).locator(f'input[value="{value}"]').check()


def check(page, question_id: str) -> None:
    question(page, question_id).locator("[data-tk-check]").click()


def answer(page, question_id: str, values: list[str]) -> None:
    choose(page, question_id, values)
    check(page, question_id)


def shown_order(page, question_id: str) -> list[str]:
    return (
        question(page, question_id)
        .locator("ol.tk-q__order > li")
        .evaluate_all("items => items.map(i => i.dataset.item)")
    )


def focused(page) -> dict:
    """Which move button has the keyboard focus: its direction and its item."""
    return page.evaluate(
        """() => {
            const button = document.activeElement;
            const item = button && button.closest("li[data-item]");
            return {move: button && button.dataset.move, item: item && item.dataset.item};
        }"""
    )


def announced(page):
    """The quiz's polite live region, where moves are read out to screen reader users."""
    return page.locator(".tk-quiz__live")


def order_by_keyboard(page, question_id: str, key: str = "Enter") -> None:
    """Bring each item up to its place with its own up button, pressed from the keyboard."""
    for place, item in enumerate(ORDER):
        question(page, question_id).locator(f'li[data-item="{item}"] [data-move="up"]').focus()
        while (position := shown_order(page, question_id).index(item)) > place:
            page.keyboard.press(key)
            assert shown_order(page, question_id).index(item) == position - 1, (
                "one press moves one place"
            )
            assert focused(page) == {"move": "up", "item": item}, (
                "the focus stays on the pressed button"
            )
            expect(announced(page)).to_contain_text(f"移到第 {position} 位")
    assert shown_order(page, question_id) == ORDER


def answer_all(page, answers: dict[str, list[str]], *, ordering_right: bool = True) -> None:
    for question_id, values in answers.items():
        answer(page, question_id, values)
    if ordering_right:
        order_by_keyboard(page, ORDERING)
    check(page, ORDERING)


def result(page, question_id: str):
    return question(page, question_id).locator(".tk-q__result")


def stored(page, quiz_id: str) -> dict | None:
    raw = page.evaluate("key => localStorage.getItem(key)", KEY + quiz_id)
    return json.loads(raw) if raw else None


def progress_row(page, quiz_id: str):
    return page.locator(f'tr[data-tk-progress-quiz="{quiz_id}"]')


# --- Checking one answer -------------------------------------------------------------


def test_checking_without_a_choice_asks_for_one(quiz_page, quiz_url):
    page = quiz_page
    visit(page, f"{quiz_url}quizzes/{BASICS}/")

    check(page, "basics-single")
    check(page, "basics-multiple")

    expect(result(page, "basics-single")).to_have_text("请先选择一个答案，再检查。")
    expect(result(page, "basics-multiple")).to_have_text("请至少选择一项，再检查。")
    expect(question(page, "basics-single").locator("details")).to_be_hidden()
    # Nothing was counted: the question still takes an answer.
    answer(page, "basics-single", RIGHT["basics-single"])
    expect(result(page, "basics-single")).to_contain_text("回答正确")


def test_a_wrong_choice_shows_its_feedback_the_explanation_and_locks_the_question(
    quiz_page, quiz_url
):
    page = quiz_page
    visit(page, f"{quiz_url}quizzes/{BASICS}/")
    single = question(page, "basics-single")
    # Before any check the answer block waits, folded away and hidden.
    expect(single.locator("details.tk-q__answer")).to_be_hidden()

    answer(page, "basics-single", WRONG["basics-single"])

    expect(result(page, "basics-single")).to_contain_text("回答错误")
    expect(result(page, "basics-single")).to_contain_text("这样想就把责任推给了客户。")
    expect(result(page, "basics-single")).not_to_contain_text("对，先从自己身上找原因。")
    details = single.locator("details.tk-q__answer")
    expect(details).to_be_visible()
    expect(details).to_have_attribute("open", "")
    expect(details).to_contain_text("第一条原则：先假定我们的工作有问题。")
    expect(single.locator("li.tk-q__option--right")).to_contain_text("先假定我们的工作有问题")
    expect(single.locator("li.tk-q__option--right .tk-q__mark")).to_have_text("✓ 正确答案")
    expect(single.locator("li.tk-q__option--wrong")).to_contain_text("客户多半是在找麻烦")
    # The first answer counts: the question cannot be answered again.
    for option in single.locator("input").all():
        expect(option).to_be_disabled()
    expect(single.locator("[data-tk-check]")).to_be_hidden()


def test_a_multiple_choice_is_right_only_with_every_right_option(quiz_page, quiz_url):
    page = quiz_page
    visit(page, f"{quiz_url}quizzes/{BASICS}/")

    answer(page, "basics-multiple", WRONG["basics-multiple"])  # one of the two right options
    expect(result(page, "basics-multiple")).to_contain_text("回答错误")
    expect(question(page, "basics-multiple").locator(".tk-q__mark")).to_have_text(
        ["✓ 正确答案", "✓ 正确答案"]
    )

    page.reload()
    answer(page, "basics-multiple", RIGHT["basics-multiple"])
    expect(result(page, "basics-multiple")).to_contain_text("回答正确")

    page.reload()
    answer(page, "basics-multiple", RIGHT["basics-multiple"] + ["2"])  # and a wrong one
    expect(result(page, "basics-multiple")).to_contain_text("回答错误")
    expect(result(page, "basics-multiple")).to_contain_text("打断会让客户更生气。")


def test_a_scenario_reply_gets_the_feedback_written_for_it(quiz_page, quiz_url):
    page = quiz_page
    visit(page, f"{quiz_url}quizzes/{BASICS}/")
    expect(question(page, "basics-scenario").locator(".tk-q__customer")).to_contain_text(
        "水管漏了三天了"
    )

    answer(page, "basics-scenario", RIGHT["basics-scenario"])

    expect(result(page, "basics-scenario").locator(".tk-q__verdict")).to_have_text("回答正确")
    expect(result(page, "basics-scenario")).to_contain_text("先道歉，再给出马上行动的承诺。")
    expect(result(page, "basics-scenario")).not_to_contain_text("这是服务禁语")
    # The feedback is Markdown rendered, not raw asterisks, under the letter shown for the
    # chosen reply (options are shown in a mixed order, so the letter is read off the page).
    label = question(page, "basics-scenario").locator(
        f'input[value="{RIGHT["basics-scenario"][0]}"] + .tk-q__letter'
    )
    expect(result(page, "basics-scenario").locator("strong")).to_have_text(label.inner_text())


def test_ordering_with_the_keyboard_only(quiz_page, quiz_url):
    page = quiz_page
    visit(page, f"{quiz_url}quizzes/{BASICS}/")
    start = shown_order(page, ORDERING)
    assert start != ORDER, "the build shows the items out of order"
    items = question(page, ORDERING).locator("ol.tk-q__order > li")

    # The top item cannot go higher: it says so, and nothing moves.
    items.first.locator('[data-move="up"]').focus()
    expect(items.first.locator('[data-move="up"]')).to_have_attribute("aria-disabled", "true")
    page.keyboard.press("Enter")
    assert shown_order(page, ORDERING) == start
    expect(announced(page)).to_contain_text("已经排在第一位")

    # Tab reaches the same item's down button; Space moves the item one place down.
    page.keyboard.press("Tab")
    assert focused(page) == {"move": "down", "item": start[0]}
    page.keyboard.press("Space")
    assert shown_order(page, ORDERING) == [start[1], start[0], *start[2:]]
    assert focused(page) == {"move": "down", "item": start[0]}
    expect(announced(page)).to_contain_text("移到第 2 位，共 4 项")

    order_by_keyboard(page, ORDERING)
    question(page, ORDERING).locator("[data-tk-check]").focus()
    page.keyboard.press("Enter")

    expect(result(page, ORDERING)).to_contain_text("回答正确")
    expect(question(page, ORDERING).locator(".tk-q__mark")).to_have_text(["✓ 位置正确"] * 4)
    expect(question(page, ORDERING).locator("[data-move]:visible")).to_have_count(0)


def test_a_wrong_order_says_where_each_item_belongs(quiz_page, quiz_url):
    page = quiz_page
    visit(page, f"{quiz_url}quizzes/{BASICS}/")
    shown = shown_order(page, ORDERING)

    check(page, ORDERING)  # an ordering question can always be checked

    expect(result(page, ORDERING)).to_contain_text("回答错误")
    places_right = sum(item == right for item, right in zip(shown, ORDER, strict=True))
    expect(result(page, ORDERING)).to_contain_text(f"有 {places_right} / 4 项位置正确")
    marks = question(page, ORDERING).locator(".tk-q__mark")
    for position, item in enumerate(shown):
        expected = "✓ 位置正确" if item == ORDER[position] else f"✗ 应排第 {int(item) + 1} 位"
        expect(marks.nth(position)).to_have_text(expected)


# --- A whole quiz: score, best score, progress ---------------------------------------


def test_a_finished_quiz_is_scored_and_its_best_score_kept(quiz_page, quiz_url):
    page = quiz_page
    visit(page, f"{quiz_url}quizzes/{BASICS}/")
    footer = page.locator(".tk-quiz__footer")
    expect(page.locator(".tk-quiz__best")).to_be_hidden()

    answer_all(page, {**RIGHT, "basics-single": WRONG["basics-single"]})

    expect(footer).to_be_visible()
    expect(page.locator(".tk-quiz__score")).to_contain_text(f"得分 {TOTAL - 1} / {TOTAL}")
    expect(page.locator(".tk-quiz__best")).to_have_text(
        f"最好成绩 {TOTAL - 1} / {TOTAL}（{today()}）"
    )

    # Back later: the questions are fresh, the best score is still there.
    page.reload()
    expect(page.locator(".tk-quiz__best")).to_have_text(
        f"最好成绩 {TOTAL - 1} / {TOTAL}（{today()}）"
    )
    expect(footer).to_be_hidden()
    expect(page.locator(".tk-q__verdict")).to_have_count(0)

    page.get_by_role("link", name="我的进度").click()
    page.wait_for_url("**/quizzes/progress/")
    expect(progress_row(page, BASICS).locator(".tk-progress__status")).to_have_text("已完成")
    expect(progress_row(page, BASICS).locator(".tk-progress__best")).to_have_text(
        f"{TOTAL - 1} / {TOTAL}"
    )
    expect(progress_row(page, BASICS).locator(".tk-progress__date")).to_have_text(today())
    expect(progress_row(page, "shuffled").locator(".tk-progress__status")).to_have_text("未开始")
    expect(page.locator(".tk-progress__summary")).to_have_text("已完成 1 / 2 套")

    # A perfect second attempt becomes the best; a worse third does not replace it.
    visit(page, f"{quiz_url}quizzes/{BASICS}/")
    answer_all(page, RIGHT)
    expect(page.locator(".tk-quiz__score")).to_contain_text(f"得分 {TOTAL} / {TOTAL}")
    expect(page.locator(".tk-quiz__score")).to_contain_text("新的最好成绩")
    page.reload()
    answer_all(page, WRONG, ordering_right=False)
    expect(page.locator(".tk-quiz__score")).to_contain_text(f"得分 0 / {TOTAL}")
    expect(page.locator(".tk-quiz__score")).not_to_contain_text("新的最好成绩")
    expect(page.locator(".tk-quiz__best")).to_have_text(f"最好成绩 {TOTAL} / {TOTAL}（{today()}）")
    assert stored(page, BASICS) == {
        "best": TOTAL,
        "total": TOTAL,
        "bestDate": today(),
        "last": 0,
        "lastDate": today(),
        "attempts": 3,
    }

    visit(page, f"{quiz_url}quizzes/progress/")
    expect(progress_row(page, BASICS).locator(".tk-progress__status")).to_have_text("满分")


def test_retry_starts_the_quiz_afresh(quiz_page, quiz_url):
    page = quiz_page
    visit(page, f"{quiz_url}quizzes/{BASICS}/")
    start = shown_order(page, ORDERING)
    answer_all(page, RIGHT)
    expect(page.locator(".tk-quiz__footer")).to_be_visible()

    page.get_by_role("button", name="重新作答").click()

    expect(page.locator(".tk-quiz__footer")).to_be_hidden()
    expect(page.locator(".tk-q__verdict")).to_have_count(0)
    expect(page.locator(".tk-q__mark")).to_have_count(0)
    expect(page.locator("details.tk-q__answer:visible")).to_have_count(0)
    expect(page.locator("[data-tk-check]:visible")).to_have_count(TOTAL)
    assert page.locator(".tk-quiz input:checked").count() == 0
    assert page.locator(".tk-quiz input:disabled").count() == 0
    assert shown_order(page, ORDERING) == start, (
        "without data-shuffle the items go back to where they were"
    )
    # The second attempt is scored and saved like the first.
    answer_all(page, WRONG, ordering_right=False)
    expect(page.locator(".tk-quiz__score")).to_contain_text(f"得分 0 / {TOTAL}")
    assert stored(page, BASICS)["attempts"] == 2


def test_shuffled_options_keep_letters_feedback_and_answer_in_step(quiz_page, quiz_url):
    page = quiz_page
    visit(page, f"{quiz_url}quizzes/shuffled/")
    single = question(page, "shuffled-single")

    def consistent() -> list[str]:
        options = single.locator(".tk-q__options > li").evaluate_all(
            "items => items.map(i => [i.querySelector('input').value, "
            "i.querySelector('.tk-q__letter').textContent])"
        )
        assert [letter for _, letter in options] == [f"{c}." for c in "ABCDEF"], (
            "letters follow the order on screen"
        )
        letter_of = dict(options)
        feedback = single.locator(".tk-q__feedbacks > li").evaluate_all(
            "items => items.map(i => [i.dataset.for, i.querySelector('strong').textContent])"
        )
        assert [letter for _, letter in feedback] == [f"{c}." for c in "ABCDEF"], (
            "feedback is listed A to F"
        )
        assert all(letter_of[value] == letter for value, letter in feedback)
        assert single.locator(".tk-q__key").text_content() == letter_of["1"].rstrip(".")
        return [value for value, _ in options]

    first = consistent()
    answer(page, "shuffled-single", ["1"])
    expect(result(page, "shuffled-single")).to_contain_text("回答正确")
    expect(result(page, "shuffled-single")).to_contain_text("对，紧急维修 15 分钟内到场。")

    # Retry shuffles again (six options: the first order three more times running is 1 in
    # 373 million).
    orders = []
    for _ in range(3):
        page.get_by_role("button", name="重新作答").click()
        orders.append(consistent())
        answer(page, "shuffled-single", ["1"])
    assert any(order != first for order in orders)


# --- Instant navigation --------------------------------------------------------------


def test_the_quiz_works_after_instant_navigation_away_and_back(quiz_page, quiz_url):
    page = quiz_page
    visit(page, f"{quiz_url}quizzes/{BASICS}/")
    page.wait_for_load_state("networkidle")  # Material reads sitemap.xml before it intercepts links
    page.evaluate("window.tkNoReload = 'kept'")
    answer(page, "basics-single", RIGHT["basics-single"])

    # Follow the further-reading link of the explanation, then the site's own navigation back.
    question(page, "basics-single").locator(".tk-q__links a").click()
    page.wait_for_url("**/reference/principles/#p1")
    assert page.evaluate("window.tkNoReload") == "kept", "instant navigation, not a page load"
    page.locator(".md-sidebar--primary").get_by_role("link", name="测验", exact=True).click()
    page.wait_for_url(f"{quiz_url}quizzes/")
    page.locator("article").get_by_role("link", name="基础测验").click()
    page.wait_for_url(f"{quiz_url}quizzes/{BASICS}/")
    assert page.evaluate("window.tkNoReload") == "kept", "instant navigation, not a page load"

    # A fresh page, working: the buttons are shown, answers are checked and scored.
    expect(page.locator("[data-tk-check]:visible")).to_have_count(TOTAL)
    expect(page.locator(".tk-quiz__best")).to_be_hidden()
    answer_all(page, RIGHT)
    expect(result(page, "basics-scenario")).to_contain_text("先道歉")
    expect(page.locator(".tk-quiz__score")).to_contain_text(f"得分 {TOTAL} / {TOTAL}")

    # And back through the browser's history, still without a reload.
    page.go_back()
    page.wait_for_url(f"{quiz_url}quizzes/")
    page.go_forward()
    page.wait_for_url(f"{quiz_url}quizzes/{BASICS}/")
    assert page.evaluate("window.tkNoReload") == "kept"
    expect(page.locator(".tk-quiz__best")).to_have_text(f"最好成绩 {TOTAL} / {TOTAL}（{today()}）")
    # Material swaps the page in and then announces it; answer once the engine has started.
    expect(page.locator("[data-tk-quiz][data-tk-ready]")).to_have_count(1)
    expect(page.locator("[data-tk-check]:visible")).to_have_count(TOTAL)
    answer(page, "basics-true-false", RIGHT["basics-true-false"])
    expect(result(page, "basics-true-false")).to_contain_text("回答正确")


def test_starting_twice_on_one_page_binds_nothing_twice(quiz_page, quiz_url):
    page = quiz_page
    visit(page, f"{quiz_url}quizzes/{BASICS}/")
    start = shown_order(page, ORDERING)

    page.evaluate("document$.next(document)")  # what every page change of Material does

    expect(page.locator(".tk-quiz__best")).to_have_count(1)
    question(page, ORDERING).locator(f'li[data-item="{start[0]}"] [data-move="down"]').focus()
    page.keyboard.press("Enter")
    assert shown_order(page, ORDERING) == [start[1], start[0], *start[2:]], "one press, one place"


# --- Without JavaScript ----------------------------------------------------------------


def test_without_javascript_answers_wait_in_folded_blocks(new_context, quiz_url):
    page = new_context(java_script_enabled=False).new_page()
    page.goto(f"{quiz_url}quizzes/{BASICS}/")

    details = page.locator("details.tk-q__answer")
    expect(details).to_have_count(TOTAL)
    expect(page.locator("details.tk-q__answer[open]")).to_have_count(0)
    for block in details.all():
        expect(block.locator("summary")).to_have_text("答案与解析")
        expect(block).to_contain_text("正确答案：")
    expect(page.get_by_text("第一条原则：先假定我们的工作有问题。")).to_be_hidden()
    expect(page.locator("[data-tk-check]")).to_have_count(TOTAL)
    for button in page.locator("[data-tk-check], [data-move], [data-tk-retry]").all():
        expect(button).to_be_hidden()
    # The questions themselves are all there to read and tick.
    expect(page.locator("fieldset.tk-q:visible")).to_have_count(TOTAL)

    page.goto(f"{quiz_url}quizzes/mix/")
    expect(page.locator("form[data-tk-mix]")).to_be_hidden()
    page.goto(f"{quiz_url}quizzes/progress/")
    expect(page.locator("[data-tk-progress-clear]")).to_be_hidden()


# --- Mixed practice ----------------------------------------------------------------------
# The practice page holds no question: it fetches the quiz pages a draw falls on.

# A case quiz sits one folder deeper (quizzes/cases/<case>/) than the practice page, so the
# further-reading links of its questions only work there once they are rewritten.
CASE_QUIZ = """\
quiz:
  - id: late-repair-apology
    type: true_false
    prompt: 维修迟到以后，应先向业主道歉。
    answer: true
    explanation: 先道歉，再说明原因和补救办法。
    see: [{case: lost-key}, {principle: p1}]
"""
CASE_QUESTION = "late-repair-apology"


def more_questions(count: int, prefix: str) -> str:
    """`count` true/false questions, as YAML items at the indent of a list of questions."""
    return "".join(
        f"  - id: {prefix}-{n}\n    type: true_false\n    prompt: 第 {n} 道补充题："
        "接到投诉后要当天答复业主。\n"
        f"    answer: true\n    explanation: 补充题 {n} 的解析：当天答复，"
        "业主才知道有人在管这件事。\n"
        for n in range(1, count + 1)
    )


def practice_project(root: Path, extra: int = 0) -> Path:
    """The quiz fixture plus a case quiz; `extra` more questions in the basics bank and the
    case quiz."""
    quiz_project(root)
    case = root / "cases" / "late-repair.yml"
    case.write_text(
        case.read_text(encoding="utf-8") + CASE_QUIZ + more_questions(extra, "case-extra"),
        encoding="utf-8",
    )
    bank = root / "questions" / f"{BASICS}.yml"
    bank.write_text(
        bank.read_text(encoding="utf-8") + more_questions(extra, "basics-extra"), encoding="utf-8"
    )
    return root


@pytest.fixture(scope="module")
def practice_url(tmp_path_factory: pytest.TempPathFactory):
    """The quiz fixture with a case quiz, built strictly and served on 127.0.0.1."""
    with built_and_served(practice_project(tmp_path_factory.mktemp("practice-project"))) as url:
        yield url


def start_practice(page, topic: str, count: str = "10") -> None:
    form = page.locator("form[data-tk-mix]")
    form.locator("select[name=topic]").select_option(topic)
    form.locator("select[name=count]").select_option(count)
    form.get_by_role("button", name="开始练习").click()


def quiz_pages_fetched(page) -> list[str]:
    """Start recording the quiz pages the page fetches; the list fills as it goes."""
    fetched: list[str] = []
    page.on(
        "request",
        lambda request: fetched.append(request.url) if "/quizzes/" in request.url else None,
    )
    return fetched


def test_mixed_practice_draws_by_topic_and_is_not_saved(quiz_page, quiz_url):
    page = quiz_page
    visit(page, f"{quiz_url}quizzes/mix/")
    expect(page.locator("[data-tk-question]")).to_have_count(0)  # the page carries no question
    shown = page.locator("fieldset.tk-q:visible")

    start_practice(page, "流程", "5")

    # Only two questions carry 流程: the ordering question and the shuffled bank's.
    expect(shown).to_have_count(2)
    assert sorted(shown.evaluate_all("qs => qs.map(q => q.dataset.tkQuestion)")) == [
        ORDERING,
        "shuffled-single",
    ]
    expect(shown.locator("legend")).to_have_text([r"第 1 题 · 排序题", r"第 2 题 · 单选题"])
    expect(page.locator("section.tk-mix__topic:visible h2")).to_have_text(["流程"])
    expect(page.locator(".tk-mix__status")).to_contain_text("只有 2 题")
    expect(page.locator("details.tk-q__answer:visible")).to_have_count(
        0
    )  # answers wait for a check

    start_practice(page, "", "5")

    expect(shown).to_have_count(5)
    expect(shown.locator("legend")).to_have_text(
        [re.compile(f"^第 {n} 题 · ") for n in range(1, 6)]
    )
    for fieldset in shown.all():
        if fieldset.get_attribute("data-type") != "ordering":
            fieldset.locator("input").first.check()
        fieldset.locator("[data-tk-check]").click()
    expect(page.locator(".tk-quiz__score")).to_contain_text("/ 5")
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('tk-quiz:'))") == []


def test_mixed_practice_fetches_only_the_quiz_pages_it_draws_from(quiz_page, practice_url):
    page = quiz_page
    visit(page, f"{practice_url}quizzes/mix/")
    fetched = quiz_pages_fetched(page)
    shown = page.locator("fieldset.tk-q:visible")

    start_practice(page, "原则", "20")  # 原则 is the basics bank's topic only
    expect(shown).to_have_count(TOTAL - 1)
    assert fetched == [f"{practice_url}quizzes/{BASICS}/"]

    start_practice(page, "案例", "20")
    expect(shown).to_have_count(1)
    assert fetched[1:] == [f"{practice_url}quizzes/cases/late-repair/"]

    # Every question of the site, in 20: only the page not fetched yet is fetched now.
    start_practice(page, "", "20")
    expect(shown).to_have_count(TOTAL + 2)
    expect(page.locator(".tk-mix__status")).to_contain_text(f"只有 {TOTAL + 2} 题")
    assert fetched[2:] == [f"{practice_url}quizzes/shuffled/"]
    assert len(set(shown.evaluate_all("qs => qs.map(q => q.id)"))) == TOTAL + 2, (
        "each question once"
    )


def test_a_drawn_question_links_where_it_does_on_its_own_quiz_page(quiz_page, practice_url):
    page = quiz_page
    links = question(page, CASE_QUESTION).locator(".tk-q__links a")
    visit(page, f"{practice_url}quizzes/cases/late-repair/")
    on_quiz_page = links.evaluate_all("links => links.map(a => a.href)")
    assert on_quiz_page == [
        f"{practice_url}cases/lost-key/",
        f"{practice_url}reference/principles/#p1",
    ]

    visit(page, f"{practice_url}quizzes/mix/")
    page.wait_for_load_state("networkidle")  # Material reads sitemap.xml before it intercepts links
    page.evaluate("window.tkNoReload = 'kept'")
    start_practice(page, "案例")
    answer(page, CASE_QUESTION, ["true"])

    expect(result(page, CASE_QUESTION)).to_contain_text("回答正确")
    assert links.evaluate_all("links => links.map(a => a.href)") == on_quiz_page
    links.first.click()
    page.wait_for_url(f"{practice_url}cases/lost-key/")
    assert page.evaluate("window.tkNoReload") == "kept", "instant navigation, not a page load"


def test_mixed_practice_works_after_instant_navigation(quiz_page, practice_url):
    page = quiz_page
    visit(page, f"{practice_url}quizzes/")
    page.wait_for_load_state("networkidle")
    page.evaluate("window.tkNoReload = 'kept'")
    page.locator("article").get_by_role("link", name="综合练习").click()
    page.wait_for_url(f"{practice_url}quizzes/mix/")
    assert page.evaluate("window.tkNoReload") == "kept", "instant navigation, not a page load"

    start_practice(page, "原则", "20")
    expect(page.locator("fieldset.tk-q:visible")).to_have_count(TOTAL - 1)
    for question_id, values in RIGHT.items():  # the 原则 questions: all but the ordering one
        answer(page, question_id, values)

    expect(page.locator(".tk-quiz__score")).to_contain_text(f"得分 {TOTAL - 1} / {TOTAL - 1}")
    expect(page.locator(".tk-quiz__score")).to_contain_text("全部答对")
    expect(result(page, "basics-scenario")).to_contain_text(
        "先道歉"
    )  # the feedback of the reply chosen
    page.locator("[data-tk-retry]").click()
    expect(page.locator("[data-tk-check]:visible")).to_have_count(TOTAL - 1)


def test_mixed_practice_says_so_when_it_cannot_load_the_questions(quiz_page, practice_url):
    page = quiz_page
    visit(page, f"{practice_url}quizzes/mix/")
    start = page.get_by_role("button", name="开始练习")
    expect(start).to_be_visible()  # the quiz engine is loaded

    page.context.set_offline(True)
    start_practice(page, "原则")
    expect(page.locator(".tk-mix__status")).to_contain_text("题目没能载入，可能是网络断了")
    expect(page.locator("fieldset.tk-q")).to_have_count(0)
    expect(start).to_be_enabled()

    page.context.set_offline(False)
    start.click()
    expect(page.locator("fieldset.tk-q:visible")).to_have_count(TOTAL - 1)
    expect(page.locator(".tk-mix__status")).to_contain_text(f"已抽取 {TOTAL - 1} 题（原则）")


def test_a_copy_opened_from_files_says_practice_needs_the_site_served(quiz_page, tmp_path):
    # Browsers refuse to fetch one file:// page from another, so no draw is offered there.
    # The copy made for files has no instant navigation (it needs a server too).
    project = practice_project(tmp_path / "files")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("    - navigation.instant\n", ""),
        encoding="utf-8",
    )
    site = build(project)
    page = quiz_page
    visit(page, (site / "quizzes" / "mix" / "index.html").as_uri())
    expect(page.locator(".tk-mix__status")).to_contain_text("从文件打开的离线版不能抽题")
    expect(page.locator("form[data-tk-mix]")).to_be_hidden()


def test_the_practice_page_does_not_grow_with_the_number_of_questions(tmp_path):
    few = build(practice_project(tmp_path / "few"))
    many = build(practice_project(tmp_path / "many", extra=250))

    def size(site: Path, page: str) -> int:
        return (site / page / "index.html").stat().st_size

    grown = size(many, f"quizzes/{BASICS}") - size(few, f"quizzes/{BASICS}")
    assert grown > 100_000, "the bank's own page does carry its 250 more questions"
    # Only the counts on the form change: a few digits.
    assert abs(size(many, "quizzes/mix") - size(few, "quizzes/mix")) <= 40
    assert "第 250 道补充题" not in (many / "quizzes/mix/index.html").read_text(encoding="utf-8")


# --- The progress page -----------------------------------------------------------------


def test_progress_is_cleared_only_after_confirmation(quiz_page, quiz_url):
    page = quiz_page
    visit(page, f"{quiz_url}quizzes/progress/")
    expect(page.locator("[data-tk-progress-clear]")).to_be_hidden()  # nothing to clear yet
    records = {
        BASICS: {
            "best": TOTAL,
            "total": TOTAL,
            "bestDate": "2026-01-05",
            "last": 2,
            "lastDate": "2026-01-06",
            "attempts": 2,
        },
        "shuffled": {
            "best": 0,
            "total": 1,
            "bestDate": "2026-01-04",
            "last": 0,
            "lastDate": "2026-01-04",
            "attempts": 1,
        },
    }
    page.evaluate(
        "records => { for (const [id, r] of Object.entries(records)) "
        "localStorage.setItem('tk-quiz:v1:' + id, JSON.stringify(r));"
        " localStorage.setItem('other-site-setting', 'x'); }",
        records,
    )
    page.reload()
    cells = ".tk-progress__status, .tk-progress__best, .tk-progress__date"
    expect(progress_row(page, BASICS).locator(cells)).to_have_text(
        ["满分", f"{TOTAL} / {TOTAL}", "2026-01-05"]
    )
    expect(progress_row(page, "shuffled").locator(cells)).to_have_text(
        ["已完成", "0 / 1", "2026-01-04"]
    )
    expect(page.locator(".tk-progress__summary")).to_have_text("已完成 2 / 2 套，其中满分 1 套")
    clear = page.locator("[data-tk-progress-clear]")

    page.once("dialog", lambda dialog: dialog.dismiss())
    clear.click()
    expect(progress_row(page, BASICS).locator(".tk-progress__status")).to_have_text("满分")
    assert stored(page, BASICS) is not None

    page.once("dialog", lambda dialog: dialog.accept())
    clear.click()
    expect(progress_row(page, BASICS).locator(".tk-progress__status")).to_have_text("未开始")
    expect(progress_row(page, "shuffled").locator(".tk-progress__status")).to_have_text("未开始")
    expect(page.locator(".tk-progress__summary")).to_contain_text("已完成 0 / 2 套")
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('tk-quiz:'))") == []
    assert page.evaluate("localStorage.getItem('other-site-setting')") == "x", (
        "only the quiz records go"
    )


def test_progress_page_links_every_quiz_by_its_title(quiz_page, quiz_url):
    page = quiz_page
    visit(page, f"{quiz_url}quizzes/progress/")

    for quiz_id, title in ((BASICS, "基础测验"), ("shuffled", "打乱选项")):
        progress_row(page, quiz_id).get_by_role("link", name=title, exact=True).click()
        page.wait_for_url(f"{quiz_url}quizzes/{quiz_id}/")
        expect(page.locator(f'.tk-quiz[data-tk-quiz="{quiz_id}"]')).to_be_visible()
        page.go_back()
        page.wait_for_url(f"{quiz_url}quizzes/progress/")


def test_a_browser_that_refuses_storage_still_scores_the_quiz(new_context, quiz_url):
    context = new_context(viewport={"width": 1280, "height": 800})
    # Like a full or locked-down storage: every write throws.
    context.add_init_script(
        "Storage.prototype.setItem = function () { throw new DOMException('refused', "
        "'QuotaExceededError'); };"
    )
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    visit(page, f"{quiz_url}quizzes/{BASICS}/")

    answer_all(page, RIGHT)

    expect(page.locator(".tk-quiz__score")).to_contain_text(f"得分 {TOTAL} / {TOTAL}")
    expect(page.locator(".tk-quiz__score")).to_contain_text("没有保存")
    visit(page, f"{quiz_url}quizzes/progress/")
    expect(page.locator(".tk-progress__summary")).to_contain_text("不允许网页保存数据")
    expect(page.locator("[data-tk-progress-clear]")).to_be_hidden()
    assert errors == []


# --- On a phone, in both colour schemes --------------------------------------------------


CONTRAST = """element => {
    const rgba = value => {
        const parts = value.match(/[\\d.]+/g).map(Number);
        return parts.length > 3 ? parts : [...parts, 1];
    };
    // The colour behind the text: every background up to the first opaque one, blended.
    const layers = [];
    for (let node = element; node; node = node.parentElement) {
        const colour = rgba(getComputedStyle(node).backgroundColor);
        if (colour[3] > 0) layers.unshift(colour);
        if (colour[3] >= 1) break;
    }
    let background = [255, 255, 255];
    for (const [r, g, b, a] of layers)
        background = [r, g, b].map((v, i) => v * a + background[i] * (1 - a));
    const [r, g, b, a] = rgba(getComputedStyle(element).color);
    const text = [r, g, b].map((v, i) => v * a + background[i] * (1 - a));
    const luminance = rgb => {
        const [x, y, z] = rgb.map(
            v => (v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
        return 0.2126 * x + 0.7152 * y + 0.0722 * z;
    };
    const [light, dark] = [luminance(text), luminance(background)].sort((p, q) => q - p);
    return {ratio: (light + 0.05) / (dark + 0.05), background: luminance(background)};
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_answered_quiz_fits_a_phone_and_right_and_wrong_stay_readable(
    new_context, quiz_url, scheme
):
    context = new_context(
        viewport={"width": 360, "height": 740},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        color_scheme=scheme,
        timezone_id=TIMEZONE,
    )
    page = context.new_page()
    visit(page, f"{quiz_url}quizzes/{BASICS}/")
    expect(page.locator("body")).to_have_attribute(
        "data-md-color-scheme", "slate" if scheme == "dark" else "default"
    )

    for button in page.locator("[data-move]").all():
        box = button.bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44, (
            f"move buttons are {box['width']}x{box['height']} px"
        )
    for label in page.locator(".tk-q__options label").all():
        assert label.bounding_box()["height"] >= 44, "every option row is a 44 px tap target"

    answer_all(page, {**RIGHT, "basics-single": WRONG["basics-single"]}, ordering_right=False)

    wide = page.evaluate(
        "() => [...document.querySelectorAll('.tk-quiz, .tk-quiz *')]"
        ".filter(e => e.getBoundingClientRect().right > 360.5).map(e => e.className || e.tagName)"
    )
    assert wide == [] and page.evaluate("document.documentElement.scrollWidth") <= 360
    readable = [
        ".tk-q__result--right .tk-q__verdict",
        ".tk-q__result--wrong .tk-q__verdict",
        "li.tk-q__option--right .tk-q__mark",
        "li.tk-q__option--wrong .tk-q__mark",
        "li.tk-q__option--right label",
        "li.tk-q__option--wrong label",
        ".tk-quiz__score",
    ]
    for selector in readable:
        element = page.locator(selector).first
        expect(element).to_be_visible()
        measured = element.evaluate(CONTRAST)
        assert measured["ratio"] >= 4.5, (
            f"{selector} in the {scheme} scheme: {measured['ratio']:.2f}:1"
        )
        assert (measured["background"] < 0.1) == (scheme == "dark"), (
            f"{selector}: the background is not the {scheme} one"
        )
