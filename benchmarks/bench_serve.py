#!/usr/bin/env python3
"""How soon one YAML edit on the real knowledge base is served by `kb serve` (target: < 1 s),
against a full `kb build` of the same knowledge base in the same run.

    python benchmarks/bench_serve.py

Starts `kb serve` on a copy of the bundled knowledge base, edits a title in
articles/ivrk-22.yaml, and times until the page served on 127.0.0.1 shows it (the open page
itself reloads within a further 0.2 s: it polls /__kb_build).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=2) as r:
            return r.read().decode("utf-8")
    except OSError:
        return ""


def main() -> None:
    from conftest import copy_bundled_kb

    work = Path(tempfile.mkdtemp(prefix="kb-serve-"))
    root = copy_bundled_kb(work / "kb")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "kb.cli", "--root", str(root), "build"], check=True,
                   stdout=subprocess.DEVNULL, env=env)
    full_build = time.perf_counter() - start

    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "kb.cli", "--root", str(root), "serve", "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    page = f"http://127.0.0.1:{port}/artikelen/ivrk-22/"
    try:
        deadline = time.time() + 120
        while "Artikel 22" not in get(page):
            if time.time() > deadline:
                raise SystemExit("kb serve did not start")
            time.sleep(0.1)
        record = root / "articles/ivrk-22.yaml"
        original = record.read_text(encoding="utf-8")
        times = []
        for i in range(5):
            marker = f"Meetpunt {i}"
            record.write_text(original.replace("title: Minderjarige vluchtelingen", f"title: {marker}"), encoding="utf-8")
            edited = time.perf_counter()
            while marker not in get(page):
                if time.perf_counter() - edited > 30:
                    raise SystemExit("edit never appeared")
                time.sleep(0.02)
            times.append(time.perf_counter() - edited)
            time.sleep(0.5)
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(work, ignore_errors=True)
    times.sort()
    print(f"edit visible after {times[len(times) // 2]:.2f} s (median of {len(times)}; "
          f"min {times[0]:.2f}, max {times[-1]:.2f}); full kb build {full_build:.2f} s; "
          f"ratio {times[len(times) // 2] / full_build:.2f}")


if __name__ == "__main__":
    main()
