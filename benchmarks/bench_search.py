#!/usr/bin/env python3
"""What a reader feels: header search and wegwijzer answer times in Chromium, at N synthetic records.

    python benchmarks/bench_search.py --records 2000 10000

For each size: generate a knowledge base (benchmarks/generate_kb.py), `kb build` it, serve the site
on 127.0.0.1, and in Debian's Chromium (Playwright) measure
- search, first query of a fresh page: from the last keystroke to the first result in
  [data-kb-search-results], and the bytes transferred for it;
- search, warm: the median over the query list, same page, box cleared between queries;
- wegwijzer: from the page's DOMContentLoaded to the first article of the answer for
  /wegwijzer/?situatie=…, and the size of the data the wegwijzer loads, per record.
The baseline in the same run is an empty round trip: a fetch of a small static file from the same
server (so the ratios say how much of the time is ours, not the machine's).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
QUERIES = ["uitbuiting", "art. 22", "gezinslocatie", "onderwijs beperking", "CRC/GC/2005/6", "verhuizing",
           "kind dat verdwijnt uit de opvang", "noodopvang", "voogdij", "mensenhandel"]
SITUATIONS = ["Een alleenstaande minderjarige van 15 verdwijnt uit de noodopvang",
              "Kind met epilepsie wordt voor de derde keer verhuisd en de behandeling wordt onderbroken"]


def serve(site: Path):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *a: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}/"


def build(n: int, work: Path) -> Path:
    root = work / f"kb{n}"
    subprocess.run([sys.executable, str(ROOT / "benchmarks/generate_kb.py"), "--records", str(n), "--out", str(root)],
                   check=True, stdout=subprocess.DEVNULL)
    subprocess.run([sys.executable, "-m", "kb.cli", "--root", str(root), "build"], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return root


def type_and_time(page, query: str) -> float:
    """ms from the last keystroke to the first result."""
    box = page.locator("[data-kb-search-query]")
    box.fill("")
    page.evaluate("() => { window.__kbFirst = null; const ol = document.querySelector('[data-kb-search-results]');"
                  " ol.textContent = ''; new MutationObserver((m, o) => { if (ol.children.length) {"
                  " window.__kbFirst = performance.now(); o.disconnect(); } }).observe(ol, {childList: true}); }")
    box.type(query[:-1])
    t0 = page.evaluate("() => performance.now()")
    box.press(query[-1])
    page.wait_for_function("() => window.__kbFirst !== null", timeout=20_000)
    return page.evaluate("() => window.__kbFirst") - t0


def open_search(page, base: str) -> None:
    page.goto(base)
    page.wait_for_load_state("networkidle")
    toggle = "label.md-header__button[for=__search]"
    if page.is_visible(toggle):
        page.click(toggle)
    page.focus("[data-kb-search-query]")


def measure(browser, base: str, n: int) -> dict:
    ctx = browser.new_context()
    page = ctx.new_page()
    # baseline: one small request to the same server
    page.goto(base + "assets/kb.css")
    rtt = []
    for _ in range(5):
        rtt.append(page.evaluate("async u => { const t = performance.now(); await (await fetch(u, {cache: 'no-store'}))"
                                 ".text(); return performance.now() - t; }", base + "assets/kb.css"))
    base_ms = statistics.median(rtt)

    sizes = []
    page.on("response", lambda r: sizes.append((r.url, r)))
    open_search(page, base)
    sizes.clear()
    first_ms = type_and_time(page, QUERIES[0])
    page.wait_for_timeout(300)
    transferred = 0
    for _, r in sizes:
        try:
            transferred += len(r.body())
        except Exception:  # noqa: BLE001 - a response without a body (redirect)
            pass
    warm = [type_and_time(page, q) for q in QUERIES[1:]]

    guide = []
    for text in SITUATIONS:
        p = ctx.new_page()
        p.goto(base + "wegwijzer/?situatie=" + quote(text), wait_until="domcontentloaded")
        t0 = p.evaluate("() => performance.timing.domContentLoadedEventEnd - performance.timing.navigationStart")
        p.wait_for_selector("[data-kb-guide-result] a[href*='artikelen/']", timeout=30_000)
        guide.append(p.evaluate("() => performance.now()") - t0)
        p.close()
    ctx.close()
    return {"records": n, "baseline_ms": base_ms, "first_ms": first_ms, "first_bytes": transferred,
            "warm_median_ms": statistics.median(warm), "warm_max_ms": max(warm),
            "wegwijzer_ms": statistics.median(guide)}


def wegwijzer_bytes(site: Path) -> int:
    return sum(p.stat().st_size for p in (site / "wegwijzer").rglob("*.json"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, nargs="+", default=[2000, 10000])
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="kb-search-"))
    rows = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-quic"])
        for n in args.records:
            root = build(n, work)
            server, base = serve(root / "site")
            try:
                row = measure(browser, base, n)
            finally:
                server.shutdown()
            row["data"] = wegwijzer_bytes(root / "site")
            rows.append(row)
            print(f"{n:>6} records: search first {row['first_ms']:.0f} ms ({row['first_bytes'] / 1024:.0f} KB), "
                  f"warm median {row['warm_median_ms']:.0f} ms (max {row['warm_max_ms']:.0f}), "
                  f"wegwijzer {row['wegwijzer_ms']:.0f} ms after DOMContentLoaded, "
                  f"wegwijzer data {row['data'] / 1024:.0f} KB ({row['data'] / n:.0f} B/record); "
                  f"baseline request {row['baseline_ms']:.1f} ms "
                  f"(search warm = {row['warm_median_ms'] / max(row['baseline_ms'], 0.1):.0f}x baseline)", flush=True)
        browser.close()


if __name__ == "__main__":
    main()
