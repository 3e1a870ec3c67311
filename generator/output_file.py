"""Where the command-line tool writes (exports, JSON Schema files), made safe.

Only a regular file is ever written, never a device, a folder or a trainer's content;
the text goes to a temporary file beside the target and is renamed onto it, so an
interrupted or failed write leaves neither half a file nor a ``.partial`` behind.
Every refusal is an ``OutputRefused`` with one Chinese line naming the path.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path


class OutputRefused(Exception):
    """The output path cannot or may not be written: the message says why, in Chinese."""


# The operating system's reasons, in the trainer's language (os.strerror is English).
_REASONS = {
    errno.ENOENT: "路径不存在",
    errno.ENOTDIR: "路径中有一段不是文件夹",
    errno.EACCES: "没有写入权限",
    errno.EPERM: "系统不允许写入",
    errno.EROFS: "所在的磁盘是只读的",
    errno.ENOSPC: "磁盘空间不足",
    errno.EDQUOT: "磁盘配额已用完",
    errno.EISDIR: "这是一个文件夹",
    errno.ENAMETOOLONG: "文件名太长",
    errno.EEXIST: "已有同名的文件",
}


def reason(exc: OSError) -> str:
    return _REASONS.get(exc.errno, f"系统错误 {errno.errorcode.get(exc.errno, exc.errno)}")


def output_file(raw: str, protected: Iterable[Path]) -> Path:
    """The file an export may be written to, or OutputRefused.

    ``raw`` is the path as typed; ``protected`` holds the project's content folders and
    files (absolute), which an export must never overwrite.
    """
    if not raw.strip():
        raise OutputRefused("没有给出输出文件：请在 -o 后面写文件名，例如 -o questions.xml")
    path = Path(raw).expanduser()
    if raw.endswith(("/", os.sep)) or path.is_dir():
        example = Path(raw, "questions.xml").as_posix()
        raise OutputRefused(f"{raw} 是文件夹（或以 / 结尾）：请写出文件名，例如 {example}")
    # Resolved, so a symbolic link (or ..) cannot lead into the content folders unseen.
    target = path.resolve()
    _refuse_protected(raw, target, protected)
    if os.path.lexists(target):
        mode = os.stat(target, follow_symlinks=False).st_mode
        if not stat.S_ISREG(mode):
            raise OutputRefused(
                f"{raw} 不是普通文件（是设备、管道或其他特殊文件），不会写入：请换一个文件名"
            )
    parent = target.parent
    if not parent.exists():
        raise OutputRefused(f"无法写入 {raw}：文件夹 {parent.as_posix()} 不存在，请先创建它")
    if not parent.is_dir():
        raise OutputRefused(f"无法写入 {raw}：{parent.as_posix()} 不是文件夹")
    return target


def output_folder(raw: str, protected: Iterable[Path]) -> Path:
    """A folder files may be written into (created if missing, not its parents)."""
    if not raw.strip():
        raise OutputRefused("没有给出输出文件夹")
    folder = Path(raw).expanduser().resolve()
    _refuse_protected(raw, folder, protected)
    if folder.exists() and not folder.is_dir():
        raise OutputRefused(f"{raw} 不是文件夹，不会写入")
    if not folder.parent.is_dir():
        raise OutputRefused(f"无法写入 {raw}：文件夹 {folder.parent.as_posix()} 不存在，请先创建它")
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise OutputRefused(f"无法创建文件夹 {raw}：{reason(exc)}") from None
    return folder


def _refuse_protected(raw: str, target: Path, protected: Iterable[Path]) -> None:
    for place in protected:
        place = place.resolve()
        if target == place and place.is_file():
            raise OutputRefused(f"{raw} 是项目自己的 {place.name}：不会覆盖它，请换一个文件名")
        if target == place:
            raise OutputRefused(
                f"{raw} 是内容文件夹 {place.name}/：不会写入内容文件夹，请换一个位置"
            )
        if target.is_relative_to(place):
            raise OutputRefused(
                f"{raw} 在内容文件夹 {place.name}/ 中：不会写入内容文件夹，请换一个位置"
            )


def write_text(target: Path, text: str, shown_as: str | None = None) -> None:
    """Write ``text`` to the regular file ``target`` (checked by output_file) in one step."""
    shown_as = shown_as or target.as_posix()
    handle = None
    try:
        # A new, uniquely named file (O_EXCL): an existing .partial, link or device beside
        # the target is never opened.
        fd, temporary = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".partial"
        )
        handle = Path(temporary)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        # mkstemp makes the file private (0600); give it the permissions of a normal file.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(handle, 0o666 & ~umask)
        if os.path.lexists(target) and not stat.S_ISREG(
            os.stat(target, follow_symlinks=False).st_mode
        ):
            raise OutputRefused(f"{shown_as} 不是普通文件，不会写入")
        os.replace(handle, target)
        handle = None
    except OSError as exc:
        raise OutputRefused(f"无法写入 {shown_as}：{reason(exc)}") from None
    finally:
        if handle is not None:
            handle.unlink(missing_ok=True)
