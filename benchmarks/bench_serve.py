#!/usr/bin/env python3
"""How soon a YAML edit is served by `kb serve` (targets: 1 s at 2,000 records, 2 s at 10,000), against
the full build that `kb serve` starts with, in the same run.

    python benchmarks/bench_serve.py                          # the bundled knowledge base, 2000, 10000
    python benchmarks/bench_serve.py --records 0 2000         # 0 = the bundled knowledge base

For each size, starts `kb serve` on a copy of the bundled knowledge base or on a synthetic one
(benchmarks/generate_kb.py), times its first build (a full `kb build`: the baseline), then edits the title
of a record several times and times, from the moment the file is saved:
- until the record's page served on 127.0.0.1 shows the new title ("visible"; the open page reloads
  itself within a further 0.2 s: it polls /__kb_build);
- until a page that lists the record (an article it serves) shows it too ("neighbours"), and until
  `kb serve` is idle again, with the search index and the open-data files rewritten ("all").
Each edit waits until `kb serve` is idle before the next one. Figures are medians.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(HERE))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8")
    except OSError:
        return ""


def wait(condition, seconds: float, what: str) -> float:
    start = time.perf_counter()
    while not condition():
        if time.perf_counter() - start > seconds:
            raise SystemExit(f"timed out: {what}")
        time.sleep(0.01)
    return time.perf_counter()


def knowledge_base(n: int, work: Path) -> tuple[Path, str, str, str, str]:
    """(root, record file, its page, a page that lists it, the title line to replace)."""
    if n == 0:
        from conftest import copy_bundled_kb

        root = copy_bundled_kb(work / "kb")
        return root, "articles/ivrk-22.yaml", "artikelen/ivrk-22/", "themas/uitbuiting-amv/", "title: Minderjarige vluchtelingen"
    from generate_kb import generate

    root = work / f"kb{n}"
    generate(n, root)
    record = root / "recommendations/recommendation-7.yaml"
    title = next(line for line in record.read_text(encoding="utf-8").splitlines() if line.startswith("title: "))
    article = re.search(r"implements:\n  - id: (ivrk-[0-9]+)", record.read_text(encoding="utf-8")).group(1)
    return root, "recommendations/recommendation-7.yaml", "aanbevelingen/recommendation-7/", f"artikelen/{article}/", title


def measure(n: int, work: Path, edits: int) -> dict:
    root, rel, page_path, neighbour_path, title = knowledge_base(n, work)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    log = open(work / f"serve-{n}.log", "w")
    started = time.perf_counter()
    server = subprocess.Popen([sys.executable, "-m", "kb.cli", "--root", str(root), "serve", "--port", str(port)],
                              stdout=log, stderr=subprocess.STDOUT, env=env)
    record = root / rel
    original = record.read_text(encoding="utf-8")
    idle = lambda: get(base + "__kb_idle") in ("1", "")  # noqa: E731 - "" = a kb serve that does not say
    visible, neighbours, done = [], [], []
    try:
        first_build = wait(lambda: "<html" in get(base + page_path), 3600, "kb serve did not start") - started
        wait(idle, 3600, "kb serve never became idle")
        time.sleep(1)
        for i in range(edits):
            marker = f"Meetpunt {i} {n}"
            record.write_text(original.replace(title, f"title: {marker}"), encoding="utf-8")
            saved = time.perf_counter()
            visible.append(wait(lambda: marker in get(base + page_path), 600, "edit never appeared") - saved)
            neighbours.append(wait(lambda: marker in get(base + neighbour_path), 600, "neighbour never updated") - saved)
            time.sleep(0.3)
            done.append(wait(idle, 3600, "kb serve never became idle") - saved)
            time.sleep(1)
    finally:
        server.terminate()
        server.wait()
        log.close()
    return {"records": n, "first_build_s": first_build, "visible_s": statistics.median(visible),
            "visible_max_s": max(visible), "neighbours_s": statistics.median(neighbours), "all_s": statistics.median(done)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, nargs="+", default=[0, 2000, 10000],
                        help="sizes; 0 is the bundled knowledge base")
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="keep the knowledge bases and the logs of kb serve here")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="kb-serve-"))
    work.mkdir(parents=True, exist_ok=True)
    rows = []
    try:
        for n in args.records:
            row = measure(n, work, args.edits)
            rows.append(row)
            name = "bundled" if n == 0 else f"{n:,}"
            print(f"{name:>8} records: edit visible after {row['visible_s']:.2f} s (median of {args.edits}, max "
                  f"{row['visible_max_s']:.2f}), on a page listing it after {row['neighbours_s']:.2f} s, all "
                  f"(search index, open data) after {row['all_s']:.1f} s; full build {row['first_build_s']:.1f} s; "
                  f"ratio {row['visible_s'] / row['first_build_s']:.3f}", flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print("\n| records | edit visible | on a page listing it | everything | full build |")
    print("|---|---|---|---|---|")
    for r in rows:
        print(f"| {'bundled' if r['records'] == 0 else format(r['records'], ',')} | {r['visible_s']:.2f} s | "
              f"{r['neighbours_s']:.2f} s | {r['all_s']:.1f} s | {r['first_build_s']:.1f} s |")


if __name__ == "__main__":
    main()
