"""The wegwijzer and the header search in a real browser (issue 12): situations typed as sentences reach
their articles through /wegwijzer/?situatie=, legal identifiers and vocabulary in the header search, the
legal framework copied and downloaded, and the fixes seen on the way. Fixtures from test_browser.py."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path
from urllib.parse import quote, urlparse

import pytest
import yaml

from conftest import ROOT
from test_browser import AXE, _need, browser, page, site  # noqa: F401  (fixtures)

SITUATIONS = yaml.safe_load((ROOT / "tests/situations.yaml").read_text(encoding="utf-8"))


def answer(page, base, text):
    page.goto(base + "wegwijzer/?situatie=" + quote(text))
    page.wait_for_selector("[data-kb-guide-ready]")
    return page.eval_on_selector_all(".kb-guide-list > li", "ls => ls.map(l => l.dataset.article)")


def test_situations_reach_their_articles_in_the_top_8(page, site):
    base = site[1]
    misses, took = [], []
    for s in SITUATIONS:
        t = time.perf_counter()
        ranked = answer(page, base, s["text"])
        took.append(time.perf_counter() - t)
        if not all(f"ivrk-{a}" in ranked[:8] for a in s["articles"]):
            misses.append((s["text"], s["articles"], ranked[:8]))
    assert len(SITUATIONS) >= 80
    assert len(misses) <= 0.05 * len(SITUATIONS), misses
    print(f"\n{len(SITUATIONS) - len(misses)}/{len(SITUATIONS)} situations; page load and answer median "
          f"{sorted(took)[len(took) // 2] * 1000:.0f} ms")


def test_answer_explains_in_words_and_keeps_choices_in_the_url(page, site):
    base = site[1]
    answer(page, base, "15-jarige amv met epilepsie wordt voor de derde keer verhuisd")
    first = page.locator(".kb-guide-list > li").first
    assert first.locator(".kb-strength").inner_text() in ("Sterk verband", "Duidelijk verband", "Mogelijk verband")
    assert "· gewicht" not in page.inner_text("[data-kb-guide-result]")  # strength in words, not a bare weight
    understood = page.inner_text(".kb-guide-understood")
    assert "Niet-begeleide minderjarigen" in understood and "epilepsie" in understood
    assert page.is_checked("input[value=amv]")  # the choices show what was understood
    item22 = page.locator('.kb-guide-list > li[data-article="ivrk-22"]')
    if not item22.is_visible():  # listed under "Mogelijk ook van belang" (issue 24: at most eight lead)
        page.click("details.kb-guide-more > summary")
    assert "General Comment nr. 6" in item22.inner_text()
    # a choice made by hand goes into the URL; the URL gives the same answer
    page.uncheck("input[value=amv]")
    page.wait_for_function("location.search.includes('keuze=')")
    url = page.url
    page.goto(url)
    page.wait_for_selector("[data-kb-guide-ready]")
    assert not page.is_checked("input[value=amv]")
    assert page.input_value("textarea[name=situatie]").startswith("15-jarige amv")


def test_results_first_for_keyboard_users_and_print_prints_the_answer(page, site):
    page.goto(site[1] + "wegwijzer/")
    page.wait_for_selector("[data-kb-guide-ready]")
    page.keyboard.press("Tab")  # Material's "Ga naar inhoud", then the wegwijzer's own skip link
    assert page.evaluate("document.activeElement.textContent.trim()") == "Ga naar inhoud"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    if page.evaluate("document.activeElement.textContent.trim()") == "¶":  # the heading's permalink
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Direct naar het antwoord"
    page.fill("textarea[name=situatie]", "mensenhandel")
    page.keyboard.press("Enter")
    page.wait_for_selector(".kb-guide-list > li")
    assert "situatie=mensenhandel" in page.url
    # from the box, a few tabs reach the first result (the box's buttons, what was understood, the tools)
    page.focus("textarea[name=situatie]")
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.closest('.kb-guide-list')"):
            break
    assert page.evaluate("!!document.activeElement.closest('.kb-guide-list')")
    page.emulate_media(media="print")
    assert not page.is_visible("textarea[name=situatie]") and not page.is_visible("form[data-kb-guide]")
    assert page.is_visible(".kb-guide-list")
    # printed for a file: the situation as typed and the date on top, no address after the links
    printed = page.inner_text("[data-kb-guide-print]")
    assert "Situatie: mensenhandel" in printed and "Datum: " in printed
    after = page.evaluate("getComputedStyle(document.querySelector('.kb-guide-list a[href]'), '::after').content")
    assert after in ("none", "normal", ""), after


def test_ticked_choices_survive_an_empty_description(page, site):
    page.goto(site[1] + "wegwijzer/")
    page.wait_for_selector("[data-kb-guide-ready]")
    page.check("input[value=amv]")
    page.wait_for_function("location.search.includes('keuze=amv')")
    page.fill("textarea[name=situatie]", "")
    page.click("[data-kb-guide-text] button[type=submit]")
    page.wait_for_selector(".kb-guide-list > li")
    assert page.is_checked("input[value=amv]")
    assert "keuze=amv" in page.url


def test_the_answer_leads_with_at_most_eight_and_folds_the_rest(page, site):
    answer(page, site[1], "Gezin zonder verblijfsvergunning woont in het azc en de kinderen gaan niet naar school")
    lead = page.locator(".kb-guide-result > .kb-guide-list > li").count()
    assert 1 <= lead <= 8
    more = page.locator("details.kb-guide-more > summary")
    if more.count():
        assert "Mogelijk ook van belang" in more.inner_text()
    understood = page.inner_text(".kb-guide-understood")
    assert "Gezinslocatie" not in understood  # neither 'zonder' nor 'azc' names a family location
    assert "Niet-begeleide minderjarigen" not in understood


def test_copy_legal_framework_as_rich_text_plain_text_and_docx(page, site):
    answer(page, site[1], "loverboy benadert meisje van 16 in de opvang")
    page.click("[data-kb-guide-copy]")
    page.wait_for_selector("[data-kb-guide-copy][data-kb-copied]")
    text = page.evaluate("navigator.clipboard.readText()")
    assert "(art. 34 IVRK)" in text and "Dit is geen juridisch advies" in text and "/artikelen/ivrk-34/" in text
    html = page.evaluate("""navigator.clipboard.read().then(items => items[0].getType('text/html')).then(b => b.text())""")
    assert "<h1>Juridisch kader</h1>" in html and "<h2>" in html
    with page.expect_download() as info:
        page.click("[data-kb-guide-docx]")
    data = Path(info.value.path()).read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.testzip() is None
        doc = z.read("word/document.xml").decode("utf-8")
        assert "Heading1" in doc and "art. 34 IVRK" in doc and "geen juridisch advies" in doc
        assert "Heading1" in z.read("word/styles.xml").decode("utf-8")
    try:
        import docx  # python-docx, when installed, reads it back as Word would
    except ImportError:
        return
    d = docx.Document(io.BytesIO(data))
    # python-docx shows the built-in style "heading 1" by its UI name "Heading 1"
    assert any(p.style.name.lower() == "heading 1" for p in d.paragraphs)


def test_risk_page_copies_its_legal_framework(page, site):
    page.goto(site[1] + "risicos/verdwijning-uit-opvang-mob/")
    page.click("button[data-kb-kader-risk]:not([data-kb-kader-docx])")
    page.wait_for_selector("button[data-kb-kader-risk][data-kb-copied]")
    text = page.evaluate("navigator.clipboard.readText()")
    assert "art. 35 IVRK" in text and "Dit is geen juridisch advies" in text


def test_call_page_copies_and_downloads_its_onderbouwing_and_the_monitor_filters(page, site):
    """Issue 23: "Kopieer onderbouwing" on a call page (rich text, plain text, .docx) and the Monitor's filters."""
    page.goto(site[1] + "oproepen/structurele-opvangcapaciteit/")
    page.click("button[data-kb-onderbouwing]:not([data-kb-kader-docx])")
    page.wait_for_selector("button[data-kb-onderbouwing][data-kb-copied]")
    text = page.evaluate("navigator.clipboard.readText()")
    assert text.startswith("Onderbouwing: Genoeg structurele opvangplekken") and "Gevraagd door: " in text
    assert "Stand van zaken: " in text and "Dit is geen juridisch advies" in text
    assert site[1] + "aanbevelingen/" in text and "../" not in text  # links absolute, to paste in a letter
    html = page.evaluate("""navigator.clipboard.read().then(items => items[0].getType('text/html')).then(b => b.text())""")
    assert "<h1>Onderbouwing: Genoeg structurele opvangplekken</h1>" in html and "<h2>" in html
    with page.expect_download() as info:
        page.click("button[data-kb-onderbouwing][data-kb-kader-docx]")
    assert info.value.suggested_filename == "structurele-opvangcapaciteit-onderbouwing.docx"
    import docx

    d = docx.Document(io.BytesIO(Path(info.value.path()).read_bytes()))
    assert d.paragraphs[0].text == "Onderbouwing: Genoeg structurele opvangplekken"
    assert any(p.text.startswith("Stand van zaken: ") for p in d.paragraphs if p.style.name.lower() == "heading 1")
    page.goto(site[1] + "monitor/")
    total = page.locator("tr[data-kb-row]").count()
    page.select_option('select[data-kb-facet="status"]', "afgewezen")
    shown = page.locator("tr[data-kb-row]:visible")
    assert 0 < shown.count() < total
    assert all("afgewezen" in t for t in shown.all_inner_texts())


def _search(page, base, query):
    page.goto(base)
    page.focus("input.md-search__input")
    page.fill("input.md-search__input", query)
    page.wait_for_function("q => document.querySelector('[data-kb-search-results]').getAttribute('data-kb-search-done') === q",
                           arg=query, timeout=15_000)
    return [urlparse(a.get_attribute("href")).path for a in page.query_selector_all(".md-search-result__item a")]


@pytest.mark.parametrize("query, first", [
    ("art. 22", "/artikelen/ivrk-22/"), ("artikel 22", "/artikelen/ivrk-22/"), ("art. 22 lid 1", "/artikelen/ivrk-22/"),
    ("IVRK 22", "/artikelen/ivrk-22/"), ("Article 22 CRC", "/artikelen/ivrk-22/"), ("GC 15", "/general-comments/gc-15/"),
    ("General Comment 15", "/general-comments/gc-15/"), ("CRC/C/GC/15", "/general-comments/gc-15/"),
    ("CRC/GC/2005/6", "/general-comments/gc-6/"), ("CRC/C/NLD/CO/5-6 par. 37", "/slotbeschouwingen/co-nld-2022-37/"),
    # issue 24: every identifier form and a record's own name, the record before the wegwijzer row
    ("art. 3 lid 1", "/artikelen/ivrk-3/"), ("CRC/C/GC/6", "/general-comments/gc-6/"), ("GC 14", "/general-comments/gc-14/"),
    ("General Comment 6", "/general-comments/gc-6/"), ("ECLI:NL:RVS:2007:AZ9524", "/rechtspraak/rvs-2007-az9524/"),
    ("32013L0033", "/instrumenten/opvangrichtlijn-2013/"), ("art. 8 Vw", "/bepalingen/vw-2000-art-8/"),
    ("art. 1:302 BW", "/bepalingen/bw-1-art-302/"),
])
def test_header_search_puts_the_named_record_first(page, site, query, first):
    assert _search(page, site[1], query)[0] == first
    # the record comes before the wegwijzer row
    order = page.eval_on_selector_all("[data-kb-search-results] > li", "ls => ls.map(l => l.className)")
    assert order[0] == "md-search-result__item" and order[1] == "kb-search-guide", order


def test_header_search_arrow_keys_and_enter_open_the_highlighted_result(page, site):
    urls = _search(page, site[1], "mensenhandel")
    page.keyboard.press("ArrowDown")  # the wegwijzer row
    page.keyboard.press("ArrowDown")  # the first result
    page.keyboard.press("ArrowDown")  # the second
    page.keyboard.press("ArrowUp")
    active = page.eval_on_selector("[data-kb-search-results]", "l => [...l.querySelectorAll('a')].findIndex(a => a.classList.contains('kb-search-active'))")
    assert active == 1
    assert page.evaluate("document.activeElement === document.querySelector('input.md-search__input')")
    assert page.get_attribute("input.md-search__input", "aria-activedescendant")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert urlparse(page.url).path == urls[0]


def test_header_search_vocabulary_and_sentences(page, site):
    base = site[1]
    assert "/artikelen/ivrk-35/" in _search(page, base, "mensenhandel")[:3]
    sentence = "Kind met epilepsie wordt voor de derde keer verhuisd en de behandeling wordt onderbroken"
    urls = _search(page, base, sentence)
    assert "/artikelen/ivrk-24/" in urls[:10] and len(urls) >= 5
    guide = page.locator(".kb-search-guide a")
    assert "Beschrijf de situatie in de wegwijzer" in guide.inner_text()
    assert "wegwijzer/?situatie=Kind%20met%20epilepsie" in guide.get_attribute("href")
    shown = page.locator(".md-search-result__item").count()
    meta = page.inner_text("[data-kb-search-meta]")
    assert meta.startswith(f"{shown} ")  # the count is what is listed ("20 van 59 resultaten" or "4 resultaten")


def test_search_overlay_closes_when_tabbing_away_and_open_panel_meets_contrast(page, site):
    _need(AXE.exists(), "axe-core not installed")
    _search(page, site[1], "uitbuiting")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document.querySelector('.md-search'), {resultTypes: ['violations']})")
    serious = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]
               if v["impact"] in ("serious", "critical")]
    assert serious == []
    page.fill("input.md-search__input", "")
    page.focus("input.md-search__input")
    assert page.evaluate("document.getElementById('__search').checked")
    for _ in range(3):
        page.keyboard.press("Tab")
    assert not page.evaluate("document.getElementById('__search').contains(document.activeElement)")
    assert not page.evaluate("document.getElementById('__search').checked")


def test_dutch_for_readers_404_source_kind_and_printing_an_article(page, site):
    base = site[1]
    page.goto(base + "404.html")
    assert "Pagina niet gevonden" in page.inner_text("body") and "Not found" not in page.inner_text("body")
    page.goto(base + "bronnen/dci-2025-rondetafel-asielopvang/")
    assert "position_paper" not in page.inner_text(".md-content")
    page.goto(base + "artikelen/ivrk-22/")
    assert "zonder thema" not in page.inner_text(".md-content")
    page.emulate_media(media="print")
    assert not page.is_visible("button.kb-copy")


def test_diagram_keeps_readable_text_at_390px(browser, site):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    pg = context.new_page()
    pg.goto(site[1] + "artikelen/ivrk-22/")
    width = pg.eval_on_selector("svg.kb-diagram", "s => s.getBoundingClientRect().width")
    assert width >= 700  # drawn at its own size (12px text), scrolled sideways in its frame
    assert pg.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    context.close()


def test_citation_consultation_date_is_the_readers_date(page, site):
    """The build writes its own date as 'geraadpleegd op'; copying or downloading a citation gives the day
    the reader consulted the page (issue 24)."""
    page.clock.set_fixed_time("2031-05-06T10:00:00")
    page.goto(site[1] + "slotbeschouwingen/co-nld-2022-37/")
    page.click(".kb-cite button[data-kb-copy]")
    page.wait_for_selector(".kb-cite button[data-kb-copied]")
    assert "geraadpleegd op 6 mei 2031" in page.evaluate("navigator.clipboard.readText()")
    with page.expect_download() as info:
        page.click('.kb-cite a[download$=".ris"]')
    ris = Path(info.value.path()).read_text(encoding="utf-8")
    assert "Y2  - 2031/05/06/" in ris and "SE  - par. 37" in ris
    with page.expect_download() as info:
        page.click('.kb-cite a[download$=".csl.json"]')
    assert '"accessed": {"date-parts": [[2031, 5, 6]]}' in Path(info.value.path()).read_text(encoding="utf-8")
