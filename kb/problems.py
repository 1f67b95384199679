"""Located problems and how they are printed (plain text, GitHub annotations, JSON).

Messages quote values and paths from a pull request. Before anything reaches a terminal or a CI
log, control characters, bidirectional overrides and lone surrogates in it are written as visible
escapes (`\\x1b`, `\\u202e`), so an ANSI or OSC sequence in a file name or a value never acts.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import asdict, dataclass

ERROR, WARNING = "error", "warning"


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # relative to the knowledge-base root, with forward slashes
    line: int
    col: int
    message: str  # Dutch, what is wrong
    hint: str = ""  # Dutch, how to fix it
    code: str = "error"  # stable kind, for tools and tests
    severity: str = ERROR  # "warning" does not fail `kb validate`

    def __str__(self) -> str:
        label = "waarschuwing: " if self.severity == WARNING else ""
        text = f"{safe(self.path)}:{self.line}:{self.col}: {label}{safe(self.message)}"
        return f"{text}\n    tip: {safe(self.hint)}" if self.hint else text


def at(path, pos, message, hint="", code="error", severity=ERROR) -> Problem:
    return Problem(str(path), pos.line, pos.col, message, hint, code, severity)


def warning(path, pos, message, hint="", code="warning") -> Problem:
    return at(path, pos, message, hint, code, WARNING)


def did_you_mean(word: str, options, n: int = 3) -> list[str]:
    return difflib.get_close_matches(word, list(options), n=n, cutoff=0.6)


def suggestion(word: str, options) -> str:
    close = did_you_mean(word, options)
    return "bedoelde je " + " of ".join(f"'{c}'" for c in close) + "?" if close else ""


# What a terminal, a log viewer or an editor could act on or reorder: C0 controls (newline and tab
# too: one problem is one line), DEL, C1 controls, line/paragraph separators, bidirectional
# embeddings, overrides and isolates, lone surrogates (from undecodable file names).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _visible(m: re.Match) -> str:
    code = ord(m.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe(text) -> str:
    """Text for a terminal or log: every unsafe character shown as a Python-like escape."""
    return _UNSAFE.sub(_visible, str(text))


def shorten(value, limit: int = 80) -> str:
    """A value for a message: at most `limit` characters, cut in the middle of a long one."""
    text = str(value)
    if len(text) <= limit:
        return text
    return f"{text[: limit - 20]}…{text[-10:]} ({len(text):,} tekens)".replace(",", ".")


def _workflow_data(text: str) -> str:
    # GitHub workflow commands: %, CR and LF must be escaped in the message.
    return safe(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _workflow_property(text: str) -> str:
    # ... and in a property value (file=, title=) also ':' and ',', which end the property.
    return _workflow_data(text).replace(":", "%3A").replace(",", "%2C")


def _json_safe(text: str) -> str:
    # json.dumps escapes C0 controls; the rest of the unsafe characters become \\u escapes too
    # (they only occur inside JSON strings, so the document stays the same JSON).
    return re.sub("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]", lambda m: f"\\u{ord(m.group()):04x}", text)


# Shown at most in text and GitHub annotations (3,000 broken files gave 33 MB of messages); JSON lists all.
MAX_SHOWN = 1000


def format_problems(problems: list[Problem], fmt: str = "text") -> str:
    problems = sorted(problems)
    hidden = len(problems) - MAX_SHOWN if fmt != "json" and len(problems) > MAX_SHOWN else 0
    if hidden:
        problems = problems[:MAX_SHOWN]
        more = (f"… en nog {hidden:,} meldingen, niet getoond (de eerste {MAX_SHOWN:,} staan hierboven; "
                "`kb validate --format json` geeft ze alle)").replace(",", ".")
    if fmt == "json":
        # lone surrogates (undecodable file names) cannot be encoded: ensure_ascii writes them as \udcxx
        dumped = json.dumps([asdict(p) for p in problems], ensure_ascii=False, indent=2)
        try:
            dumped.encode("utf-8")
        except UnicodeEncodeError:
            dumped = json.dumps([asdict(p) for p in problems], ensure_ascii=True, indent=2)
        return _json_safe(dumped)
    if fmt == "github":
        return "\n".join(
            [f"::{p.severity} file={_workflow_property(p.path)},line={p.line},col={p.col},"
             f"title={_workflow_property(p.code)}::"
             + _workflow_data(p.message + (f" — tip: {p.hint}" if p.hint else ""))
             for p in problems] + ([f"::warning title=te-veel-meldingen::{_workflow_data(more)}"] if hidden else []))
    return "\n".join([str(p) for p in problems] + ([more] if hidden else []))
