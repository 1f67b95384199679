#!/usr/bin/env python3
"""Where MkDocs spends its time on one of our pages, against a plain page, in one run.

    python benchmarks/bench_page.py

Generates a synthetic knowledge base of 1,000 records, then times MkDocs' own Markdown step
(`Page.render`: Python-Markdown plus MkDocs' tree processors) on the median page of each record
type and on a plain page like those of the bare build in bench_scale.py. It also times the part of
that step that is spent in the pure-Python HTML parser: Python-Markdown's raw-HTML stash and MkDocs'
anchor collector each run it over the whole page. The theme's template costs about the same for every
page (bench_scale.py's bare build includes it), so this is the per-page cost that our pages add.
"""

from __future__ import annotations

import logging
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
from generate_kb import WORDS, generate  # noqa: E402

REPEAT = 200


def _best(fn, repeat: int = REPEAT) -> float:
    """Best of three runs of `repeat` calls, in ms per call."""
    runs = []
    for _ in range(3):
        start = time.perf_counter()
        for _ in range(repeat):
            fn()
        runs.append((time.perf_counter() - start) / repeat * 1000)
    return min(runs)


def main() -> None:
    from markdown.htmlparser import htmlparser
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files
    from mkdocs.structure.pages import Page
    from mkdocs.utils import meta

    from kb import model
    from kb.site import generate as kb_generate

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    work = Path(tempfile.mkdtemp(prefix="kb-bench-page-"))
    generate(1000, work)
    kb_generate(work)
    docs = work / "build/docs"
    words = " ".join(WORDS[k % len(WORDS)] for k in range(60))
    (docs / "plain.md").write_text(f"# Pagina 1\n\n{words}.\n\n{words}.\n", encoding="utf-8")

    config = load_config(str(work / "build/mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)
    config = config.plugins.on_config(config)
    files = get_files(config)

    def markdown_ms(rel: str) -> float:
        page = Page(None, files.get_file_from_path(rel), config)
        body, data = meta.get_data((docs / rel).read_text(encoding="utf-8"))

        def render():
            page.markdown, page.meta = body, data
            page.render(config, files)
        return _best(render)

    def html_parse_ms(rel: str) -> float:
        text = (docs / rel).read_text(encoding="utf-8")

        def parse_twice():
            for _ in range(2):
                parser = htmlparser.HTMLParser()
                parser.feed(text)
                parser.close()
        return _best(parse_twice)

    plain = markdown_ms("plain.md")
    print(f"{'page':<32} {'KB':>5} {'Markdown ms':>12} {'x plain':>8} {'HTML parsing ms':>16}")
    print(f"{'plain page (bare build)':<32} {(docs / 'plain.md').stat().st_size / 1024:>5.1f} {plain:>12.2f} "
          f"{1:>8.1f} {html_parse_ms('plain.md'):>16.2f}")
    for t in model.RECORD_TYPES.values():
        pages = sorted((p.stat().st_size, p) for p in (docs / t.slug).glob("*.md") if p.name != "index.md")
        if not pages:
            continue
        size, median = pages[len(pages) // 2]
        rel = median.relative_to(docs).as_posix()
        ms = markdown_ms(rel)
        print(f"{t.plural + ' (median)':<32} {size / 1024:>5.1f} {ms:>12.2f} {ms / plain:>8.1f} "
              f"{html_parse_ms(rel):>16.2f}")
    print(f"\nEach figure is the best of 3 × {REPEAT} runs; HTML parsing is the two passes over the whole page.")


if __name__ == "__main__":
    main()
