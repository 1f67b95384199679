"""Settings that reach pages and exports from outside the records: one rule for every address.

The site's address (`KB_SITE_URL`, `site_url` in mkdocs.yml) and the edit address (`KB_EDIT_URL`) end
up in HTML attributes, canonical links, the sitemap, JSON-LD and Turtle IRIs. They are checked here, with
one rule (`check_address`), wherever they come from.
"""

from __future__ import annotations

import os
import re

from .errors import KbError

SOURCE_DATE_ENV = "SOURCE_DATE_EPOCH"
# The latest build date a gzip header (the sitemap's) can hold: 2106-02-07.
MAX_EPOCH = 2**32 - 1

# http(s), a host name (letters, digits, dots, hyphens), an optional port and a path. No user info, query or
# fragment, and in the path only characters that are inert in HTML attributes, Markdown, JSON and Turtle
# IRIs: no quotes, angle brackets, braces, backslash, spaces, `&` or `;`; `%` only as a %XX escape.
ADDRESS = re.compile(r"https?://[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?(?::[0-9]{1,5})?"
                     r"(?:/(?:[A-Za-z0-9._~!$()*+,=:/-]|%[0-9A-Fa-f]{2})*)?")
MAX_ADDRESS = 2000

ADDRESS_HINT = ("Geef een volledig adres dat begint met https:// (of http://), zonder aanhalingstekens, "
                "spaties, punthaken, '?', '#' of '@', bijvoorbeeld {example}.")


def address_problem(value: str) -> str:
    """"" when value is a valid address, else what is wrong with it (Dutch)."""
    if len(value) > MAX_ADDRESS:
        return f"het adres is te lang (meer dan {MAX_ADDRESS} tekens)"
    if not value.startswith(("https://", "http://")):
        return "het adres begint niet met https:// of http://"
    if ADDRESS.fullmatch(value) is None:
        return "het adres bevat tekens die in een webadres niet thuishoren"
    return ""


def check_address(value: str, name: str, example: str = "https://voorbeeld.github.io/ivrk-kennisbank/") -> str:
    """value, checked with the one address rule and ending in a slash; "" when value is empty.
    Raises KbError naming the setting (`name`) otherwise."""
    value = value or ""
    if not value.strip():
        return ""
    problem = address_problem(value)
    if problem:
        shown = value if len(value) <= 120 else value[:120] + "…"
        raise KbError(f"{name} is geen geldig webadres: {shown!r} ({problem}).",
                      ADDRESS_HINT.format(example=example) + " Of laat de instelling leeg.")
    return value if value.endswith("/") else value + "/"


def source_date_epoch() -> str | None:
    """SOURCE_DATE_EPOCH (seconds since 1970, the build's date for reproducible builds), checked; None when not set.
    Raises KbError for anything but a whole number from 0 to MAX_EPOCH."""
    value = os.environ.get(SOURCE_DATE_ENV, "")
    if not value.strip():
        return None
    if not re.fullmatch(r"[0-9]{1,10}", value) or int(value) > MAX_EPOCH:
        shown = value if len(value) <= 40 else value[:40] + "…"
        raise KbError(f"{SOURCE_DATE_ENV} is geen geldige datum: {shown!r}.",
                      "Geef het aantal seconden sinds 1 januari 1970 (UTC) als geheel getal, bijvoorbeeld de tijd van "
                      "de laatste commit: SOURCE_DATE_EPOCH=$(git log -1 --format=%ct); of laat de variabele weg.")
    return value
