"""Internal links of the built site: every relative href/src must reach a file. Run on every
build, before the new site replaces the old one; MkDocs checks only Markdown links, and most
of our links are HTML."""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import unquote

_ATTR = re.compile(rb'(?:href|src)="([^"#?]*)[^"]*"')
_EXTERNAL = re.compile(rb"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)")


def broken_links(site: Path, limit: int = 50) -> list[tuple[str, str]]:
    """(page, link) pairs that point nowhere, at most `limit`."""
    site = site.resolve()
    files = set()
    for dirpath, _, names in os.walk(site):
        rel = os.path.relpath(dirpath, site)
        base = "" if rel == "." else rel.replace(os.sep, "/") + "/"
        files.update(base + n for n in names)
    broken: list[tuple[str, str]] = []
    seen: dict[tuple[str, bytes], bool] = {}  # (folder, link) -> reachable; most links repeat
    for page in sorted(f for f in files if f.endswith(".html")):
        here = page.rpartition("/")[0]
        for raw in set(_ATTR.findall((site / page).read_bytes())):
            if not raw or _EXTERNAL.match(raw):
                continue
            written, folder = raw, here
            while raw.startswith(b"../") and folder:  # climb first, so siblings share the entry
                raw, folder = raw[3:], folder.rpartition("/")[0]
            ok = seen.get((folder, raw))
            if ok is None:
                ok = seen[folder, raw] = _reachable(folder, raw, files)
            if not ok:
                broken.append((page, unquote(written.decode("utf-8", "replace"))))
                if len(broken) >= limit:
                    return broken
    return broken


def _reachable(folder: str, raw: bytes, files: set[str]) -> bool:
    link = unquote(raw.decode("utf-8", "replace"))
    joined = link.lstrip("/") if link.startswith("/") else os.path.join(folder, link)
    target = os.path.normpath(joined or ".").replace(os.sep, "/")
    if target.startswith(".."):
        return False
    return target in files or f"{target}/index.html" in files or target == "."
