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

from generator.messages import cli as msg


class OutputRefused(Exception):
    """The output path cannot or may not be written: the message says why, in Chinese."""


def reason(exc: OSError) -> str:
    """The operating system's reason, in the trainer's language (os.strerror is English)."""
    name = errno.errorcode.get(exc.errno, exc.errno)
    return msg.OS_REASONS.get(name) or msg.OS_OTHER.format(code=name)


def output_file(raw: str, protected: Iterable[Path]) -> Path:
    """The file an export may be written to, or OutputRefused.

    ``raw`` is the path as typed; ``protected`` holds the project's content folders and
    files (absolute), which an export must never overwrite.
    """
    if not raw.strip():
        raise OutputRefused(msg.NO_OUTPUT_FILE)
    path = Path(raw).expanduser()
    if raw.endswith(("/", os.sep)) or path.is_dir():
        example = Path(raw, "questions.xml").as_posix()
        raise OutputRefused(msg.OUTPUT_IS_FOLDER.format(path=raw, example=example))
    # Resolved, so a symbolic link (or ..) cannot lead into the content folders unseen.
    target = path.resolve()
    _refuse_protected(raw, target, protected)
    if os.path.lexists(target):
        mode = os.stat(target, follow_symlinks=False).st_mode
        if not stat.S_ISREG(mode):
            raise OutputRefused(msg.OUTPUT_SPECIAL.format(path=raw))
    parent = target.parent
    if not parent.exists():
        raise OutputRefused(msg.NO_PARENT_FOLDER.format(path=raw, parent=parent.as_posix()))
    if not parent.is_dir():
        raise OutputRefused(msg.PARENT_NOT_FOLDER.format(path=raw, parent=parent.as_posix()))
    return target


def output_folder(raw: str, protected: Iterable[Path]) -> Path:
    """A folder files may be written into (created if missing, not its parents)."""
    if not raw.strip():
        raise OutputRefused(msg.NO_OUTPUT_FOLDER)
    folder = Path(raw).expanduser().resolve()
    _refuse_protected(raw, folder, protected)
    if folder.exists() and not folder.is_dir():
        raise OutputRefused(msg.OUTPUT_NOT_FOLDER.format(path=raw))
    if not folder.parent.is_dir():
        parent = folder.parent.as_posix()
        raise OutputRefused(msg.NO_PARENT_FOLDER.format(path=raw, parent=parent))
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise OutputRefused(msg.CANNOT_CREATE_FOLDER.format(path=raw, reason=reason(exc))) from None
    return folder


def _refuse_protected(raw: str, target: Path, protected: Iterable[Path]) -> None:
    for place in protected:
        place = place.resolve()
        if target == place and place.is_file():
            raise OutputRefused(msg.OUTPUT_IS_PROJECT_FILE.format(path=raw, name=place.name))
        if target == place:
            raise OutputRefused(msg.OUTPUT_IS_CONTENT_FOLDER.format(path=raw, name=place.name))
        if target.is_relative_to(place):
            raise OutputRefused(msg.OUTPUT_IN_CONTENT_FOLDER.format(path=raw, name=place.name))


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
            raise OutputRefused(msg.NOT_REGULAR_FILE.format(path=shown_as))
        os.replace(handle, target)
        handle = None
    except OSError as exc:
        raise OutputRefused(msg.CANNOT_WRITE.format(path=shown_as, reason=reason(exc))) from None
    finally:
        if handle is not None:
            handle.unlink(missing_ok=True)
