"""`kb wetcheck` against a local HTTP server on 127.0.0.1 that serves recorded answers in the services'
own formats (tests/wetcheck/: an SRU 2.0 answer of the Basiswettenbestand, SPARQL JSON results of CELLAR),
and every way those services can fail: no answer in time, HTTP errors, a dropped connection, answers that
are not what the service documents. Always a Dutch message, never a traceback, no record changed."""

from __future__ import annotations

import hashlib
import http.server
import json
import threading
import time
import urllib.parse
from pathlib import Path

import pytest

from conftest import ROOT
from kb import cli, wetcheck

RECORDED = Path(__file__).parent / "wetcheck"

FILES = {
    "instruments/vreemdelingenwet-2000.yaml": """
        title: Vreemdelingenwet 2000
        short_title: Vw 2000
        form: act
        jurisdiction: nl
        bwb: BWBR0011823
        version_date: '2017-05-01'
    """,
    "provisions/vw-2000-art-8.yaml": """
        title: Rechtmatig verblijf
        instrument: vreemdelingenwet-2000
        article: '8'
        cite_as: art. 8 Vw 2000
        jurisdiction: nl
        touches: [ivrk-22]
    """,
    "instruments/opvangrichtlijn-2024.yaml": """
        title: Opvangrichtlijn 2024
        short_title: Opvangrichtlijn 2024
        form: directive
        jurisdiction: eu
        celex: 32024L1346
        applies_from: '2026-06-12'
        version_date: '2024-05-22'
    """,
    "instruments/opvangrichtlijn-2013.yaml": """
        title: Opvangrichtlijn
        short_title: Opvangrichtlijn
        form: directive
        jurisdiction: eu
        celex: 32013L0033
        ceased_from: '2026-06-12'
        version_date: '2013-06-29'
        replaced_by: [opvangrichtlijn-2024]
    """,
}


class Service:
    """What the local server answers, per service: a mode and the requests it saw."""

    def __init__(self):
        self.mode = {"bwb": "ok", "eu": "ok"}
        self.requests: list[tuple[str, dict]] = []


def _handler(service: Service):
    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            url = urllib.parse.urlsplit(self.path)
            params = urllib.parse.parse_qs(url.query)
            which = "bwb" if url.path.startswith("/sru") else "eu"
            service.requests.append((which, params))
            mode = service.mode[which]
            if mode == "timeout":
                time.sleep(1.5)
                return self._send(200, b"too late")
            if mode == "close":
                # the answer promises 1000 bytes and the connection closes after 10
                self.send_response(200)
                self.send_header("Content-Length", "1000")
                self.end_headers()
                self.wfile.write(b"<?xml vers")
                self.close_connection = True
                return
            if mode.startswith("http"):
                return self._send(int(mode[4:]), b"<html>Service Unavailable</html>", "text/html")
            if mode == "garbage":
                return self._send(200, b"<html><body>Onderhoud</body>" if which == "bwb" else b"<html>not json")
            if mode == "doctype":
                return self._send(200, b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>')
            if which == "bwb":
                query = params["query"][0]
                assert params["x-connection"] == ["BWB"] and params["operation"] == ["searchRetrieve"]
                name = {"ok": "bwb-sru-vreemdelingenwet.xml", "diagnostic": "bwb-sru-diagnostic.xml",
                        "empty": "bwb-sru-empty.xml"}[mode]
                body = (RECORDED / name).read_bytes() if "BWBR0011823" in query else (
                    RECORDED / "bwb-sru-empty.xml").read_bytes()
                return self._send(200, body, "application/xml")
            query = params["query"][0]
            if mode == "empty":
                return self._send(200, b'{"head": {"vars": []}, "results": {"bindings": []}}')
            name = "opvangrichtlijn-2024" if "32024L1346" in query else "opvangrichtlijn-2013"
            return self._send(200, (RECORDED / f"cellar-sparql-{name}.json").read_bytes(),
                              "application/sparql-results+json")

        def _send(self, code, body, ctype="application/octet-stream"):
            self.send_response(code)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

    return Handler


@pytest.fixture
def services(monkeypatch):
    service = Service()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _handler(service))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    monkeypatch.setenv(wetcheck.BWB_URL_ENV, base + "/sru/Search")
    monkeypatch.setenv(wetcheck.EU_URL_ENV, base + "/webapi/rdf/sparql")
    monkeypatch.setenv(wetcheck.TIMEOUT_ENV, "0.5")
    yield service
    server.shutdown()
    server.server_close()


@pytest.fixture
def kb_root(make_kb):
    return make_kb(FILES)


def digest(root: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(root.rglob("*.yaml")):
        h.update(str(p.relative_to(root)).encode() + p.read_bytes())
    return h.hexdigest()


def run(root, capsys, *extra):
    before = digest(root)
    code = cli.main(["--root", str(root), "wetcheck", "--date", "2026-12-04", *extra])
    out, err = capsys.readouterr()
    assert digest(root) == before  # records are never modified
    assert "Traceback" not in out + err
    return code, out, err


def test_a_law_changed_after_the_version_read_is_reported_with_its_date(services, kb_root, capsys):
    code, out, _ = run(kb_root, capsys)
    assert code == wetcheck.EXIT_CHANGED == 1
    assert ("instruments/vreemdelingenwet-2000.yaml (Vw 2000, BWBR0011823): nieuwe tekstversie geldig sinds "
            "1 juli 2026 (2026-07-01); gelezen versie 1 mei 2017") in out
    assert "ook nalopen: vw-2000-art-8" in out  # the provision read with the old version
    # the EU directive has a consolidated version newer than the version read; another act's is ignored
    assert "instruments/opvangrichtlijn-2024.yaml (Opvangrichtlijn 2024, 32024L1346): geconsolideerde versie van " \
           "1 maart 2026 (2026-03-01)" in out
    assert "opvangrichtlijn-2013" not in out  # repealed, and the record says so
    # what was asked: the version in force on the date, and the CELEX's consolidations, in-force and end date
    bwb = next(p for s, p in services.requests if s == "bwb")
    assert bwb["query"] == ["dcterms.identifier==BWBR0011823 and overheidbwb.geldigheidsdatum==2026-12-04"]
    assert bwb["version"] == ["2.0"]
    eu = next(p for s, p in services.requests if s == "eu")["query"][0]
    assert "cdm:act_consolidated_consolidates_resource_legal" in eu and "cdm:resource_legal_in-force" in eu
    assert "<http://publications.europa.eu/resource/celex/32024L1346>" in eu or "32013L0033" in eu


def test_nothing_changed_is_exit_0(services, make_kb, capsys):
    files = {**FILES}
    files["instruments/vreemdelingenwet-2000.yaml"] = files["instruments/vreemdelingenwet-2000.yaml"].replace(
        "'2017-05-01'", "'2026-07-01'")
    files["instruments/opvangrichtlijn-2024.yaml"] = files["instruments/opvangrichtlijn-2024.yaml"].replace(
        "'2024-05-22'", "'2026-03-01'")
    code, out, _ = run(make_kb(files), capsys)
    assert code == wetcheck.EXIT_OK and "Geen wijzigingen na de gelezen tekstversies." in out


def test_eu_law_that_ended_without_the_record_saying_so_is_reported(services, make_kb, capsys):
    files = {**FILES}
    files["instruments/opvangrichtlijn-2013.yaml"] = (files["instruments/opvangrichtlijn-2013.yaml"]
                                                      .replace("        ceased_from: '2026-06-12'\n", "")
                                                      .replace("        replaced_by: [opvangrichtlijn-2024]\n", ""))
    code, out, _ = run(make_kb(files), capsys)
    assert code == 1
    assert "opvangrichtlijn-2013.yaml (Opvangrichtlijn, 32013L0033): niet meer geldig na 11 juni 2026 volgens " \
           "EUR-Lex; het record noemt geen ceased_from" in out


@pytest.mark.parametrize("mode, message", [
    ("timeout", "De zoekdienst van het Basiswettenbestand antwoordde niet binnen 0.5 seconden"),
    ("http503", "De zoekdienst van het Basiswettenbestand antwoordde met HTTP-fout 503"),
    ("http404", "De zoekdienst van het Basiswettenbestand antwoordde met HTTP-fout 404"),
    ("close", "De zoekdienst van het Basiswettenbestand is niet bereikbaar of gaf een onleesbaar HTTP-antwoord"),
    ("garbage", "De zoekdienst van het Basiswettenbestand gaf geen leesbare XML"),
    ("doctype", "De zoekdienst van het Basiswettenbestand gaf een antwoord met een DOCTYPE"),
    ("diagnostic", "De zoekdienst van het Basiswettenbestand meldt: Query syntax error"),
    ("empty", "De zoekdienst van het Basiswettenbestand kent geen versie van BWBR0011823 die op de peildatum geldt"),
])
def test_a_failing_dutch_service_is_one_dutch_line_and_the_rest_is_still_checked(services, kb_root, capsys, mode,
                                                                                 message):
    services.mode["bwb"] = mode
    code, out, _ = run(kb_root, capsys)
    assert f"- instruments/vreemdelingenwet-2000.yaml: {message}" in out
    assert "Niet na te gaan (1):" in out
    assert "opvangrichtlijn-2024.yaml" in out  # the EU side was still asked
    assert code == wetcheck.EXIT_CHANGED  # the EU change is still reported


@pytest.mark.parametrize("mode, message", [
    ("http500", "De SPARQL-dienst van EUR-Lex (CELLAR) antwoordde met HTTP-fout 500"),
    ("garbage", "De SPARQL-dienst van EUR-Lex (CELLAR) gaf geen SPARQL-resultaat in JSON"),
    ("empty", "De SPARQL-dienst van EUR-Lex (CELLAR) kent geen document met CELEX 32013L0033"),
])
def test_a_failing_eu_service_is_a_dutch_line_per_record(services, kb_root, capsys, mode, message):
    services.mode["eu"] = mode
    code, out, _ = run(kb_root, capsys)
    assert f"- instruments/opvangrichtlijn-2013.yaml: {message}" in out
    assert code == wetcheck.EXIT_CHANGED  # the Dutch change


def test_when_every_service_fails_the_exit_status_is_2_and_an_outage_is_asked_once(services, kb_root, capsys):
    services.mode.update(bwb="timeout", eu="timeout")
    started = time.monotonic()
    code, out, _ = run(kb_root, capsys)
    assert code == wetcheck.EXIT_FAILED == 2
    assert "(niet opnieuw gevraagd)" in out  # the second EU record waits for no second time limit
    assert sum(1 for s, _ in services.requests if s == "eu") == 1
    assert time.monotonic() - started < 5


def test_markdown_for_the_issue_and_json_for_tools(services, kb_root, capsys):
    code, out, _ = run(kb_root, capsys, "--format", "markdown")
    assert code == 1 and "## Opnieuw nalopen" in out
    assert "- [ ] `instruments/vreemdelingenwet-2000.yaml` — Vw 2000 (BWBR0011823): nieuwe tekstversie" in out
    assert "`vw-2000-art-8`" in out
    code, out, _ = run(kb_root, capsys, "--format", "json")
    data = json.loads(out)
    assert data["exit"] == 1 and {c["record"] for c in data["changed"]} == {"vreemdelingenwet-2000",
                                                                            "opvangrichtlijn-2024"}


def test_a_service_answer_cannot_inject_markup_into_the_issue():
    report = wetcheck.Report("2026-12-04", failed=[("x", "instruments/x.yaml",
                                                    "meldt: <img src=x onerror=alert(1)> [link](http://evil)")])
    md = wetcheck.format_markdown(report)
    assert "<img" not in md and "&lt;img" in md and "\\[link\\](http" in md  # shown as text, not a link


def test_a_bad_date_or_an_invalid_knowledge_base_is_a_dutch_message(services, kb_root, make_kb, capsys):
    assert cli.main(["--root", str(kb_root), "wetcheck", "--date", "morgen"]) == 2
    assert "is geen datum" in capsys.readouterr().err
    broken = make_kb({"instruments/kapot.yaml": "title: [\n"})
    assert cli.main(["--root", str(broken), "wetcheck"]) == 2
    assert "de wetcheck draait pas als kb validate slaagt" in capsys.readouterr().err


def test_the_weekly_workflow_runs_it_and_keeps_one_issue():
    text = (ROOT / ".github/workflows/wetcheck.yml").read_text(encoding="utf-8")
    assert "schedule:" in text and "cron:" in text
    assert "kb wetcheck --format markdown" in text
    assert "issues: write" in text and "contents: read" in text
    assert "gh issue edit" in text and "gh issue create" in text  # one issue: updated when it exists
