"""Errors that end a command with a one-line message and an exit code."""

from __future__ import annotations

import errno
import stat
from pathlib import Path

from tui.core.files import shown_name


class KantlijnError(Exception):
    """A problem the user can act on; the CLI prints ``kantlijn: <message>`` and exits."""

    exit_code: int = 1

    def __init__(self, message: str, exit_code: int | None = None) -> None:
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code


class EncryptedError(KantlijnError):
    """The PDF needs a password that was not given (or was wrong)."""

    exit_code = 2


class UnreadableError(KantlijnError):
    """The file is missing, not a PDF/summary, or too broken to read."""

    exit_code = 1


#: What an operating-system error is, in the words of the one-line message.
_OS_PROBLEMS: dict[int, str] = {
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EISDIR: "is a directory",
    errno.ENOENT: "no such file",
    errno.ENOTDIR: "part of the path is not a directory",
    errno.EFBIG: "file too large to write",
    errno.ENOSPC: "no space left on the device",
    errno.EDQUOT: "disk quota exceeded",
    errno.EROFS: "read-only file system",
    errno.ENAMETOOLONG: "file name too long",
    errno.ELOOP: "too many symbolic links",
    errno.EIO: "input/output error",
}


def os_problem(error: OSError) -> str:
    """What went wrong, in a few words ("permission denied", "no space left on the device")."""
    if error.errno in _OS_PROBLEMS:
        return _OS_PROBLEMS[error.errno]
    return (error.strerror or type(error).__name__).lower()


def os_error_message(path: object, error: OSError) -> str:
    """``PATH: what went wrong``, for a one-line error (the path as :func:`shown_name`
    shows it)."""
    return f"{shown_name(str(path))}: {os_problem(error)}"


def readable_file(path: Path, shown: object | None = None) -> Path:
    """``path`` when it is a regular file this process may read.

    Raises:
        UnreadableError: it is missing, a directory, not a regular file (a pipe, a
            device), or cannot be read (permission denied, an unreadable folder, ...);
            the message names which, after ``shown`` (default: the path).
    """
    name = shown_name(str(path if shown is None else shown))
    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            raise UnreadableError(f"{name}: is a directory")
        if not stat.S_ISREG(mode):
            raise UnreadableError(f"{name}: not a regular file")
        with path.open("rb"):
            pass
    except OSError as error:
        raise UnreadableError(os_error_message(name, error)) from error
    return path
