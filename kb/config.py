"""`mkdocs.yml` checked like a record, before MkDocs ever reads it.

MkDocs reads its configuration with a YAML loader that constructs Python objects (`!!python/object/apply:`
runs a command), expands `!ENV` (publishing an environment variable), runs `hooks:`, imports plugins and
Markdown extensions, and puts `extra_javascript`/`extra_css` on every page. A pull request that changes
mkdocs.yml could do all of that on the machine of whoever builds or previews it. So `kb validate`,
`kb build`, `kb generate` and `kb serve` first read it with the project's own loader (`kb.yamlio`: no tags,
no aliases, no duplicate keys, positions) and refuse, located and in Dutch:

- every YAML tag (Python tags and `!ENV` with a message of their own),
- settings that are not on the allow-list below (`hooks`, `INHERIT`, `extra`, `repo_url`, ...),
- plugins, Markdown extensions, theme settings, scripts and style sheets that are not on the allow-lists,
- addresses outside the site (`https://…`, `//…`, `javascript:`…) anywhere but in `site_url`, which is
  checked with the one address rule of `kb.settings`, and HTML in any value.

The allow-lists are what the project's mkdocs.yml uses; widening one is a change to this file (code, which
`kb diff` puts at the top of its report), never to mkdocs.yml alone.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from . import settings, yamlio
from .problems import Problem, at
from .yamlio import Pos, YamlError
from .yamlio import load as load_yaml  # bound once: the configuration is read on every run, never cached

CONFIG_FILE = "mkdocs.yml"
MAX_BYTES = 100_000

# Top-level settings a pull request may change. Not here on purpose: hooks (runs Python), INHERIT (MkDocs
# reads that file with its own loader), extra (Material's analytics and consent load third-party scripts),
# extra_templates, repo_url/edit_uri (Material fetches statistics from GitHub), docs_dir/site_dir/nav and
# theme.custom_dir (set by the build), watch, dev_addr and the remote_* deploy settings.
ALLOWED_SETTINGS = frozenset({
    "site_name", "site_description", "site_author", "site_url", "copyright", "use_directory_urls",
    "theme", "plugins", "markdown_extensions", "extra_css", "extra_javascript", "validation", "strict",
})
ALLOWED_THEME = frozenset({"name", "language", "font", "features", "palette", "logo", "favicon", "icon"})
ALLOWED_THEMES = frozenset({"material"})
ALLOWED_PLUGINS = frozenset({"search"})
ALLOWED_EXTENSIONS = frozenset({"tables", "toc"})
ALLOWED_CSS = frozenset({"assets/kb.css"})
ALLOWED_JAVASCRIPT = frozenset({"assets/kb-search.js", "assets/kb-page.js"})

# An address that leaves the site: a scheme with "//", a protocol-relative "//host", or a scheme that runs
# or embeds something.
_OUTSIDE = re.compile(r"(?i)[a-z][a-z0-9+.-]*:\s*//|^\s*[/\\]{2}|^\s*(?:javascript|vbscript|data|file)\s*:")
_HTML = re.compile(r"[<>]")

_TAG_HINT = "Schrijf de waarde gewoon uit; mkdocs.yml gebruikt geen YAML-tags."


def check(root: Path) -> list[Problem]:
    """The problems of root/mkdocs.yml; [] when there is none (a knowledge base without a site)."""
    path = root / CONFIG_FILE
    if not path.exists() and not path.is_symlink():
        return []
    try:
        raw = yamlio.read_limited(path, MAX_BYTES)
    except YamlError as e:
        return [at(CONFIG_FILE, e.pos, e.message, e.hint, "config-" + e.code)]
    except OSError as e:
        return [at(CONFIG_FILE, Pos(1, 1), f"kan niet gelezen worden ({e.strerror or e})",
                   "Controleer het bestand en de rechten.", "config-unreadable")]
    return check_text(raw)


def check_text(raw: bytes) -> list[Problem]:
    """The problems of the bytes of a mkdocs.yml."""
    try:
        tagged = _tags(raw.decode("utf-8").lstrip("\ufeff"))
    except (UnicodeDecodeError, yaml.YAMLError):
        tagged = []  # yamlio.load reports it, located
    if tagged:
        return tagged
    try:
        doc = load_yaml(raw)
    except YamlError as e:
        return [at(CONFIG_FILE, e.pos, e.message, e.hint, "config-" + e.code)]
    found = [at(CONFIG_FILE, e.pos, e.message.replace("dit record", "mkdocs.yml"), e.hint, "config-" + e.code)
             for e in doc.problems]
    return found + _Checker(doc).run()


def _tags(text: str) -> list[Problem]:
    """Every explicit tag in the file, each located: they are what makes MkDocs' loader run code."""
    found = []
    for root in yaml.compose_all(text, Loader=yamlio._Loader):
        stack, seen = [root], set()
        while stack:
            node = stack.pop()
            if node is None or id(node) in seen:
                continue
            seen.add(id(node))
            if node.tag not in (yamlio._STR, yamlio._SEQ, yamlio._MAP):
                found.append(_tag_problem(node))
            if isinstance(node, yaml.SequenceNode):
                stack.extend(reversed(node.value))
            elif isinstance(node, yaml.MappingNode):
                for k, v in reversed(node.value):
                    stack.extend((v, k))
    return found


def _tag_problem(node) -> Problem:
    tag = str(node.tag)
    pos = Pos(node.start_mark.line + 1, node.start_mark.column + 1)
    shown = tag.replace("tag:yaml.org,2002:", "!!")
    if "python/" in tag:
        return at(CONFIG_FILE, pos, f"YAML-tag '{shown[:80]}' laat MkDocs Python-code uitvoeren; dat is niet toegestaan",
                  _TAG_HINT, "config-python-tag")
    if tag in ("!ENV", "!relative"):
        return at(CONFIG_FILE, pos, f"YAML-tag '{shown}' zet een omgevingsvariabele of pad van de bouwmachine in de "
                  "site; dat is niet toegestaan", _TAG_HINT, "config-env-tag")
    return at(CONFIG_FILE, pos, f"YAML-tag '{shown[:80]}' is niet toegestaan", _TAG_HINT, "config-tag")


class _Checker:
    def __init__(self, doc: yamlio.Document):
        self.doc, self.found = doc, []

    def problem(self, path: tuple, message: str, hint: str, code: str, key: bool = False) -> None:
        pos = self.doc.key_pos(path) if key else self.doc.pos(path)
        self.found.append(at(CONFIG_FILE, pos, message, hint, code))

    def run(self) -> list[Problem]:
        data = self.doc.data
        for name in data:
            if name not in ALLOWED_SETTINGS:
                self._not_allowed((name,), name)
        theme = data.get("theme")
        if isinstance(theme, dict):
            for name in theme:
                if name not in ALLOWED_THEME:
                    self.problem(("theme", name), f"thema-instelling '{_short(name)}' staat niet op de lijst van "
                                 "toegestane instellingen", _ALLOW_HINT, "config-not-allowed", key=True)
            self._names(("theme", "name"), theme.get("name"), ALLOWED_THEMES, "thema")
            if "font" in theme and theme["font"] != "false":
                self.problem(("theme", "font"), "lettertypen van Google Fonts (theme.font) zijn niet toegestaan",
                             "Laat 'font: false' staan: de site doet geen verzoeken aan derden.", "config-outside")
        elif theme is not None:
            self._names(("theme",), theme, ALLOWED_THEMES, "thema")
        self._list("plugins", ALLOWED_PLUGINS, "plugin")
        self._list("markdown_extensions", ALLOWED_EXTENSIONS, "Markdown-extensie")
        self._list("extra_css", ALLOWED_CSS, "stijlblad", key_of_dict="path")
        self._list("extra_javascript", ALLOWED_JAVASCRIPT, "script", key_of_dict="path")
        self._values((), data)
        return self.found

    def _not_allowed(self, path: tuple, name: str) -> None:
        why = {"hooks": " (hooks voeren Python-code uit)",
               "INHERIT": " (MkDocs leest dat bestand zonder controle)"}.get(name, "")
        self.problem(path, f"instelling '{_short(name)}' staat niet op de lijst van toegestane instellingen{why}",
                     _ALLOW_HINT, "config-hooks" if name == "hooks" else "config-not-allowed", key=True)

    def _names(self, path: tuple, value, allowed, what: str) -> None:
        if isinstance(value, str) and value not in allowed:
            self.problem(path, f"{what} '{_short(value)}' staat niet op de lijst van toegestane {what}s "
                         f"({', '.join(sorted(allowed))})", _ALLOW_HINT, "config-not-allowed")

    def _list(self, name: str, allowed, what: str, key_of_dict: str = "") -> None:
        value = self.doc.data.get(name)
        if value is None:
            return
        if not isinstance(value, list):
            self.problem((name,), f"'{name}' moet een lijst zijn", "Zet elk item op een eigen regel met '- '.",
                         "config-shape")
            return
        for i, item in enumerate(value):
            if isinstance(item, dict):
                if key_of_dict:
                    item_name = item.get(key_of_dict)
                else:
                    item_name = next(iter(item), None) if len(item) == 1 else None
            else:
                item_name = item
            if not isinstance(item_name, str):
                self.problem((name, i), f"onbekende vorm in '{name}'", _ALLOW_HINT, "config-shape")
            elif item_name not in allowed:
                self.problem((name, i), f"{what} '{_short(item_name)}' in '{name}' staat niet op de lijst van "
                             f"toegestane items ({', '.join(sorted(allowed))})", _ALLOW_HINT, "config-not-allowed")

    def _values(self, path: tuple, value) -> None:
        """Addresses outside the site and HTML, in every value and key."""
        if isinstance(value, dict):
            for k, v in value.items():
                self._values(path + (k,), v)
            return
        if isinstance(value, list):
            for i, v in enumerate(value):
                self._values(path + (i,), v)
            return
        if path == ("site_url",):
            problem = settings.address_problem(value) if value.strip() else ""
            if problem:
                self.problem(path, f"site_url is geen geldig webadres ({problem})",
                             settings.ADDRESS_HINT.format(example="https://voorbeeld.github.io/ivrk-kennisbank/"),
                             "config-address")
            return
        if _OUTSIDE.search(value):
            self.problem(path, f"adres buiten de site in '{_dotted(path)}': {_short(value)!r}",
                         "De site laadt niets van andere servers en linkt vanuit de configuratie niet naar buiten.",
                         "config-outside")
        elif _HTML.search(value):
            self.problem(path, f"HTML in '{_dotted(path)}' is niet toegestaan", "Schrijf gewone tekst, zonder < of >.",
                         "config-html")


_ALLOW_HINT = ("Wat mkdocs.yml mag instellen staat in kb/config.py (ALLOWED_…); een uitbreiding daarvan is een "
               "wijziging van de code, die een beheerder beoordeelt.")


def _short(value: str, n: int = 80) -> str:
    return value if len(value) <= n else value[:n] + "…"


def _dotted(path: tuple) -> str:
    return ".".join(str(p) for p in path)
