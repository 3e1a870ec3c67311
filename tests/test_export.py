"""Exports and schema files: where they may be written, and what they hold for hostile text.

The path tests run as root in CI on purpose: root may overwrite a device node or a
content file, so only the tool's own checks stand in the way.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from generator.cli import main


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


@pytest.mark.parametrize("inside", ["cases/lost-key.yml", "cases/new.yml", "reference/x.xml", "content/index.md", "content/q.xml", "mkdocs.yml"])
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
def test_export_refuses_paths_it_cannot_write_with_one_line(project, tmp_path, capsys, output, says):
    (tmp_path / "file").write_text("x", encoding="utf-8")
    output = output.format(tmp=tmp_path)
    line = refused(capsys, export(project, "moodle", "-o", output), output.strip() or "-o")
    assert says in line
    assert not leftovers(tmp_path, Path("/"), Path("/tmp"))
    assert not (tmp_path / "new-folder").exists()


def test_export_that_fails_half_way_leaves_the_old_file_and_nothing_else(project, tmp_path, capsys, monkeypatch):
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


@pytest.mark.parametrize(("out", "says"), [("/proc/x", "无法创建文件夹 /proc/x"), ("cases", "是内容文件夹 cases/"), ("{tmp}/file", "不是文件夹")])
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


@pytest.mark.parametrize("command", [["check"], ["stats"], ["export", "gift", "-o", "x.gift"], ["new", "case", "x"]])
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
