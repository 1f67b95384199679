"""Settings every part of the pipeline reads: where the site is published, where a record is edited,
the folders the build writes and reads, the build's date, and the environment variables behind them.

The site's address (`KB_SITE_URL`, `site_url` in mkdocs.yml) and the edit address (`KB_EDIT_URL`) end
up in HTML attributes, canonical links, the sitemap, JSON-LD and Turtle IRIs. They are checked here, with
one rule (`check_address`), wherever they come from.

It imports nothing of kb/ but the model and errors: the export, the site build and `kb serve` all read it,
so none of them has to import another for a setting.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from . import model
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

# -- roots ------------------------------------------------------------------------------------------
# The generated tree (build/docs, build/theme, build/mkdocs.yml), relative to the knowledge base's root.
BUILD_DIR = "build"
# The theme overrides and the browser's scripts shipped with the package.
THEME_DIR = Path(__file__).parent / "theme"

# -- environment ------------------------------------------------------------------------------------
# The published address of the site, e.g. https://example.github.io/ivrk-kennisbank/ (the deploy
# workflow sets it from GitHub Pages); overrides `site_url` of mkdocs.yml.
SITE_URL_ENV = "KB_SITE_URL"
# Where a record's YAML file can be edited: the file's path is appended, e.g.
# https://github.com/OWNER/REPO/edit/main/ (the deploy workflow sets it). Not `repo_url` in mkdocs.yml:
# Material would then fetch the repository's statistics from GitHub on every page (a third-party request).
EDIT_URL_ENV = "KB_EDIT_URL"


# -- where the site is published ----------------------------------------------------------------

def site_url_from_env() -> str | None:
    """KB_SITE_URL, checked and ending in a slash; None when not set."""
    return check_address(os.environ.get(SITE_URL_ENV, ""), SITE_URL_ENV) or None


def edit_url_from_env() -> str:
    """KB_EDIT_URL, checked and ending in a slash; "" when not set."""
    return check_address(os.environ.get(EDIT_URL_ENV, ""), EDIT_URL_ENV,
                         "https://github.com/voorbeeld/ivrk-kennisbank/edit/main/")


def configured_site_url(root: Path) -> str:
    """The address the site is built for: KB_SITE_URL, else `site_url` of mkdocs.yml, else ""."""
    url = site_url_from_env()
    if url:
        return url
    try:
        config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTags)
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return ""
    url = str((config or {}).get("site_url") or "") if isinstance(config, dict) else ""
    return check_address(url, "site_url in mkdocs.yml")


class _AnyTags(yaml.SafeLoader):
    """Reads an MkDocs config with tags such as `!!python/name:` (Material's emoji) or `!ENV` as
    nothing, instead of failing or running code: only `site_url` is wanted from it."""


_AnyTags.add_multi_constructor("", lambda loader, suffix, node: None)


def base_path(site_url: str) -> str:
    """The path the site lives under on its server: "/" or e.g. "/ivrk-kennisbank/"."""
    path = urlsplit(site_url).path if site_url else ""
    return path if path.endswith("/") else path + "/"


# -- the build's date and the generated MkDocs configuration ----------------------------------------

def source_date(root: Path) -> str:
    """SOURCE_DATE_EPOCH for a build of `root`: its last commit's time, or 2000-01-01 outside git."""
    try:
        out = subprocess.run(["git", "-C", str(root), "log", "-1", "--format=%ct"], capture_output=True, text=True)
        if out.returncode == 0 and out.stdout.strip():
            return out.stdout.strip()
    except OSError:
        pass
    return "946684800"  # 2000-01-01


def derived_config() -> dict:
    """The part of the MkDocs config that follows from the model (nav of index pages only), and
    the site's address when KB_SITE_URL gives it."""
    nav = [{"Home": "index.md"}, {"Wegwijzer": "wegwijzer/index.md"}, {"Monitor": "monitor/index.md"}] + [{t.plural: f"{t.slug}/index.md"} for t in model.RECORD_TYPES.values()]
    config = {
        "INHERIT": "../mkdocs.yml",
        "docs_dir": "docs",
        "site_dir": "../site",
        "theme": {"custom_dir": "theme"},
        "nav": nav + [{"Verwijzingen herkennen": "verwijzingen/index.md"}, {"Open data": "data/index.md"},
                      {"Recente wijzigingen": "wijzigingen/index.md"}],
    }
    url = site_url_from_env()
    if url:
        config["site_url"] = url
    return config
