"""The one place where text from YAML is made inert for the formats that would interpret it.

Every value from a record is untrusted (a stranger's pull request). Where it enters Markdown or
HTML it passes through `text()`; where it becomes a link destination, through `url()`; a page
title in front matter, through `meta_title()`. Machine formats (BibTeX, RIS, GitHub annotations)
have their own rules, next to their writers, but start from `plain()`.
"""

from __future__ import annotations

import json
import re

from markupsafe import Markup

# Characters that HTML or Markdown (Python-Markdown and the extensions Material users enable) read as
# markup. They become numeric character references: inert in Markdown inline text, in Markdown tables,
# in headings, in HTML text and in double-quoted HTML attribute values alike (we write no other kind),
# and shown as the character itself.
# `@` is included so that a title in a pull-request comment (kb diff) cannot @mention anyone.
_ACTIVE = "&<>\"\\`*_{}[]()#|!~^=@$"
_ENTITIES = {ord(c): f"&#{ord(c)};" for c in _ACTIVE}
# C0 and C1 control characters, and the bidirectional overrides and isolates that can make text read
# differently from what it is (validation refuses them; this is the second line of defence).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# The one URL rule (validation, pages and editor schemas use it): http or https, and no character
# that would end an attribute, a Markdown destination or a shell word.
SAFE_URL_PATTERN = r"https?://[^\s<>\"'`\\\x00-\x1f\x7f-\x9f]+"
_SAFE_URL = re.compile(SAFE_URL_PATTERN, re.ASCII)


def plain(value) -> str:
    """A value as one line of plain text: control characters and line breaks become spaces."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    return " ".join(_CONTROL.sub(" ", str(value)).split())


def text(value) -> Markup:
    """Text from YAML for Markdown or HTML: shown as written, never read as markup.

    One line: line breaks and other control characters become spaces, so no value can end the
    Markdown or HTML block it is placed in (paragraphs of free text are made by `paras`). Values
    that are already `Markup` (our own markup) pass unchanged."""
    if isinstance(value, Markup):
        return value
    return Markup(plain(value).translate(_ENTITIES))


def is_safe_url(value) -> bool:
    return isinstance(value, str) and _SAFE_URL.fullmatch(value) is not None


def url(value) -> Markup:
    """An absolute http(s) URL for an href, escaped for an attribute; anything else becomes "#"."""
    if not is_safe_url(value):
        return Markup("#")
    return Markup(value.replace("&", "&amp;").replace('"', "%22").replace("'", "%27"))


def meta_title(value) -> str:
    """A page title for <title> and navigation, as a YAML front-matter scalar.

    MkDocs and Material insert page titles into templates without escaping (and `striptags`
    unescapes entities), so characters that could form markup are replaced by look-alikes."""
    t = plain(value).replace("&", "\uff06").replace("<", "\u2039").replace(">", "\u203a")
    return json.dumps(t, ensure_ascii=False)


def paras(value) -> Markup:
    """Free text from YAML as HTML paragraphs (blank lines separate paragraphs)."""
    blocks = [b for b in re.split(r"\n[ \t]*\n", str(value or "")) if b.strip()]
    return Markup("".join(f"<p>{text(plain(b))}</p>" for b in blocks))
