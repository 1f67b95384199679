"""Internal links of the built site: every relative href/src must reach a file. Run on every
build, before the new site replaces the old one; MkDocs checks only Markdown links, and most
of our links are HTML.

With a `site_url` (e.g. https://example.org/ivrk-kennisbank/) the site lives under a path on its
server: a link from the server root (`/ivrk-kennisbank/assets/…`, as on Material's 404 page) and
a full URL of the site (a page's canonical link) are checked as links into the site; a link
from the server root outside that path leads out of the site and is reported.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

_ATTR = re.compile(rb'(?:href|src)="([^"#?]*)[^"]*"')
_EXTERNAL = re.compile(rb"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)")


def broken_links(site: Path, limit: int = 50, site_url: str = "") -> list[tuple[str, str]]:
    """(page, link) pairs that point nowhere, at most `limit`. `site_url` is where the site is
    published ("" when unknown: then a link from the server root is read from the site's root)."""
    site = site.resolve()
    files = set()
    for dirpath, _, names in os.walk(site):
        rel = os.path.relpath(dirpath, site)
        base = "" if rel == "." else rel.replace(os.sep, "/") + "/"
        files.update(base + n for n in names)
    prefix = site_url.encode("utf-8") if site_url else b""
    if prefix and not prefix.endswith(b"/"):
        prefix += b"/"
    path = urlsplit(site_url).path.encode("utf-8") if site_url else b"/"
    if not path.endswith(b"/"):
        path += b"/"
    broken: list[tuple[str, str]] = []
    seen: dict[tuple[str, bytes], bool] = {}  # (folder, link) -> reachable; most links repeat
    for page in sorted(f for f in files if f.endswith(".html")):
        here = page.rpartition("/")[0]
        for raw in set(_ATTR.findall((site / page).read_bytes())):
            written, folder = raw, here
            if prefix and raw.startswith(prefix):  # a full URL of a page of this site
                raw, folder = raw[len(prefix):], ""
            elif not raw or _EXTERNAL.match(raw):
                continue
            elif raw.startswith(b"/"):  # from the server root: must stay under the site's path
                if not raw.startswith(path):
                    broken.append((page, unquote(written.decode("utf-8", "replace"))))
                    if len(broken) >= limit:
                        return broken
                    continue
                raw, folder = raw[len(path):], ""
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
