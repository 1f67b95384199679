"""Reading one YAML record file into plain data plus the position of every value.

PyYAML's C parser composes the node tree; we build the Python values ourselves so that
- every key and value keeps its `line:col` (for located error messages),
- duplicate keys are reported instead of silently overwritten,
- no implicit YAML 1.1 typing happens: every plain scalar stays a string (`no`, `1.10`,
  `2025-08-25` arrive exactly as written) and the model's field kinds decide what it is,
- anchors, aliases, merge keys and explicit tags are refused (an alias bomb is never expanded),
- control characters (C0 but tab and newline, DEL, C1), line and paragraph separators, bidirectional
  overrides and lone surrogates are refused in every key and value, wherever they came from (a raw
  byte or an escape such as "\\r" or "\\e" in a double-quoted string),
- a plain `null`, `Null`, `NULL` or `~` is refused: YAML means "nothing" by it, we would read the text
  (and publish "null"). It then counts as empty. A quoted "null" is the text null and is accepted.

Files are read with `read_limited`: never through a symbolic link, never a device or FIFO, never more
than MAX_BYTES + 1 bytes.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import yaml

try:  # the C parser is much faster; fall back to the pure-Python one where libyaml is missing
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _BaseLoader

MAX_BYTES = 1_000_000  # one record is a few KB; anything this big is a mistake
MAX_DEPTH = 20

# Characters no key or value may contain. Tab and newline are allowed here; one-line fields refuse
# them in records.py. CR never reaches a value from a line break (YAML turns those into newlines),
# only from an escape, so it is refused with the rest. U+2028/U+2029 break lines in JavaScript and
# editors; U+202A-U+202E and U+2066-U+2069 reorder what a reader sees ("Trojan source"); lone
# surrogates cannot be written as UTF-8.
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_CHAR_NAMES = {
    "\x00": "nulteken", "\r": "regelterugloop (CR)", "\x1b": "escape (ESC)", "\x0b": "verticale tab",
    "\x0c": "nieuwe pagina (FF)", "\x7f": "delete (DEL)", "\x85": "volgende regel (NEL)", "\x9b": "CSI",
    "\u2028": "regelscheiding", "\u2029": "alineascheiding", "\u202e": "tekstrichting omkeren (RLO)",
    "\u202d": "tekstrichting forceren (LRO)",
}
# A plain scalar YAML reads as "no value"; we read every plain scalar as text and so refuse these.
NULL_LIKE = frozenset({"null", "Null", "NULL", "~"})


def describe_char(ch: str) -> str:
    """A character by code point and Dutch name, e.g. 'U+001B (escape (ESC))'; never the character."""
    name = _CHAR_NAMES.get(ch)
    if name is None:
        code = ord(ch)
        name = ("tekstrichtingsteken" if 0x202A <= code <= 0x2069 else
                "losse surrogaat" if 0xD800 <= code <= 0xDFFF else "besturingsteken")
    return f"U+{ord(ch):04X} ({name})"


class _Loader(_BaseLoader):
    """A loader without implicit resolvers: plain scalars are strings, nothing else."""

    _DEFAULT = {yaml.ScalarNode: "tag:yaml.org,2002:str", yaml.SequenceNode: "tag:yaml.org,2002:seq",
                yaml.MappingNode: "tag:yaml.org,2002:map"}

    def resolve(self, kind, value, implicit):
        # Called only for untagged nodes; with no implicit resolvers the answer is the default
        # tag of the node kind (the inherited method spends a third of the parse time finding that).
        return self._DEFAULT[kind]


_Loader.yaml_implicit_resolvers = {}

_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"

# Key path inside a document, e.g. ("implements", 0, "id"); () is the document itself.
KeyPath = tuple


class Pos(NamedTuple):
    line: int  # 1-based
    col: int  # 1-based


class YamlError(Exception):
    """A problem that stops reading this file; carries its position and a Dutch hint."""

    def __init__(self, message: str, pos: Pos, hint: str = "", code: str = "yaml-syntax"):
        super().__init__(message)
        self.message, self.pos, self.hint, self.code = message, pos, hint, code


@dataclass
class Document:
    """The values of one file, and its node tree for positions.

    Positions are looked up only when a problem is reported, by walking the node tree along
    the key path; recording them for every value made loading three times slower.
    """

    data: object
    text: str
    problems: list  # YamlErrors that did not stop reading (duplicate keys)
    _root: yaml.Node | None = None

    @property
    def root(self) -> yaml.Node:
        # Node trees are not kept after loading (10,000 of them slow the garbage collector down
        # more than everything else together); a file with a problem is composed again.
        if self._root is None:
            self._root = yaml.compose(self.text, Loader=_Loader)
        return self._root

    def _walk(self, path: KeyPath):
        """(key node or None, value node) of the deepest part of `path` that exists."""
        key, node = None, self.root
        for part in path:
            if isinstance(node, yaml.MappingNode) and isinstance(part, str):
                found = next(((k, v) for k, v in node.value if k.value == part), None)
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
                found = (None, node.value[part])
            else:
                found = None
            if found is None:
                break
            key, node = found
        return key, node

    def pos(self, path: KeyPath) -> Pos:
        """Position of the value at `path`, or of the nearest enclosing value."""
        return _pos(self._walk(tuple(path))[1].start_mark)

    def key_pos(self, path: KeyPath) -> Pos:
        """Position of the key of the value at `path` (of the value itself in a list)."""
        key, node = self._walk(tuple(path))
        return _pos((key or node).start_mark)


def _pos(mark) -> Pos:
    return Pos(mark.line + 1, mark.column + 1)


def read_limited(path: Path, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file, refusing what must not be read.

    A symbolic link is not followed (it could publish a file from outside the repository), a device
    or FIFO is not opened for reading (/dev/zero never ends, a FIFO blocks), and at most limit + 1
    bytes are read, so a file that grows while we read cannot exhaust memory. Raises YamlError for
    those (code symlink, not-a-file, too-large); OSError for everything else."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    if os.path.islink(path):  # also where O_NOFOLLOW does not exist
        raise _symlink_error()
    try:
        fd = os.open(path, flags)
    except OSError as e:
        if e.errno == errno.ELOOP:
            raise _symlink_error() from None
        raise
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise YamlError("dit is geen gewoon bestand (maar een map, apparaat of pijp); het wordt niet gelezen",
                            Pos(1, 1), "Een record is een gewoon tekstbestand.", "not-a-file")
        if info.st_size > limit:
            raise too_large(info.st_size, limit)
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    finally:
        os.close(fd)
    raw = b"".join(chunks)
    if len(raw) > limit:  # it grew after fstat
        raise too_large(len(raw), limit, at_least=True)
    return raw


def _symlink_error() -> YamlError:
    return YamlError("dit is een symbolische link; die wordt niet gevolgd", Pos(1, 1),
                     "Zet het record zelf in de map, niet een link naar een bestand elders.", "symlink")


def too_large(size: int, limit: int = MAX_BYTES, at_least: bool = False) -> YamlError:
    size_text = f"meer dan {limit:,}" if at_least else f"{size:,}"
    return YamlError(f"bestand is te groot ({size_text} bytes; maximaal {limit:,})".replace(",", "."),
                     Pos(1, 1), "Eén record hoort maar een paar kilobyte te zijn. Splits het op.", "too-large")


def _position(text: str, offset: int) -> Pos:
    """Line and column of a byte offset into the UTF-8 form of text (libyaml's reader reports those)."""
    index = len(text.encode("utf-8")[:offset].decode("utf-8", "ignore"))
    line = text.count("\n", 0, index) + 1
    return Pos(line, index - (text.rfind("\n", 0, index) + 1) + 1)


def load(raw: bytes) -> Document:
    """Parse bytes of one record file. Raises YamlError with a located Dutch message."""
    if len(raw) > MAX_BYTES:
        raise too_large(len(raw))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        col = e.start - (raw.rfind(b"\n", 0, e.start) + 1) + 1
        utf16 = raw[:2] in (b"\xff\xfe", b"\xfe\xff")
        raise YamlError("bestand is geen geldige UTF-8-tekst" + (" (het is UTF-16)" if utf16 else ""), Pos(line, col),
                        "Sla het bestand op als UTF-8 (in VS Code: rechtsonder 'UTF-8').", "encoding") from None
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        nodes = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        problem = e.problem or e.context or "ongeldige YAML"
        if "nesting depth" in problem:  # libyaml's own limit, far beyond ours
            raise YamlError(f"te diep genest (meer dan {MAX_DEPTH} niveaus)", _pos(mark) if mark else Pos(1, 1),
                            "Records zijn plat: velden, lijsten en koppelingen met een paar kenmerken.", "too-deep") from None
        message, hint, at_start = _dutch(problem, e.context or "")
        if at_start and e.context_mark is not None:  # where the unclosed quote or bracket opened, not the file's end
            mark = e.context_mark
        raise YamlError(f"YAML-syntaxfout: {message}", _pos(mark) if mark else Pos(1, 1), hint) from None
    except yaml.reader.ReaderError as e:  # a character YAML does not allow in a file (control characters)
        char = e.character if isinstance(e.character, str) else chr(e.character)
        raise YamlError(f"YAML kan niet gelezen worden: teken {describe_char(char)} is niet toegestaan",
                        _position(text, e.position), "Verwijder onzichtbare of besturingstekens.") from None
    except yaml.YAMLError as e:  # pragma: no cover - other errors without a position
        raise YamlError("YAML kan niet gelezen worden", Pos(1, 1), "Verwijder onzichtbare of besturingstekens.") from None
    if len(nodes) > 1:
        raise YamlError("bestand bevat meer dan één YAML-document ('---')", _pos(nodes[1].start_mark),
                        "Zet precies één record in elk bestand.", "multiple-documents")
    if not nodes or nodes[0] is None:
        raise YamlError("bestand is leeg", Pos(1, 1), "Begin met 'title: …'. Zie `kb new` voor een voorbeeld.", "empty")
    root = nodes[0]
    if not isinstance(root, yaml.MappingNode):
        what = "een lijst" if isinstance(root, yaml.SequenceNode) else "een losse waarde"
        raise YamlError(f"het bestand is {what}, geen verzameling velden", _pos(root.start_mark),
                        "Een record bestaat uit regels 'veld: waarde' op het hoogste niveau.", "not-a-mapping")
    problems: list = []
    # Forbidden characters reach a value only as themselves or through a backslash escape: when the
    # text has neither, no value needs looking at (parsing 10,000 records stays as fast as it was).
    check = "\\" in text or FORBIDDEN.search(text) is not None
    data = _build(root, set(), 0, problems, check)
    return Document(data, text, problems)


_SYNTAX_HINT = "Controleer inspringing (spaties, geen tabs), dubbele punten en aanhalingstekens."
# libyaml's English, in Dutch: (start of its problem, start of its context or "") -> (message, hint, whether the
# position is where the context opened, e.g. the quote that is never closed)
_DUTCH = [
    ("found unexpected end of stream", "while scanning a quoted scalar",
     "dit aanhalingsteken wordt nergens gesloten",
     "Sluit de tekst af met hetzelfde aanhalingsteken (\" of ') op dezelfde regel, of laat de aanhalingstekens weg.", True),
    ("found unexpected end of stream", "", "het bestand houdt midden in een waarde op", _SYNTAX_HINT, True),
    ("did not find expected ',' or ']'", "", "lijst tussen [ en ] wordt niet gesloten (of er ontbreekt een komma)",
     "Sluit de lijst met ] op dezelfde regel, of zet elk item op een eigen regel met '- '.", True),
    ("did not find expected ',' or '}'", "", "verzameling tussen { en } wordt niet gesloten (of er ontbreekt een komma)",
     "Sluit met } of schrijf de velden op eigen regels.", True),
    ("mapping values are not allowed", "", "onverwachte dubbele punt: een tekst met ': ' erin moet tussen "
     "aanhalingstekens", "Schrijf bijvoorbeeld: title: \"Artikel 22: bescherming\".", False),
    ("found unknown escape character", "", "onbekende escape (\\…) tussen dubbele aanhalingstekens",
     "Gebruik enkele aanhalingstekens ('…') of schrijf de backslash dubbel (\\\\).", False),
    ("found character that cannot start any token", "", "dit teken kan hier geen waarde beginnen (een tab, @ of `)",
     "Spring in met spaties, niet met tabs; zet tekst die met @ of ` begint tussen aanhalingstekens.", False),
    ("found undefined alias", "", "'*' aan het begin van een waarde verwijst naar een anker (niet toegestaan)",
     "Zet tekst die met * begint tussen aanhalingstekens.", False),
    ("did not find expected key", "", "de inspringing klopt niet (of er staat een '- ' waar een veld hoort)",
     _SYNTAX_HINT, False),
    ("did not find expected <document start>", "", "de inspringing klopt niet", _SYNTAX_HINT, False),
    ("expected <block end>", "", "de inspringing klopt niet", _SYNTAX_HINT, False),
    ("could not find expected ':'", "", "er ontbreekt een dubbele punt na de veldnaam", _SYNTAX_HINT, True),
    ("did not find expected '-' indicator", "", "de inspringing van de lijst klopt niet", _SYNTAX_HINT, False),
    ("found a tab character", "", "een tab waar een spatie hoort", "Spring in met spaties, niet met tabs.", False),
]


def _dutch(problem: str, context: str) -> tuple[str, str, bool]:
    for start, ctx, message, hint, at_start in _DUTCH:
        if problem.startswith(start) and context.startswith(ctx):
            return message, hint, at_start
    return f"de structuur klopt hier niet (libyaml: {problem})", _SYNTAX_HINT, False


def _build(node, seen, depth, problems, check=True):
    if id(node) in seen:
        raise YamlError("ankers en aliassen (& en *) zijn niet toegestaan", _pos(node.start_mark),
                        "Schrijf de waarde gewoon uit.", "alias")
    seen.add(id(node))
    if depth > MAX_DEPTH:
        raise YamlError(f"te diep genest (meer dan {MAX_DEPTH} niveaus)", _pos(node.start_mark),
                        "Records zijn plat: velden, lijsten en koppelingen met een paar kenmerken.", "too-deep")
    if node.tag not in (_STR, _SEQ, _MAP):
        raise YamlError(f"YAML-tag '{node.tag}' is niet toegestaan", _pos(node.start_mark),
                        "Laat tags als !!int of !!python weg; het model bepaalt het type.", "tag")
    if node.tag == _STR:
        value = node.value
        if check and FORBIDDEN.search(value):
            problems.append(_forbidden(value, node, "waarde"))
            value = FORBIDDEN.sub("\ufffd", value)
        elif value in NULL_LIKE and not node.style:
            problems.append(YamlError(
                f"'{value}' zonder aanhalingstekens betekent in YAML 'geen waarde'", _pos(node.start_mark),
                f"Laat de waarde leeg of verwijder de regel; bedoel je de tekst {value}, schrijf dan \"{value}\".",
                "null-value"))
            return ""  # counts as absent, as YAML means it: no second message about its type
        return value
    if node.tag == _SEQ:
        return [_build(item, seen, depth + 1, problems, check) for item in node.value]
    result: dict = {}
    key_nodes: dict = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR:
            raise YamlError("een veldnaam moet een gewoon woord zijn", _pos(key_node.start_mark),
                            "Gebruik 'veld: waarde'.", "bad-key")
        key = key_node.value
        if check and FORBIDDEN.search(key):
            problems.append(_forbidden(key, key_node, "veldnaam"))
            key = FORBIDDEN.sub("\ufffd", key)
        if key in result:
            first = _pos(key_nodes[key].start_mark)
            problems.append(YamlError(
                f"veld '{key}' staat twee keer in dit record (eerst op regel {first.line})",
                _pos(key_node.start_mark), "Voeg de waarden samen in één veld en verwijder het andere.",
                "duplicate-key"))
            continue
        key_nodes[key] = key_node
        result[key] = _build(value_node, seen, depth + 1, problems, check)
    return result


def _forbidden(value: str, node, what: str) -> YamlError:
    found = sorted(set(FORBIDDEN.findall(value)))
    chars = ", ".join(describe_char(c) for c in found[:3]) + (" en meer" if len(found) > 3 else "")
    return YamlError(f"{what} bevat een niet toegestaan teken: {chars}", _pos(node.start_mark),
                     "Verwijder besturingstekens, tekstrichtingstekens en escapes als \\r, \\e of \\u202e; "
                     "gebruik in tekstvelden een gewone nieuwe regel.", "control-char")
