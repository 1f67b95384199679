"""The built site in a real browser: Playwright driving Debian's Chromium, served on 127.0.0.1.

Every test fails if a page asks any host other than the local server. Screenshots of each page
type are written to test-artifacts/ for a human to look at.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

from conftest import ROOT, copy_bundled_kb
from kb.cli import main
from kb.validate import load_kb

pytestmark = pytest.mark.slow  # a real browser on the bundled site: not in the quick tier

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
try:  # axe-core as shipped on PyPI (axe-playwright-python, a test dependency)
    import axe_playwright_python

    AXE = Path(axe_playwright_python.__file__).parent / "axe.min.js"
except ImportError:  # pragma: no cover - the test extra installs it
    AXE = ROOT / ".ci/node_modules/axe-core/axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"
REQUIRED = os.environ.get("KB_REQUIRE_BROWSER") == "1"


def _need(condition: bool, reason: str):
    if not condition:
        if REQUIRED:
            pytest.fail(reason)
        pytest.skip(reason)


playwright_api = pytest.importorskip("playwright.sync_api") if not REQUIRED else __import__(
    "playwright.sync_api", fromlist=["sync_playwright"])


def _built_and_served(root):
    """Build the knowledge base at root and serve its site on 127.0.0.1; yields (root, base URL)."""
    assert main(["--root", str(root), "build"]) == 0
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root / "site"))
    handler.log_message = lambda *a: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield root, f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = copy_bundled_kb(tmp_path_factory.mktemp("kb"))
    yield from _built_and_served(root)


@pytest.fixture(scope="module")
def browser():
    _need(Path(CHROMIUM).exists(), "Chromium not installed (apt-get install chromium)")
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-quic"])
        yield b
        b.close()


@pytest.fixture
def page(browser, site):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL", accept_downloads=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site[1].rstrip("/"))
    pg = context.new_page()
    hosts = set()
    pg.on("request", lambda r: hosts.add(urlparse(r.url).netloc))
    yield pg
    context.close()
    assert hosts <= {urlparse(site[1]).netloc}, f"requests left 127.0.0.1: {hosts}"


def search(page, base, query):
    page.goto(base)
    page.click("label.md-header__button[for=__search]") if page.is_visible(
        "label.md-header__button[for=__search]") else page.focus("input.md-search__input")
    page.focus("input.md-search__input")
    page.keyboard.type(query)
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    # the matcher answers at once; Pagefind's full-text hits are merged in behind: wait until the list settles
    # (unchanged for 0.6 s), as a reader who looks at it does
    last, stable_since = None, None
    for _ in range(100):
        now = [urlparse(a.get_attribute("href")).path for a in page.query_selector_all(".md-search-result__item a")]
        if now != last:
            last, stable_since = now, page.evaluate("performance.now()")
        elif page.evaluate("performance.now()") - stable_since > 600:
            break
        page.wait_for_timeout(100)
    return last


def shot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("query", ["uitbuiting", "uitgebuit"])
def test_search_finds_theme_and_its_recommendations(page, site, query):
    root, base = site
    urls = search(page, base, query)
    assert "/themas/uitbuiting-amv/" in urls
    theme1 = {r.id for r in load_kb(root).of_type("recommendation")
              if any(l.relation == "theme" and l.target == "uitbuiting-amv" for l in r.links)}
    found = {u.split("/")[2] for u in urls if u.startswith("/aanbevelingen/")}
    assert found & theme1, urls
    if query == "uitbuiting":
        shot(page, "search")


@pytest.mark.parametrize("query", ["artikel 22", "art. 22", "Article 22"])
def test_article_number_puts_the_article_first(page, site, query):
    assert search(page, site[1], query)[0] == "/artikelen/ivrk-22/"


def test_dutch_plural_finds_singular(page, site):
    urls = search(page, site[1], "beperkingen")
    assert "/themas/beperking-en-speciale-behoeften/" in urls
    assert "/artikelen/ivrk-23/" in urls


def test_legal_synonyms(page, site):
    urls = search(page, site[1], "alleenstaande minderjarige vreemdeling")
    assert "/doelgroepen/amv/" in urls
    urls = search(page, site[1], "Kinderrechtenverdrag")
    assert any(u.startswith("/artikelen/") for u in urls)


def test_article_22_lists_every_recommendation_that_implements_it(page, site):
    root, base = site
    page.goto(base + "artikelen/ivrk-22/")
    expected = {r.id for r in load_kb(root).of_type("recommendation")
                if any(l.relation == "implements" and l.target == "ivrk-22" for l in r.links)}
    assert expected
    section = page.locator("h2#aanbevelingen-die-dit-recht-dienen ~ ul a").evaluate_all(
        "as => as.map(a => a.getAttribute('href'))")
    listed = {h.strip("/").split("/")[-1] for h in section if "/aanbevelingen/" in h}
    assert expected <= listed
    assert page.locator("svg.kb-diagram").count() == 1
    assert "Samenvatting in eigen woorden" in page.inner_text(".kb-badges")
    assert "Verdragstekst (bindend)" not in page.inner_text(".kb-badges")
    shot(page, "article")


def test_copy_button_puts_citation_on_clipboard(page, site):
    page.goto(site[1] + "aanbevelingen/dci-2025-kleinschalige-opvang-amv/")
    expected = page.get_attribute("button.kb-copy", "data-kb-copy")
    assert "Defence for Children Nederland" in expected and "p. 3" in expected
    page.click("button.kb-copy")
    page.wait_for_selector("button.kb-copy[data-kb-copied]")
    assert page.evaluate("navigator.clipboard.readText()") == expected
    for ext, first in (("bib", "@techreport{"), ("ris", "TY  - "), ("csl.json", "[")):
        with page.expect_download() as info:
            page.click(f'a[download$=".{ext}"]')
        text = Path(info.value.path()).read_text(encoding="utf-8")
        assert text.startswith(first) and "Defence for Children Nederland" in text, text
    shot(page, "recommendation")


def test_wegwijzer_returns_article_22_for_an_unaccompanied_minor(page, site):
    page.goto(site[1] + "wegwijzer/")
    page.check("input[value=amv]")
    page.wait_for_selector(".kb-guide-list li")
    ranked = page.eval_on_selector_all(".kb-guide-list > li", "ls => ls.map(l => l.dataset.article)")
    assert "ivrk-22" in ranked[:5], ranked
    first = page.locator('.kb-guide-list > li[data-article="ivrk-22"] .kb-guide-why li').first.inner_text()
    assert "Niet-begeleide minderjarigen" in first and "→" in first
    shot(page, "wegwijzer")


def test_index_filters_work_offline(page, site):
    page.goto(site[1] + "aanbevelingen/")
    total = page.locator("tr[data-kb-row]").count()
    page.select_option("select[data-kb-facet=target_groups]", "kinderen-met-een-beperking")
    visible = page.locator("tr[data-kb-row]:visible")
    assert 0 < visible.count() < total
    for row in visible.all():
        assert " kinderen-met-een-beperking " in row.get_attribute("data-f-target-groups")
    shot(page, "index")


PAGE_TYPES = {
    "home": "", "article": "artikelen/ivrk-22/", "recommendation": "aanbevelingen/dci-2025-kleinschalige-opvang-amv/",
    "index": "aanbevelingen/", "wegwijzer": "wegwijzer/", "risk": "risicos/signalen-uitbuiting/",
    "source": "bronnen/dci-2025-rondetafel-asielopvang/", "general-comment": "general-comments/gc-6/",
    "observation": "slotbeschouwingen/co-nld-2022-38e/",
}


@pytest.mark.parametrize("kind", sorted(PAGE_TYPES))
def test_no_serious_accessibility_violations(page, site, kind):
    _need(AXE.exists(), "axe-core not installed (pip install -e '.[test]' installs axe-playwright-python)")
    page.goto(site[1] + PAGE_TYPES[kind])
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
               for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], "\n".join(map(str, serious))


@pytest.mark.parametrize("kind", ["article", "recommendation", "wegwijzer", "index"])
def test_usable_at_390px(browser, site, kind):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1)
    pg = context.new_page()
    pg.goto(site[1] + PAGE_TYPES[kind])
    overflow = pg.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    ARTIFACTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / f"mobile-{kind}.png"), full_page=True)
    context.close()


def test_print_hides_navigation_and_shows_links(page, site):
    page.goto(site[1] + "artikelen/ivrk-22/")
    page.emulate_media(media="print")
    assert not page.is_visible(".md-sidebar--primary")
    assert not page.is_visible(".md-header")
    after = page.evaluate("""getComputedStyle(document.querySelector('.md-typeset a[href^="http"]'), '::after').content""")
    assert "wetten.overheid.nl" in after
    pdf = ARTIFACTS / "article-print.pdf"
    ARTIFACTS.mkdir(exist_ok=True)
    page.pdf(path=str(pdf))
    assert pdf.stat().st_size > 10_000


@pytest.fixture(scope="module")
def large_site(tmp_path_factory):
    """A synthetic knowledge base big enough that index pages show only their first rows."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate_kb import generate

    root = tmp_path_factory.mktemp("large") / "kb"
    generate(400, root)
    yield from _built_and_served(root)


def test_filter_preset_from_url_loads_all_rows(browser, large_site):
    root, base = large_site
    expected = {r.id for r in load_kb(root).of_type("recommendation")
                if any(l.relation == "implements" and l.target == "ivrk-22" for l in r.links)}
    page = browser.new_page()
    page.goto(base + "aanbevelingen/?implements=ivrk-22")
    page.wait_for_function("document.querySelector('[data-kb-count]').textContent.includes(' van ')")
    shown = page.eval_on_selector_all("tr[data-kb-row]:not([hidden]) a", "as => as.map(a => a.getAttribute('href'))")
    assert {h.strip("/") for h in shown} == expected
    assert page.input_value("select[data-kb-facet=implements]") == "ivrk-22"
    page.close()


# A stranger's pull request: titles, summaries and why's that try to become links, images, headings
# or scripts. They pass validation (they are one-line texts without control characters).
PAYLOAD_TITLE = 'Thema [klik](javascript:alert(document.domain)) <img src=x onerror=alert(2)> ![](https://tracker.example/p.gif)'
PAYLOAD_TEXT = ('<script>alert(3)</script> [inloggen](https://phish.example/) <a href="javascript:alert(4)">x</a> '
                '&#106;avascript:alert(5) **vet** `code` <details open>open</details>')


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory):
    from conftest import MINIMAL, write_kb

    files = dict(MINIMAL)
    files["themes/thema-a.yaml"] = files["themes/thema-a.yaml"].replace(
        "title: Uitbuiting", "title: " + json.dumps(PAYLOAD_TITLE)).replace(
        "number: 1", "number: 1\n        summary: " + json.dumps(PAYLOAD_TEXT))
    files["risks/risico-a.yaml"] = files["risks/risico-a.yaml"].replace(
        "why: Bescherming ontbreekt.", "why: " + json.dumps(PAYLOAD_TEXT)).replace(
        "title: Verdwijning uit de opvang", "title: " + json.dumps(PAYLOAD_TITLE))
    root = write_kb(tmp_path_factory.mktemp("payload"), files)
    assert not load_kb(root).problems, load_kb(root).problems
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    subprocess.run(["git", "-c", "user.email=a@example.org", "-c", "user.name=" + PAYLOAD_TITLE, "commit", "-qam",
                    PAYLOAD_TEXT, "--allow-empty"], cwd=root, check=False)
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    subprocess.run(["git", "-c", "user.email=a@example.org", "-c", "user.name=x", "commit", "-qm",
                    "[x](javascript:alert(6)) <img src=x onerror=alert(7)>"], cwd=root, check=True)
    yield from _built_and_served(root)


PAYLOAD_PAGES = ["", "wijzigingen/", "themas/", "themas/thema-a/", "risicos/risico-a/", "artikelen/ivrk-22/",
                 "aanbevelingen/aanbeveling-a/", "doelgroepen/amv/", "bronnen/bron-a/", "wegwijzer/"]


def test_payload_records_open_no_dialog_and_request_nothing_outside(browser, payload_site):
    root, base = payload_site
    context = browser.new_context()
    pg = context.new_page()
    dialogs, hosts = [], set()
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pg.on("request", lambda r: hosts.add(urlparse(r.url).netloc))
    def open_page(path):
        pg.goto(base + path)
        if path == "wegwijzer/":
            pg.check("input[value=amv]")
            pg.wait_for_selector(".kb-guide-list li")

    for path in PAYLOAD_PAGES:
        open_page(path)
        hrefs = pg.eval_on_selector_all("a[href]", "as => as.map(a => new URL(a.getAttribute('href'), location.href).href)")
        for href in hrefs:
            scheme = urlparse(href).scheme
            assert scheme in ("http", "https") or (scheme == "data" and ";base64," in href), (path, href)
        # click every link in the content (not the downloads), coming back to the page each time
        raw = pg.eval_on_selector_all(".md-content a[href]:not([download])", "as => as.map(a => a.getAttribute('href'))")
        for i, href in enumerate(raw):
            click = ("i => document.querySelectorAll('.md-content a[href]:not([download])')[i]"
                     ".dispatchEvent(new MouseEvent('click', {bubbles: true, cancelable: true, view: window}))")
            if href.startswith("#"):
                pg.evaluate(click, i)  # stays on the page
                continue
            with pg.expect_navigation():
                pg.evaluate(click, i)
            assert urlparse(pg.url).netloc == urlparse(base).netloc, (path, href, pg.url)
            open_page(path)
        text = pg.inner_text("body")
        if path in ("", "themas/thema-a/"):
            assert "[klik](javascript:alert(document.domain))" in text  # shown as text, as written
    context.close()
    assert dialogs == []
    assert hosts <= {urlparse(base).netloc}, hosts
    # and the built HTML holds no live javascript: link anywhere
    for page_html in (root / "site").rglob("*.html"):
        assert 'href="javascript:' not in page_html.read_text(encoding="utf-8").lower(), page_html


def test_verwijzingen_herkennen_links_what_kb_scan_finds(page, site):
    from kb import scan
    from kb.graph import build_graph

    root, base = site
    text = ("Art. 22 IVRK3 biedt bescherming; zie General Comment nr. 64 en Art. 275 en art. 99 IVRK.\n"
            "<img src=x onerror=alert(1)> \"quote\" en CRC/C/NLD/CO/5-6, par. 37.\n\n3 Art. 22 IVRK (1989)\n\n"
            "4 General Comment No. 6 (2005)\n\n5 Art. 27 IVRK (1989)\n")
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(base + "verwijzingen/")
    page.wait_for_selector("[data-kb-scan-ready]")
    page.fill("#kb-scan-text", text)
    page.click("form[data-kb-scan] button")
    page.wait_for_selector(".kb-scan-table")
    rows = page.eval_on_selector_all(
        ".kb-scan-table tbody tr",
        "trs => trs.map(tr => [tr.cells[0].textContent, tr.cells[2].textContent, tr.cells[3].textContent,"
        " tr.cells[4].querySelector('a') ? tr.cells[4].querySelector('a').getAttribute('href') : null])")
    expected = scan.scan(text, scan.targets(build_graph(load_kb(root))))
    assert rows == [[str(r.line), r.text, r.footnote or "", f"../{scan.targets(build_graph(load_kb(root)))['urls'][r.record]}"
                     if r.record else None] for r in expected]
    assert [r[3] for r in rows][:4] == ["../artikelen/ivrk-22/", "../general-comments/gc-6/", "../artikelen/ivrk-27/", None]
    assert "onbekend" in page.inner_text(".kb-scan-table")
    shot(page, "verwijzingen")
    with page.expect_navigation():
        page.click(".kb-scan-table a[href='../artikelen/ivrk-27/']")
    assert urlparse(page.url).path.endswith("/artikelen/ivrk-27/")
    assert dialogs == []
