"""`kb serve`'s MkDocs kept in memory: a page rendered into the live site in milliseconds.

It uses two private functions of MkDocs (`mkdocs.commands.build._populate_page` and `_build_page`), which
MkDocs may change in any release. pyproject.toml pins MkDocs to the minor version they were tested with
(TESTED_MKDOCS); `private_api()` checks them and says in Dutch what to do when they changed, and
tests/test_live_mkdocs.py fails with the same message.
"""

from __future__ import annotations

import contextlib
import inspect
import logging
import os
from pathlib import Path

from .errors import KbError
from .settings import BUILD_DIR, source_date

TESTED_MKDOCS = "1.6"  # the minor version _populate_page and _build_page were tested with (pyproject.toml pins it)
# The parameters kb serve passes, by name, in order.
PRIVATE_API = {
    "_populate_page": ("page", "config", "files"),
    "_build_page": ("page", "config", "doc_files", "nav", "env"),
}


def private_api():
    """MkDocs' _populate_page and _build_page, after checking that they still take what kb serve passes.
    Raises KbError when MkDocs changed them."""
    import mkdocs
    from mkdocs.commands import build

    found = []
    for name, params in PRIVATE_API.items():
        fn = getattr(build, name, None)
        try:
            have = tuple(inspect.signature(fn).parameters)[:len(params)] if fn is not None else ()
        except (TypeError, ValueError):
            have = ()
        if have != params:
            raise KbError(f"kb serve werkt niet met MkDocs {mkdocs.__version__}: mkdocs.commands.build.{name} "
                          f"{'bestaat niet meer' if fn is None else 'neemt nu ' + repr(have)} (getest met MkDocs "
                          f"{TESTED_MKDOCS}: {params}).",
                          f"Installeer MkDocs {TESTED_MKDOCS} (pip install -e .), of pas kb/live_mkdocs.py aan de "
                          "nieuwe MkDocs aan en verhoog TESTED_MKDOCS en de pin in pyproject.toml.")
        found.append(fn)
    return tuple(found)


class LiveMkDocs:
    """MkDocs' configuration, list of files and navigation kept in memory for `kb serve`, so that a page is
    rendered into the live site in milliseconds: a whole MkDocs run, even a dirty one, lists and reads every
    page first (seconds at 10,000 records). A page comes out as `kb build` writes it (tests/test_serve.py
    compares them); the sitemap and Material's lunr index (which the search box does not use) stay as the
    last full build wrote them."""

    def __init__(self, root: Path, site_dir: Path):
        from mkdocs.config import load_config

        self._populate_page, self._build_page = private_api()  # KbError when MkDocs changed them

        os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
        os.environ.setdefault("SOURCE_DATE_EPOCH", source_date(root))
        logging.getLogger("mkdocs").setLevel(logging.ERROR)
        config = load_config(str(root / BUILD_DIR / "mkdocs.yml"), site_dir=str(site_dir), strict=False)
        config.plugins.on_startup(command="build", dirty=False)
        self.config = config.plugins.on_config(config)
        self.config.plugins.on_pre_build(config=self.config)
        self._collect()

    def _collect(self) -> None:
        """MkDocs' files and navigation as a build makes them; the pages of the navigation are read, as a
        build reads every page before it writes one."""
        from mkdocs.structure.files import get_files, set_exclusions
        from mkdocs.structure.nav import get_navigation

        config = self.config
        files = get_files(config)
        env = config.theme.get_env()
        files.add_files_from_theme(env, config)
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        nav = get_navigation(files, config)
        self.nav = config.plugins.on_nav(nav, config=config, files=files)
        self.env = config.plugins.on_env(env, config=config, files=files)
        self.files = files
        self.pages = files.documentation_pages()
        self.in_nav = {page.file.src_uri for page in self.nav.pages}
        for page in self.nav.pages:
            self._populate_page(page, config, files)

    def update(self, written, removed=()) -> list[str]:
        """Render the given Markdown files of build/docs into the site and copy its other given files there;
        take removed ones out of it. Returns the site paths changed (e.g. "aanbevelingen/x/index.html")."""
        from mkdocs.structure.pages import Page

        changed = []
        for rel in removed:
            f = self.files.get_file_from_path(rel)
            if f is not None:
                dest = Path(f.abs_dest_path)
                dest.unlink(missing_ok=True)
                if f.is_documentation_page():
                    with contextlib.suppress(OSError):
                        dest.parent.rmdir()  # the page's own folder, when nothing else is in it
                changed.append(f.dest_uri)
        if removed or any(self.files.get_file_from_path(rel) is None for rel in written):
            self._collect()  # a file added or removed: MkDocs lists them again
        for rel in written:
            f = self.files.get_file_from_path(rel)
            if f is None:
                continue
            if f.is_documentation_page():
                page = f.page if f.page is not None else Page(None, f, self.config)
                self._populate_page(page, self.config, self.files)
                self._build_page(page, self.config, self.pages, self.nav, self.env)
                if f.src_uri not in self.in_nav:
                    f.page = None  # not kept: a long session would otherwise hold every page rendered
            else:
                f.copy_file()
            changed.append(f.dest_uri)
        return changed
