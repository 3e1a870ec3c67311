"""Exports and schema files: where they may be written, and what they hold for hostile text.

The path tests run as root in CI on purpose: root may overwrite a device node or a
content file, so only the tool's own checks stand in the way.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from generator.export import category_path, gift, gift_answer, gift_escape, moodle_xml
from generator.model.question import Question
from generator.pipeline import read_knowledge_base, sources_for


def export(project: Path, *argv: str) -> int:
    return main(["--root", str(project), "export", *argv])


def leftovers(*folders: Path) -> list[Path]:
    return [path for folder in folders for path in folder.iterdir() if "partial" in path.name]


def refused(capsys, code: int, path_text: str) -> str:
    out, err = capsys.readouterr()
    assert code == 1
    assert "Traceback" not in out + err
    lines = err.splitlines()
    assert len(lines) == 1 and path_text in lines[0], err
    return lines[0]


def test_export_refuses_a_device_and_leaves_it_a_device(project, capsys):
    line = refused(capsys, export(project, "gift", "-o", "/dev/full"), "/dev/full")
    assert "不是普通文件" in line
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)
    assert not leftovers(Path("/dev"))


@pytest.mark.parametrize(
    "inside",
    [
        "cases/lost-key.yml",
        "cases/new.yml",
        "reference/x.xml",
        "content/index.md",
        "content/q.xml",
        "mkdocs.yml",
    ],
)
def test_export_never_writes_into_the_content(project, capsys, monkeypatch, inside):
    monkeypatch.chdir(project)
    before = {path: path.read_bytes() for path in project.rglob("*") if path.is_file()}
    line = refused(capsys, export(project, "moodle", "-o", inside), inside)
    assert "不会" in line
    assert {path: path.read_bytes() for path in project.rglob("*") if path.is_file()} == before


def test_export_refuses_a_file_in_a_content_folder_reached_by_a_link(project, tmp_path, capsys):
    link = tmp_path / "export.xml"
    link.symlink_to(project / "cases" / "lost-key.yml")
    before = (project / "cases" / "lost-key.yml").read_bytes()
    refused(capsys, export(project, "moodle", "-o", str(link)), str(link))
    assert (project / "cases" / "lost-key.yml").read_bytes() == before


def test_export_refuses_questions_folder_of_a_project_that_has_one(project, capsys, monkeypatch):
    (project / "questions").mkdir()
    monkeypatch.chdir(project)
    refused(capsys, export(project, "gift", "-o", "questions/x.yml"), "questions/x.yml")
    assert not (project / "questions" / "x.yml").exists()


@pytest.mark.parametrize(
    ("output", "says"),
    [
        ("/tmp", "是文件夹"),
        ("", "没有给出输出文件"),
        ("   ", "没有给出输出文件"),
        ("/proc/nope/x.xml", "不存在"),
        ("{tmp}/missing/q.xml", "不存在"),
        ("{tmp}/new-folder/", "是文件夹"),
        ("{tmp}/file/q.xml", "不是文件夹"),
    ],
)
def test_export_refuses_paths_it_cannot_write_with_one_line(
    project, tmp_path, capsys, output, says
):
    (tmp_path / "file").write_text("x", encoding="utf-8")
    output = output.format(tmp=tmp_path)
    line = refused(capsys, export(project, "moodle", "-o", output), output.strip() or "-o")
    assert says in line
    assert not leftovers(tmp_path, Path("/"), Path("/tmp"))
    assert not (tmp_path / "new-folder").exists()


def test_export_that_fails_half_way_leaves_the_old_file_and_nothing_else(
    project, tmp_path, capsys, monkeypatch
):
    output = tmp_path / "q.xml"
    output.write_text("old", encoding="utf-8")

    def disk_full(*args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("generator.output_file.os.replace", disk_full)
    line = refused(capsys, export(project, "moodle", "-o", str(output)), str(output))
    assert "磁盘空间不足" in line
    assert output.read_text(encoding="utf-8") == "old"
    assert not leftovers(tmp_path)


def test_export_replaces_an_old_export_with_normal_permissions(project, tmp_path, capsys):
    output = tmp_path / "q.gift"
    output.write_text("old", encoding="utf-8")
    assert export(project, "gift", "-o", str(output)) == 0
    assert output.read_text(encoding="utf-8") != "old"
    assert stat.S_IMODE(output.stat().st_mode) == 0o666 & ~_umask()
    assert not leftovers(tmp_path)
    assert "已导出" in capsys.readouterr().out


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@pytest.mark.parametrize(
    ("out", "says"),
    [
        ("/proc/x", "无法创建文件夹 /proc/x"),
        ("cases", "是内容文件夹 cases/"),
        ("{tmp}/file", "不是文件夹"),
    ],
)
def test_schema_refuses_a_folder_it_cannot_write(project, tmp_path, capsys, monkeypatch, out, says):
    monkeypatch.chdir(project)
    (tmp_path / "file").write_text("x", encoding="utf-8")
    out = out.format(tmp=tmp_path)
    line = refused(capsys, main(["schema", "--out", out]), out)
    assert says in line


def test_schema_creates_its_folder_but_not_missing_parents(tmp_path, capsys):
    assert main(["schema", "--out", str(tmp_path / "schema")]) == 0
    assert (tmp_path / "schema" / "case.schema.json").is_file()
    capsys.readouterr()
    refused(capsys, main(["schema", "--out", str(tmp_path / "a" / "b")]), str(tmp_path / "a" / "b"))


# --- the project and the command line ---------------------------------------------


@pytest.mark.parametrize(
    "command", [["check"], ["stats"], ["export", "gift", "-o", "x.gift"], ["new", "case", "x"]]
)
def test_a_folder_that_is_no_project_is_refused(tmp_path, capsys, command):
    missing = tmp_path / "nonexistent"
    line = refused(capsys, main(["--root", str(missing), *command]), str(missing))
    assert line.startswith("找不到项目")
    assert not missing.exists()


@pytest.mark.parametrize("days", ["-5", "0", "abc"])
def test_check_refuses_a_review_period_that_is_not_a_number_of_days(project, capsys, days):
    with pytest.raises(SystemExit) as exit_info:
        main(["--root", str(project), "check", "--stale", "--days", days])
    assert exit_info.value.code == 2
    assert "审阅周期" in capsys.readouterr().err


# --- hostile text in the exports ----------------------------------------------------

# Text a trainer may type that means something to GIFT, Moodle, XML or Markdown.
HOSTILE = [
    "%100%全对",
    "%50%一半",
    "%-100%倒扣",
    "%--5%x",
    "~错",
    "=对",
    "#号#",
    "{TRUE}",
    "}",
    "::injected::Q {TRUE}",
    "a\\:b",
    "反斜杠\\",
    "\\n 不是换行",
    "[html]<script>alert(1)</script>",
    "[plain]纯文本",
    "// 注释",
    "$CATEGORY: 别的类别",
    "<b>粗</b> & ]]> &amp;",
    "半/全 1/2",
    "😀 表情",
    "\u00a0不换行空格",
]


def hostile_bank(project: Path) -> None:
    """A question bank in which every text field carries the hostile texts."""
    markdown = "\n\n".join(HOSTILE)
    questions = []
    for number, text in enumerate(HOSTILE):
        questions.append(
            {
                "id": f"hostile-{number:02}",
                "type": "multiple" if number % 2 else "single",
                "prompt": f"{text}\n\n{markdown}",
                "options": [
                    {
                        "text": "正确：" + text if number % 3 == 0 else text,
                        "correct": True,
                        "feedback": text,
                    },
                    {"text": text + "（错）", "feedback": markdown},
                    {"text": "另一个" + text},
                ]
                if number % 2
                else [
                    {"text": text, "correct": True, "feedback": text},
                    {"text": "错：" + text, "feedback": markdown},
                    {"text": text + "?"},
                ],
                "explanation": text + "\n\n" + markdown,
            }
        )
    questions.append(
        {
            "id": "hostile-tf",
            "type": "true_false",
            "prompt": markdown,
            "answer": False,
            "explanation": markdown,
        }
    )
    questions.append(
        {
            "id": "hostile-order",
            "type": "ordering",
            "prompt": markdown,
            "items": HOSTILE[:5],
            "explanation": markdown,
        }
    )
    bank = {"id": "hostile", "title": "刁难/题库 {x} #1 ::t::", "questions": questions}
    folder = project / "questions"
    folder.mkdir(exist_ok=True)
    (folder / "hostile.yml").write_text(
        yaml.safe_dump(bank, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )


@pytest.fixture
def hostile_kb(project):
    hostile_bank(project)
    return read_knowledge_base(sources_for(project))


def expected_questions(kb) -> dict[str, Question]:
    return {question.id: question for bank in kb.banks for question in bank.bank.questions}


def test_moodle_xml_of_hostile_text_parses_back_to_the_same_text(hostile_kb):
    root = ET.fromstring(moodle_xml(hostile_kb))
    categories = [
        q.findtext("category/text") for q in root.iter("question") if q.get("type") == "category"
    ]
    assert "$course$/培训知识库/刁难//题库 {x} #1 ::t::" in categories
    parsed = {
        q.findtext("name/text"): q for q in root.iter("question") if q.get("type") != "category"
    }
    expected = expected_questions(hostile_kb)
    assert set(parsed) >= set(expected)
    for question_id, question in expected.items():
        element = parsed[question_id]
        assert element.findtext("questiontext/text") == question.prompt
        assert element.findtext("generalfeedback/text") == question.explanation
        answers = list(element.iter("answer"))
        if question.type == "ordering":
            assert [a.findtext("text") for a in answers] == question.items
        elif question.options:
            assert [a.findtext("text") for a in answers] == [o.text for o in question.options]
            assert [a.findtext("feedback/text") for a in answers] == [
                o.feedback for o in question.options
            ]
            assert [float(a.get("fraction")) > 0 for a in answers] == [
                o.correct for o in question.options
            ]


def test_gift_of_hostile_text_reads_back_as_moodle_would(hostile_kb):
    text, skipped = gift(hostile_kb)
    assert skipped == ["hostile-order"]
    parsed = read_gift(text)
    expected = {q.id: q for q in expected_questions(hostile_kb).values() if q.type != "ordering"}
    assert [q["category"] for q in parsed] == [category_path("刁难/题库 {x} #1 ::t::")] * len(
        expected
    )
    assert [q["title"] for q in parsed] == list(expected)
    for found in parsed:
        question = expected[found["title"]]
        assert found["format"] == "markdown"
        assert shown(found["text"]) == shown(question.prompt)
        assert shown(found["general"]) == shown(question.explanation)
        if question.type == "true_false":
            assert found["answers"] == [("FALSE", None, None)]
            continue
        assert [shown(answer) for answer, _, _ in found["answers"]] == [
            shown(o.text) for o in question.options
        ]
        assert [shown(feedback or "") for _, _, feedback in found["answers"]] == [
            shown(o.feedback or "") for o in question.options
        ]
        assert [weight > 0 for _, weight, _ in found["answers"]] == [
            o.correct for o in question.options
        ]


def test_gift_escapes_each_special_character():
    assert gift_escape("a~b=c#d{e}f:g\\h\ni") == "a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h\\ni"
    assert gift_answer("~", "%100%全对") == "~%0%%100%全对"
    assert gift_answer("=", "%100%全对") == "=%100%全对"
    assert gift_answer("~", "[html]x") == "~\\[html]x"


# A reader of GIFT that follows Moodle's (question/format/gift/format.php): escapes turned
# into placeholders first, then the title, the [format], the answers split on ~ and =, a
# leading %weight% on an answer, feedback after #; placeholders turned back at the end.
_PLACEHOLDERS = {
    escaped: f"\x01{number}\x01"
    for number, escaped in enumerate(("\\:", "\\#", "\\=", "\\{", "\\}", "\\~", "\\n"))
}
_WEIGHT = re.compile(r"^%-*([0-9]{1,2})\.?([0-9]*)%")
_FORMAT = re.compile(r"^\[([a-z]+)\]", re.IGNORECASE)


def read_gift(text: str) -> list[dict]:
    questions, category = [], None
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [line for line in block.splitlines() if not line.lstrip().startswith("//")]
        block = "\n".join(lines).strip()
        if block.startswith("$CATEGORY:"):
            category = block.removeprefix("$CATEGORY:").strip()
            continue
        questions.append({"category": category, **_read_question(block)})
    return questions


def _read_question(block: str) -> dict:
    block = block.replace("\\\\", "\x02")
    for escaped, placeholder in _PLACEHOLDERS.items():
        block = block.replace(escaped, placeholder)
    block = block.replace("\x02", "\\\\")
    assert block.count("{") == 1 and block.count("}") == 1, block
    assert block.startswith("::")
    title, rest = block[2:].split("::", 1)
    question_text, answer_text = rest.split("{")
    answer_text = answer_text.rsplit("}", 1)[0].strip()
    fmt, question_text = _format(question_text.strip())
    answer_text, _, general = answer_text.partition("####")
    if answer_text.strip() in ("TRUE", "FALSE"):
        answers = [(answer_text.strip(), None, None)]
    else:
        answers = []
        for answer in answer_text.replace("=", "~=").split("~")[1:]:
            answer = answer.strip()
            if answer.startswith("="):
                weight, answer = 1.0, answer[1:]
            elif _WEIGHT.match(answer):
                end = answer.index("%", 1)
                weight, answer = float(answer[1:end]) / 100, answer[end + 1 :]
            else:
                weight = 0.0
            answer, _, feedback = answer.partition("#")
            answers.append(
                (
                    _post(_format(answer.strip())[1]),
                    weight,
                    _post(_format(feedback.strip())[1]) if feedback else None,
                )
            )
    return {
        "title": _post(title),
        "format": fmt,
        "text": _post(question_text),
        "general": _post(_format(general.strip())[1]),
        "answers": answers,
    }


def _format(text: str) -> tuple[str, str]:
    found = _FORMAT.match(text)
    return (found.group(1).lower(), text[found.end() :]) if found else ("moodle", text)


def _post(text: str) -> str:
    for escaped, placeholder in _PLACEHOLDERS.items():
        text = text.replace(placeholder, "\n" if escaped == "\\n" else escaped[1])
    return text


def shown(markdown: str) -> str:
    """What Markdown shows of a backslash escape: the character (enough to compare texts)."""
    return re.sub(r"\\([\\`*_{}\[\]()#+\-.!])", r"\1", markdown)


@pytest.mark.parametrize("value", ["-5", "abc"])
def test_check_refuses_a_review_period_in_mkdocs_yml_that_is_not_a_number_of_days(
    project, capsys, value
):
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "  - training\n", f"  - training:\n      stale_after_days: {value}\n"
        ),
        encoding="utf-8",
    )
    line = refused(capsys, main(["--root", str(project), "check", "--stale"]), "stale_after_days")
    assert "审阅周期" in line


@pytest.mark.parametrize(
    "data",
    [b"site_name: [", b"- a list\n", b"site_name: \xff\n"],
    ids=["syntax", "list", "latin-1"],
)
def test_a_broken_mkdocs_yml_is_one_line_not_a_traceback(project, capsys, data):
    (project / "mkdocs.yml").write_bytes(data)
    line = refused(capsys, main(["--root", str(project), "check"]), "mkdocs.yml")
    assert "无法读取" in line
