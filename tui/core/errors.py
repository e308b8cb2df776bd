"""Errors that end a command with a one-line message and an exit code."""

from __future__ import annotations


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
