#!/usr/bin/env python3
"""Scale benchmark: `kb validate` and `kb build` at 1,000, 2,000 and 10,000 records, in one run, against
- the peer pipeline: what one would otherwise run on the very tree `kb generate` writes, a plain
  `mkdocs build -f build/mkdocs.yml` plus `pagefind --site` over its output (target: kb build <= 1.0x);
- a bare Material for MkDocs build of the same number of plain pages with the same theme settings
  (for the record: our pages are four to ten times richer, see bench_page.py);
- Zensical, when installed, building the same generated tree (with its site folder inside build/).
Each build is timed --runs times, interleaved, from a cold start (kb build: no build/ folder and no parse
cache, as in CI); figures are medians. Also prints stage times, page sizes, search-index size, peak memory.

    python benchmarks/bench_scale.py                            # 1000 2000 10000
    python benchmarks/bench_scale.py --sizes 2000 --runs 1      # quicker

Other targets (issue #6): largest HTML page under 60 KB at 10,000 records; search index under 4 KB per
record; kb validate of 10,000 records under 1 s.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate_kb import WORDS, generate  # noqa: E402

ROOT = HERE.parent


def run(cmd: list[str], cwd: Path, **env: str) -> tuple[float, int, str]:
    """Wall time, peak RSS (KB) and standard error of a child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env})
    err = proc.stderr.read().decode()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{err}")
    return elapsed, usage.ru_maxrss, err


def stages(stderr: str) -> dict[str, float]:
    """The stage times that `kb build --timings json` prints (stable stage names)."""
    return json.loads(next(l for l in stderr.splitlines() if l.startswith("{")))


def bare_site(n: int, out: Path) -> Path:
    """N plain Markdown pages (a heading and two paragraphs) with the project's mkdocs.yml settings
    and the same shape of navigation (a few index pages, records not listed)."""
    docs = out / "docs"
    docs.mkdir(parents=True)
    for i in range(n):
        folder = docs / f"sectie-{i % 10}"
        folder.mkdir(exist_ok=True)
        words = " ".join(WORDS[(i + k) % len(WORDS)] for k in range(60))
        (folder / f"pagina-{i}.md").write_text(f"# Pagina {i}\n\n{words}.\n\n{words}.\n", encoding="utf-8")
    for s in range(10):
        (docs / f"sectie-{s}" / "index.md").write_text(f"# Sectie {s}\n", encoding="utf-8")
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config.pop("extra_css", None), config.pop("extra_javascript", None)
    config["nav"] = [{"Home": "index.md"}] + [{f"Sectie {s}": f"sectie-{s}/index.md"} for s in range(10)]
    (out / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return out


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def zensical() -> list[str] | None:
    exe = shutil.which("zensical") or str(Path(sys.executable).with_name("zensical"))
    return [exe] if Path(exe).exists() else None


def zensical_config(kb_root: Path) -> Path:
    """build/mkdocs.yml with the site folder inside build/: Zensical refuses one outside its project."""
    config = kb_root / "build/zensical.yml"
    text = (kb_root / "build/mkdocs.yml").read_text(encoding="utf-8")
    config.write_text(text.replace("site_dir: ../site", "site_dir: zensical-site"), encoding="utf-8")
    return config


def measure(n: int, work: Path, runs: int) -> dict:
    kb_root = work / f"kb-{n}"
    generate(n, kb_root)
    kb = [sys.executable, "-m", "kb.cli"]
    # validate in-process (without interpreter start-up): cold = parse cache off, as on a fresh
    # CI machine; warm = a contributor's second run, which re-parses only changed files.
    sys.path.insert(0, str(ROOT))
    from kb.validate import load_kb
    os.environ["KB_NO_CACHE"] = "1"
    validate_s = min(_timed(lambda: load_kb(kb_root)) for _ in range(3))
    os.environ.pop("KB_NO_CACHE")
    load_kb(kb_root)
    validate_warm_s = min(_timed(lambda: load_kb(kb_root)) for _ in range(3))
    validate_cli_s = min(run([*kb, "validate"], kb_root)[0] for _ in range(3))
    # the command's first run on a fresh machine: interpreter start-up, no parse cache yet, cache written
    fresh = []
    for i in range(3):
        fresh.append(run([*kb, "validate"], kb_root, XDG_CACHE_HOME=str(work / f"cache-{n}-{i}"))[0])
    validate_cli_fresh_s = min(fresh)
    bare_root = bare_site(n, work / f"bare-{n}")
    peer_site = work / f"peer-{n}"
    builds, peers, bares, zens, stage_runs, rss = [], [], [], [], [], []
    for i in range(runs):
        # kb build from a cold start, as in CI: no generated tree, no parse cache
        shutil.rmtree(kb_root / "build", ignore_errors=True)
        shutil.rmtree(kb_root / "site", ignore_errors=True)
        build_s, build_rss, err = run([*kb, "build", "--timings", "json"], kb_root,
                                      XDG_CACHE_HOME=str(work / f"build-cache-{n}-{i}"))
        builds.append(build_s), stage_runs.append(stages(err)), rss.append(build_rss)
        # the peer pipeline on the tree kb build just generated
        shutil.rmtree(peer_site, ignore_errors=True)
        mkdocs_s = run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", "build/mkdocs.yml", "-d", str(peer_site)],
                       kb_root)[0]
        pagefind_s = run([sys.executable, "-m", "pagefind", "--site", str(peer_site), "--silent"], kb_root)[0]
        peers.append((mkdocs_s + pagefind_s, mkdocs_s, pagefind_s))
        shutil.rmtree(bare_root / "site", ignore_errors=True)
        bares.append(run([sys.executable, "-m", "mkdocs", "build", "-q"], bare_root))
        if zensical():
            config = zensical_config(kb_root)
            shutil.rmtree(kb_root / "build/zensical-site", ignore_errors=True)
            zens.append(run([*zensical(), "build", "--clean", "-f", str(config)], kb_root)[0])
    build_s = statistics.median(builds)
    peer_s = statistics.median(p[0] for p in peers)
    bare_s = statistics.median(b[0] for b in bares)
    site = kb_root / "site"
    pages = [(p.stat().st_size, p) for p in site.rglob("*.html")]
    largest, largest_path = max(pages)
    pagefind = dir_size(site / "pagefind")
    median_stages = {k: statistics.median(s[k] for s in stage_runs) for k in stage_runs[0]}
    return {
        "records": n, "runs": runs, "validate_s": validate_s, "validate_warm_s": validate_warm_s,
        "validate_cli_s": validate_cli_s, "validate_cli_fresh_s": validate_cli_fresh_s,
        "build_s": build_s, "builds_s": builds, "peer_s": peer_s, "peer_mkdocs_s": statistics.median(p[1] for p in peers),
        "peer_pagefind_s": statistics.median(p[2] for p in peers), "peer_ratio": build_s / peer_s,
        "bare_s": bare_s, "ratio": build_s / bare_s,
        "zensical_s": statistics.median(zens) if zens else None,
        "stages": median_stages, "build_rss_mb": max(rss) / 1024, "bare_rss_mb": max(b[1] for b in bares) / 1024,
        "pages": len(pages), "largest_kb": largest / 1024, "largest_page": largest_path.relative_to(site).as_posix(),
        "median_kb": sorted(s for s, _ in pages)[len(pages) // 2] / 1024,
        "pagefind_kb_per_record": pagefind / 1024 / n,
        "lunr_kb_per_record": (site / "search/search_index.json").stat().st_size / 1024 / n,
    }


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000, 10000])
    parser.add_argument("--runs", type=int, default=3, help="builds of each kind per size (medians)")
    parser.add_argument("--keep", type=Path, help="keep the generated sites here")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="kb-bench-"))
    print(f"{platform.node()}: {os.cpu_count()} cores, {platform.platform()}, Python {platform.python_version()}, "
          f"{time.strftime('%Y-%m-%d %H:%M')}", flush=True)
    rows = []
    try:
        for n in args.sizes:
            row = measure(n, work, args.runs)
            rows.append(row)
            zen = f", Zensical {row['zensical_s']:.1f}s" if row["zensical_s"] is not None else ", Zensical not installed"
            print(f"{n:>6} records: validate {row['validate_s']:.2f}s cold, {row['validate_warm_s']:.2f}s warm "
                  f"(command: first run {row['validate_cli_fresh_s']:.2f}s, warm {row['validate_cli_s']:.2f}s) | "
                  f"kb build {row['build_s']:.1f}s (runs: {', '.join(f'{b:.1f}' for b in row['builds_s'])}) vs peer "
                  f"pipeline {row['peer_s']:.1f}s (MkDocs {row['peer_mkdocs_s']:.1f}s + Pagefind "
                  f"{row['peer_pagefind_s']:.1f}s) = {row['peer_ratio']:.2f}x | vs bare {row['bare_s']:.1f}s = "
                  f"{row['ratio']:.2f}x{zen} | peak {row['build_rss_mb']:.0f} MB (bare {row['bare_rss_mb']:.0f} MB) | "
                  f"largest page {row['largest_kb']:.1f} KB ({row['largest_page']}), median {row['median_kb']:.1f} KB | "
                  f"search {row['pagefind_kb_per_record']:.2f} KB/record (Pagefind), "
                  f"lunr {row['lunr_kb_per_record']:.2f} KB/record", flush=True)
            print("        stages: " + ", ".join(f"{k} {v:.1f}s ({v / row['peer_s']:.2f}x peer)"
                                               for k, v in row["stages"].items() if k != "total"), flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print("\n| records | validate cold / warm | `kb validate` first / warm | kb build | peer pipeline | ratio "
          "| bare build | ratio | Zensical | largest page | search index | peak memory |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        zen = f"{r['zensical_s']:.1f} s" if r["zensical_s"] is not None else "–"
        print(f"| {r['records']:,} | {r['validate_s']:.2f} s / {r['validate_warm_s']:.2f} s | "
              f"{r['validate_cli_fresh_s']:.2f} s / {r['validate_cli_s']:.2f} s | {r['build_s']:.1f} s | "
              f"{r['peer_s']:.1f} s | {r['peer_ratio']:.2f}× | {r['bare_s']:.1f} s | {r['ratio']:.2f}× | {zen} | "
              f"{r['largest_kb']:.1f} KB | {r['pagefind_kb_per_record']:.2f} KB/record | {r['build_rss_mb']:.0f} MB |")


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_NOFILE, (4096, 4096)) if hasattr(resource, "RLIMIT_NOFILE") else None
    main()
