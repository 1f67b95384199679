#!/usr/bin/env python3
"""What a reader feels: header search, wegwijzer answer and page weight in Chromium, at N synthetic records.

    python benchmarks/bench_search.py                      # 2000 10000
    python benchmarks/bench_search.py --records 2000 --runs 3 --work /tmp/kb-search   # keep (and reuse) the sites

For each size: generate a knowledge base (benchmarks/generate_kb.py), `kb build` it, serve the site on
127.0.0.1 the way a static host does (gzip for text files, as GitHub Pages; the bytes counted are those on
the wire), and in Debian's Chromium (Playwright) measure, each as the median of --runs:
- search, first query of a fresh page (new browser context: nothing cached): from the last keystroke to the
  first result in [data-kb-search-results] ("first"), and to the finished list with Pagefind's full-text
  hits merged in ("done", data-kb-search-done); the bytes transferred for that query (everything fetched
  after the page had loaded, until the list is done);
- search, warm (the same page, next queries): the same two times over the query list;
- wegwijzer: from the page's DOMContentLoaded to the first article of the answer for /wegwijzer/?situatie=…,
  with an empty cache (first visit) and with the data cached (second visit); the size of the data it loads,
  per record;
- page weight: the median and the largest article page with everything they load, compressed, and whether
  any request left the site (every page must work offline). The sites are built for a published address
  (KB_SITE_URL), as the deploy workflow builds them, so the sitemap lists every page.
The baseline in the same run is an empty round trip: the median time to fetch a small static file from the
same server, so the ratios say how much of the time is ours and not the machine's.
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import json
import os
import shutil
import socketserver
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import quote, urlparse

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
# Words of the synthetic knowledge base (generate_kb.WORDS), an identifier and a sentence; the first is the
# first query of a fresh page. Every word is common in the synthetic text, so Pagefind matches thousands of
# pages: the worst case for a full-text engine.
QUERIES = ["uitbuiting", "art. 22", "gezinslocatie", "onderwijs beperking", "CRC/C/GC/6", "verhuizing",
           "kind dat verdwijnt uit de opvang", "noodopvang", "voogdij", "vermissing"]
SITUATIONS = ["Een kind in de noodopvang wordt steeds verhuisd en krijgt geen onderwijs",
              "Uitbuiting en vermissing van een kind in de gezinslocatie, zonder voogdij"]
SITE_URL = "https://voorbeeld.github.io/ivrk-kennisbank/"
COMPRESSED = {".html", ".js", ".css", ".json", ".xml", ".svg", ".txt", ".map"}
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


class _Handler(http.server.SimpleHTTPRequestHandler):
    """A static host: text files gzip-compressed (compressed once, kept in memory), the rest as stored."""

    site = "."
    cache: dict = {}
    lock = threading.Lock()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, directory=self.site, **kwargs)

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix not in COMPRESSED or "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file():
            return super().send_head()
        with self.lock:
            body = self.cache.get(path)
            if body is None:
                body = self.cache[path] = gzip.compress(path.read_bytes(), 6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return _Body(body)


class _Body:
    def __init__(self, data: bytes):
        self.data = data

    def read(self, *_):
        data, self.data = self.data, b""
        return data

    def close(self):
        pass


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


def serve(site: Path):
    handler = type("Handler", (_Handler,), {"site": str(site), "cache": {}})
    server = _Server(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}/"


def build(n: int, work: Path, reuse: bool) -> Path:
    root = work / f"kb{n}"
    if reuse and (root / "site/index.html").exists():
        return root
    subprocess.run([sys.executable, str(ROOT / "benchmarks/generate_kb.py"), "--records", str(n), "--out", str(root)],
                   check=True, stdout=subprocess.DEVNULL)
    # built for a published address, as the deploy workflow builds it: the sitemap then lists every page
    subprocess.run([sys.executable, "-m", "kb.cli", "--root", str(root), "build"], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "KB_SITE_URL": SITE_URL})
    return root


class _Wire:
    """Bytes on the wire (compressed bodies) of the requests a browser context finishes, workers included."""

    def __init__(self, ctx):
        self.finished: list = []
        ctx.on("requestfinished", lambda r: self.finished.append(r))
        self.hosts: set[str] = set()
        ctx.on("request", lambda r: self.hosts.add(urlparse(r.url).netloc))

    def mark(self) -> int:
        return len(self.finished)

    def since(self, mark: int) -> tuple[int, int]:
        """(bytes on the wire, requests) finished after `mark`."""
        return self.sizes(mark)[0], len(self.finished[mark:])

    def sizes(self, mark: int) -> tuple[int, int]:
        """(bytes on the wire, bytes once decompressed) of the requests finished after `mark`."""
        wire = decoded = 0
        for r in self.finished[mark:]:
            try:
                wire += r.sizes()["responseBodySize"]
                decoded += len(r.response().body())
            except Exception:  # noqa: BLE001 - a request without a response body
                pass
        return wire, decoded


# The first result and the finished list for query q: the script marks the list with the query it shows
# (data-kb-search-shown) and, once Pagefind's hits are in, with data-kb-search-done.
_WATCH = """q => {
  window.__kbFirst = null; window.__kbDone = null;
  const ol = document.querySelector('[data-kb-search-results]');
  const check = o => {
    const shown = ol.getAttribute('data-kb-search-shown') || ol.getAttribute('data-kb-search-done');
    if (window.__kbFirst === null && shown === q && ol.querySelector('.md-search-result__item')) window.__kbFirst = performance.now();
    if (ol.getAttribute('data-kb-search-done') === q) { window.__kbDone = performance.now(); o.disconnect(); }
  };
  new MutationObserver((m, o) => check(o)).observe(ol, {childList: true, subtree: true, attributes: true});
}"""


def type_and_time(page, query: str) -> tuple[float, float]:
    """(ms from the last keystroke to the first result, ms to the finished list)."""
    box = page.locator("[data-kb-search-query]")
    box.fill("")
    page.wait_for_timeout(50)
    page.evaluate(_WATCH, query)
    box.type(query[:-1])
    t0 = page.evaluate("() => performance.now()")
    box.press(query[-1])
    page.wait_for_function("() => window.__kbFirst !== null && window.__kbDone !== null", timeout=30_000)
    first, done = page.evaluate("() => [window.__kbFirst, window.__kbDone]")
    return first - t0, done - t0


def baseline_ms(browser, base: str) -> float:
    ctx = browser.new_context()
    page = ctx.new_page()
    page.goto(base + "assets/kb.css")
    rtt = [page.evaluate("async u => { const t = performance.now(); await (await fetch(u, {cache: 'no-store'}))"
                         ".text(); return performance.now() - t; }", base + "assets/kb.css") for _ in range(9)]
    ctx.close()
    return statistics.median(rtt)


def measure_search(browser, base: str, runs: int) -> dict:
    first, first_done, transferred, decoded, requests, warm, warm_done = [], [], [], [], [], [], []
    for _ in range(runs):
        ctx = browser.new_context()
        wire = _Wire(ctx)
        page = ctx.new_page()
        page.goto(base)
        page.wait_for_load_state("networkidle")
        mark = wire.mark()
        toggle = "label.md-header__button[for=__search]"
        if page.is_visible(toggle):
            page.click(toggle)
        page.focus("[data-kb-search-query]")
        f, d = type_and_time(page, QUERIES[0])
        page.wait_for_load_state("networkidle")
        size, count = wire.since(mark)
        decoded.append(wire.sizes(mark)[1])
        first.append(f), first_done.append(d), transferred.append(size), requests.append(count)
        for q in QUERIES[1:]:
            f, d = type_and_time(page, q)
            warm.append(f), warm_done.append(d)
        ctx.close()
    return {"first_ms": statistics.median(first), "first_done_ms": statistics.median(first_done),
            "first_bytes": statistics.median(transferred), "first_decoded": statistics.median(decoded),
            "first_requests": statistics.median(requests),
            "warm_ms": statistics.median(warm), "warm_done_ms": statistics.median(warm_done),
            "warm_p90_ms": sorted(warm)[int(0.9 * (len(warm) - 1))]}


_ANSWER = "[data-kb-guide-result] .kb-guide-list a[href*='artikelen/']"
# Runs before the page's own scripts: notes when the first article of the answer appears.
_ANSWER_WATCH = """window.__kbAnswer = null;
new MutationObserver((m, o) => { if (document.querySelector("%s")) { window.__kbAnswer = performance.now(); o.disconnect(); } })
  .observe(document, {childList: true, subtree: true});""" % _ANSWER


def _answer_ms(page, base: str, text: str) -> float:
    """ms from DOMContentLoaded to the first article of the answer."""
    page.goto(base + "wegwijzer/?situatie=" + quote(text), wait_until="domcontentloaded")
    page.wait_for_function("() => window.__kbAnswer !== null", timeout=30_000)
    return page.evaluate("() => window.__kbAnswer - (performance.timing.domContentLoadedEventEnd"
                         " - performance.timing.navigationStart)")


def measure_wegwijzer(browser, base: str, runs: int) -> dict:
    cold, warm = [], []
    for _ in range(runs):
        for text in SITUATIONS:
            ctx = browser.new_context()
            ctx.add_init_script(_ANSWER_WATCH)
            page = ctx.new_page()
            cold.append(_answer_ms(page, base, text))
            warm.append(_answer_ms(page, base, text))
            ctx.close()
    return {"wegwijzer_cold_ms": statistics.median(cold), "wegwijzer_warm_ms": statistics.median(warm)}


def measure_page_weight(browser, base: str, site: Path) -> dict:
    """The median and the largest article page (by HTML size) with everything they load, compressed, each in
    a fresh context (nothing cached)."""
    pages = sorted((p.stat().st_size, p) for p in (site / "artikelen").glob("*/index.html"))
    out, hosts = {}, set()
    for key, (_, html) in (("article", pages[len(pages) // 2]), ("largest_article", pages[-1])):
        url = base + html.parent.relative_to(site).as_posix() + "/"
        ctx = browser.new_context()
        wire = _Wire(ctx)
        page = ctx.new_page()
        page.goto(url)
        page.wait_for_load_state("networkidle")
        size, count = wire.since(0)
        hosts |= wire.hosts - {urlparse(base).netloc}
        ctx.close()
        out.update({f"{key}_page": url[len(base):], f"{key}_bytes": size, f"{key}_requests": count})
    out["foreign_hosts"] = sorted(hosts)
    return out


def data_sizes(site: Path) -> dict:
    files = sorted((site / "wegwijzer").glob("*.json"))
    raw = sum(p.stat().st_size for p in files)
    packed = sum(len(gzip.compress(p.read_bytes(), 6)) for p in files)
    return {"wegwijzer_data": raw, "wegwijzer_data_gz": packed}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, nargs="+", default=[2000, 10000])
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (medians)")
    parser.add_argument("--work", type=Path, help="keep the generated sites here, and reuse those already built")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    work = args.work or Path(tempfile.mkdtemp(prefix="kb-search-"))
    work.mkdir(parents=True, exist_ok=True)
    rows = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for n in args.records:
                root = build(n, work, reuse=args.work is not None)
                server, base = serve(root / "site")
                try:
                    row = {"records": n, "baseline_ms": baseline_ms(browser, base)}
                    row.update(measure_search(browser, base, args.runs))
                    row.update(measure_wegwijzer(browser, base, args.runs))
                    row.update(measure_page_weight(browser, base, root / "site"))
                    row.update(data_sizes(root / "site"))
                finally:
                    server.shutdown()
                rows.append(row)
                b = max(row["baseline_ms"], 0.1)
                print(f"{n:>6} records: search first query {row['first_ms']:.0f} ms to the first result "
                      f"({row['first_done_ms']:.0f} ms complete), {row['first_bytes'] / 1024:.0f} KB on the wire "
                      f"({row['first_decoded'] / 1024:.0f} KB decompressed) in "
                      f"{row['first_requests']:.0f} requests; warm {row['warm_ms']:.0f} ms (90th percentile "
                      f"{row['warm_p90_ms']:.0f}; complete {row['warm_done_ms']:.0f} ms) | wegwijzer answer "
                      f"{row['wegwijzer_cold_ms']:.0f} ms after DOMContentLoaded on a first visit, "
                      f"{row['wegwijzer_warm_ms']:.0f} ms on a second; data {row['wegwijzer_data'] / 1024:.0f} KB "
                      f"({row['wegwijzer_data'] / n:.0f} B/record, {row['wegwijzer_data_gz'] / n:.0f} B/record "
                      f"compressed) | article page {row['article_bytes'] / 1024:.1f} KB compressed with its assets "
                      f"({row['article_requests']} requests; the largest {row['largest_article_bytes'] / 1024:.1f} KB; "
                      f"other hosts: {row['foreign_hosts'] or 'none'}) | "
                      f"baseline request {row['baseline_ms']:.1f} ms (search warm = {row['warm_ms'] / b:.1f}x, "
                      f"first = {row['first_ms'] / b:.1f}x)", flush=True)
                print("        " + json.dumps(row), flush=True)
            browser.close()
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    print("\n| records | search: first query | transferred | search: warm | wegwijzer: first visit / again "
          "| wegwijzer data | article page (largest) |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['records']:,} | {r['first_ms']:.0f} ms ({r['first_done_ms']:.0f} ms complete) | "
              f"{r['first_bytes'] / 1024:.0f} KB | {r['warm_ms']:.0f} ms ({r['warm_done_ms']:.0f} ms complete) | "
              f"{r['wegwijzer_cold_ms']:.0f} / {r['wegwijzer_warm_ms']:.0f} ms | "
              f"{r['wegwijzer_data'] / r['records']:.0f} B/record ({r['wegwijzer_data_gz'] / r['records']:.0f} compressed) | "
              f"{r['article_bytes'] / 1024:.1f} KB ({r['largest_article_bytes'] / 1024:.1f} KB) |")


if __name__ == "__main__":
    main()
