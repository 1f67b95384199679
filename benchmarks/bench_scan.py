#!/usr/bin/env python3
"""How `kb scan` grows with its input, hostile shapes included, as ratios in one run.

    python benchmarks/bench_scan.py [--size KB] [--runs N]

For each shape of text (an ordinary legal text with references, "art. 1" followed by long runs of
spaces, one reference per line, a number of thousands of digits after "art.", long runs of
punctuation) it times the scanner (kb.scan.scan, the same code as `kb scan` and, ported, the
browser's "Verwijzingen herkennen") at n, 2n and 4n kilobytes and prints the time per size and the
ratio to the time at n. A linear scanner shows ratios near 2 and 4; before issue 19 the spaces and
the lines shapes were quadratic (54 s for 20 KB of spaces). The baseline is the same scan at n in the
same run, so the figures compare on any machine. Medians of --runs.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kb import scan  # noqa: E402
from kb.graph import build_graph  # noqa: E402
from kb.validate import load_kb  # noqa: E402

ORDINARY = ("Volgens artikel 3 lid 1 IVRK en art. 22 van het Verdrag, gelezen met General Comment nr. 6 "
            "(CRC/GC/2005/6), par. 39-40, en art. 59 Vw 2000, ECLI:NL:RVS:2022:2101, EHRM nr. 39472/07 en "
            "HvJ EU C-233/18, vraagt de advocaat opvang die past bij de leeftijd van het kind.\n")


def shapes(kb_bytes: int) -> dict[str, str]:
    n = kb_bytes * 1024
    return {
        "gewone tekst": (ORDINARY * (n // len(ORDINARY) + 1))[:n],
        "art. 1 + spaties": "art. 1" + " " * (n - 6),
        "art. 1 per regel": ("art. 1\n" * (n // 7 + 1))[:n],
        "lang getal na art.": ("art. " + "9" * 5000 + " ") * (n // 5006 + 1),
        "leestekens": ("art., lid, " * (n // 11 + 1))[:n],
    }


def timed(text: str, data: dict, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        scan.scan(text, data)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100, help="n in kilobytes (default 100)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    data = scan.targets(build_graph(load_kb(ROOT)))
    print(f"kb scan, n = {args.size} KB, median of {args.runs} runs")
    print(f"{'vorm':<22}{'n (s)':>9}{'2n (s)':>9}{'4n (s)':>9}{'2n/n':>7}{'4n/n':>7}")
    worst = 0.0
    for name in shapes(1):
        t = [timed(shapes(args.size * k)[name], data, args.runs) for k in (1, 2, 4)]
        base = max(t[0], 1e-6)
        worst = max(worst, t[2] / base)
        print(f"{name:<22}{t[0]:>9.3f}{t[1]:>9.3f}{t[2]:>9.3f}{t[1] / base:>7.1f}{t[2] / base:>7.1f}")
    print(f"grootste verhouding bij 4n: {worst:.1f} (lineair: ongeveer 4; kwadratisch: ongeveer 16)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
