"""The error a command reports to its user instead of a traceback.

Library code raises `KbError` with a Dutch message and a hint; `kb.cli.main` prints it and exits
with `code`. Anything else that escapes a command is caught there too (`--debug` shows the traceback).
"""

from __future__ import annotations


class KbError(Exception):
    def __init__(self, message: str, hint: str = "", code: int = 1):
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.code = code

    def __str__(self) -> str:
        return self.message + (f"\n    tip: {self.hint}" if self.hint else "")
