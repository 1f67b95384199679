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


class ProblemsFound(KbError):
    """The knowledge base has problems (`kb validate` lists them): `what` did not go on. The CLI prints each
    problem located, then the message."""

    def __init__(self, problems: list, what: str = "Bouwen afgebroken"):
        n = len(problems)
        super().__init__(f"{what}: {n} {'probleem' if n == 1 else 'problemen'}. Zie `kb validate`.")
        self.problems = problems


class BuildError(KbError):
    """The site could not be built (MkDocs refused it, a link is broken); the previous site is kept. Its message
    may hold several lines (one per broken link)."""
