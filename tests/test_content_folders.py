"""Nothing in a content folder is skipped in silence: each file is read or reported at its path.

Entries a corpus file cannot be (links, pipes, folders) are made here; files with an odd
name are also in tests/bad_inputs.
"""

from __future__ import annotations

import os
import shutil

import pytest

from generator.cli import main


def check(project, capsys) -> tuple[int, list[str]]:
    code = main(["--root", str(project), "check"])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out.splitlines()


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (
            lambda cases: os.symlink("nowhere.yml", cases / "dangling.yml"),
            "cases/dangling.yml:1:1: 符号链接指向的文件不存在，不会读取",
        ),
        (
            lambda cases: os.mkfifo(cases / "pipe.yml"),
            "cases/pipe.yml:1:1: 不是普通文件（管道、设备等），不会读取",
        ),
        (
            lambda cases: (cases / "folder.yml").mkdir(),
            "cases/folder.yml:1:1: 这是一个文件夹，不是 YAML 文件：内容文件要直接放在 cases/ 中",
        ),
        (
            lambda cases: (
                (cases / "2024").mkdir()
                or shutil.copy(cases / "lost-key.yml", cases / "2024" / "lost-key.yml")
            ),
            "cases/2024/lost-key.yml:1:1: 在子文件夹中，不会读取：内容文件要直接放在 cases/ 中",
        ),
        (
            lambda cases: shutil.copy(cases / "lost-key.yml", cases / "copy.YAML"),
            "cases/copy.YAML:1:1: 扩展名要用小写，否则不会读取：请改名为 copy.yaml",
        ),
        (
            lambda cases: os.symlink(cases.parent / "content", cases / "lessons"),
            "cases/lessons:1:1: 指向文件夹的符号链接，不会读取：内容文件要直接放在文件夹中",
        ),
    ],
    ids=[
        "dangling-link",
        "fifo",
        "folder-named-yml",
        "subfolder",
        "upper-case-suffix",
        "link-to-folder",
    ],
)
def test_an_entry_that_is_not_read_is_reported_at_its_path(project, capsys, make, expected):
    make(project / "cases")
    assert check(project, capsys) == (1, [expected, "共 1 处错误。"])


def test_a_fifo_is_never_opened(project, capsys):
    # Opening a FIFO for reading waits for a writer forever: check must not hang.
    os.mkfifo(project / "reference" / "glossary.yml")
    code, lines = check(project, capsys)
    assert code == 1 and lines[0].startswith("reference/glossary.yml:1:1: 不是普通文件")


def test_a_big_subfolder_is_reported_in_a_bounded_number_of_lines(project, capsys):
    folder = project / "cases" / "archive"
    folder.mkdir()
    for number in range(30):
        (folder / f"case-{number:02}.yml").write_text("id: x\n", encoding="utf-8")
    code, lines = check(project, capsys)
    assert code == 1
    assert lines[0] == "cases/archive:1:1: 子文件夹中还有 10 个文件，也不会读取"
    assert len(lines) == 22


def test_a_content_folder_that_is_a_file_is_reported(project, capsys):
    (project / "forms").write_text("", encoding="utf-8")
    assert check(project, capsys) == (
        1,
        ["forms:1:1: 应是一个文件夹，而这里是一个文件：内容文件放在同名文件夹中", "共 1 处错误。"],
    )


def test_hidden_files_and_editor_backups_are_left_alone(project, capsys):
    for name in (".DS_Store", ".gitkeep", "lost-key.yml~", ".lost-key.yml.swp"):
        (project / "cases" / name).write_text("x", encoding="utf-8")
    (project / "cases" / ".git").mkdir()
    code, lines = check(project, capsys)
    assert code == 0, lines
