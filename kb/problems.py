"""Located problems and how they are printed (plain text, GitHub annotations, JSON)."""

from __future__ import annotations

import difflib
import json
from dataclasses import asdict, dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # relative to the knowledge-base root, with forward slashes
    line: int
    col: int
    message: str  # Dutch, what is wrong
    hint: str = ""  # Dutch, how to fix it
    code: str = "error"  # stable kind, for tools and tests

    def __str__(self) -> str:
        text = f"{self.path}:{self.line}:{self.col}: {self.message}"
        return f"{text}\n    tip: {self.hint}" if self.hint else text


def at(path, pos, message, hint="", code="error") -> Problem:
    return Problem(str(path), pos.line, pos.col, message, hint, code)


def did_you_mean(word: str, options, n: int = 3) -> list[str]:
    return difflib.get_close_matches(word, list(options), n=n, cutoff=0.6)


def suggestion(word: str, options) -> str:
    close = did_you_mean(word, options)
    return "bedoelde je " + " of ".join(f"'{c}'" for c in close) + "?" if close else ""


def _escape_annotation(text: str) -> str:
    # GitHub workflow commands: %, CR and LF must be escaped in the message.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def format_problems(problems: list[Problem], fmt: str = "text") -> str:
    problems = sorted(problems)
    if fmt == "json":
        return json.dumps([asdict(p) for p in problems], ensure_ascii=False, indent=2)
    if fmt == "github":
        return "\n".join(
            f"::error file={p.path},line={p.line},col={p.col},title={p.code}::"
            + _escape_annotation(p.message + (f" — tip: {p.hint}" if p.hint else ""))
            for p in problems
        )
    return "\n".join(str(p) for p in problems)
