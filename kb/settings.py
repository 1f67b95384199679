"""Settings every part of the pipeline reads: where the site is published, where a record is edited,
the folders the build writes and reads, and the environment variables behind them.

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
    value = os.environ.get(SITE_URL_ENV, "").strip()
    if not value:
        return None
    if not re.fullmatch(r"https?://[^\s/?#@]+(/[^\s?#]*)?", value):
        raise KbError(f"{SITE_URL_ENV} is geen geldig webadres: {value!r}.",
                      "Geef het volledige adres waarop de site gepubliceerd wordt, bijvoorbeeld "
                      "https://voorbeeld.github.io/ivrk-kennisbank/ (of laat de variabele leeg).")
    return value if value.endswith("/") else value + "/"


def edit_url_from_env() -> str:
    """KB_EDIT_URL, checked and ending in a slash; "" when not set."""
    value = os.environ.get(EDIT_URL_ENV, "").strip()
    if value and not re.fullmatch(r"https?://[^\s?#@\"<>]+", value):
        raise KbError(f"{EDIT_URL_ENV} is geen geldig webadres: {value!r}.",
                      "Geef het adres waaronder bestanden in de repository bewerkt worden, bijvoorbeeld "
                      "https://github.com/voorbeeld/ivrk-kennisbank/edit/main/ (of laat de variabele leeg).")
    return value if not value or value.endswith("/") else value + "/"


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
    return url if not url or url.endswith("/") else url + "/"


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
