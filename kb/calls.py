"""Calls and their follow-up (issue 23): who asked for what, when, in which words, and what became of it.

Everything here is derived from the graph as the model declares it: a call's timeline from the
recommendations and observations that make it (`calls`), the body behind each from its first source
(`model.BODY_STEPS`), and its status from the latest response (`model.CALL_STATUS`). Nothing is typed by
hand: a status exists only when a dated response with its document says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import networkx as nx

from . import escape, model
from .kinds import date_nl


@dataclass(frozen=True)
class Status:
    effect: str  # a choice of the `effect` qualifier
    label: str  # its Dutch label
    response: str  # id of the response that says so
    date: str
    document: str
    by: str  # id of the actor that responded, or ""


@dataclass(frozen=True)
class Ask:
    """One entry of a call's timeline: a recommendation or observation that makes the call."""

    node: str
    body: str  # actor id, or "" when the source names no issuer
    body_name: str
    source: str  # id of the first listed source, or ""
    date: str  # the source's date (YYYY[-MM[-DD]]), or the observation's year
    year: str
    locator: str  # where in the source, the body's own numbering
    document: str  # symbol or title of the source


def _walk(nb, start: str, steps) -> list[str]:
    frontier = [start]
    for direction, relation in steps:
        step = nb.sources if direction == "in" else nb.targets
        frontier = [o for n in frontier for o in step(n, relation)]
    return frontier


def _first_link(nb, node: str, relation: str):
    """(target, attrs) of the first link under `relation` in YAML order, or (None, {})."""
    links = nb.outgoing(node).get(relation)
    return links[0] if links else (None, {})


def body_of(g: nx.MultiDiGraph, nb, node: str) -> tuple[str, str]:
    """(actor id, name) of the body that made a recommendation or observation: the issuer of its first
    listed source (model.BODY_STEPS); without one, the source's author."""
    (out_first, second) = model.BODY_STEPS
    src, _ = _first_link(nb, node, out_first[1])
    if src is None:
        return "", ""
    issuer = nb.targets(src, second[1])
    if issuer:
        return issuer[0], g.nodes[issuer[0]].get("title", issuer[0])
    return "", g.nodes[src].get("author") or g.nodes[src].get("title", src)


def ask_of(g: nx.MultiDiGraph, nb, node: str) -> Ask:
    attrs = g.nodes[node]
    body, name = body_of(g, nb, node)
    src, link = _first_link(nb, node, "sources")
    sattrs = g.nodes[src] if src else {}
    date = str(sattrs.get("date") or attrs.get("year") or "")
    loc = ", ".join(q.show.format(link[q.name]) for q in model.LOCATORS if link.get(q.name))
    return Ask(node, body, name, src or "", date, date[:4], loc,
               sattrs.get("symbol") or sattrs.get("title", "") if sattrs else "")


def timeline(g: nx.MultiDiGraph, nb, call: str) -> list[Ask]:
    """Every recommendation and observation that makes the call, oldest first."""
    asks = [ask_of(g, nb, n) for n in sorted(set(nb.sources(call, "calls")))]
    return sorted(asks, key=lambda a: (a.date or "9999", a.body_name, a.node))  # undated last


def bodies(asks: list[Ask]) -> list[tuple[str, str]]:
    """(key, name) of the distinct bodies of a timeline, in order of first asking."""
    seen: dict[str, str] = {}
    for a in asks:
        seen.setdefault(a.body or "bron:" + a.source, a.body_name)
    return list(seen.items())


def responses(g: nx.MultiDiGraph, nb, call: str) -> list[tuple[str, dict]]:
    """(response id, link attrs) of every response that bears on the call (model.CALL_STATUS.routes),
    newest first; a response reached twice counts once, with its link to the call itself if it has one."""
    rule = model.CALL_STATUS
    found: dict[str, dict] = {}
    for route in rule.routes:
        *before, (direction, relation) = route
        for mid in _walk(nb, call, before):
            for resp, attrs in nb.incoming(mid).get(relation, ()):
                if g.nodes[resp]["type"] == "response":
                    found.setdefault(resp, {**attrs, "target": mid})
    return sorted(found.items(), key=lambda r: (str(g.nodes[r[0]].get(rule.date_field, "")), r[0]), reverse=True)


def status(g: nx.MultiDiGraph, nb, call: str) -> Status | None:
    """The call's status: the effect of its latest response (model.CALL_STATUS), or None."""
    rule = model.CALL_STATUS
    for resp, attrs in responses(g, nb, call):
        effect = attrs.get(rule.qualifier)
        if not effect:
            continue
        r = g.nodes[resp]
        by = nb.targets(resp, "by")
        return Status(effect, model.QUALIFIERS[rule.qualifier].label_of(effect), resp, str(r.get(rule.date_field, "")),
                      r.get("document", ""), by[0] if by else "")
    return None


def also_asked(g: nx.MultiDiGraph, nb, node: str) -> list[Ask]:
    """The other recommendations and observations that make a call this one makes (model.ALSO_ASKED)."""
    _, steps = model.ALSO_ASKED
    others = {n for n in _walk(nb, node, steps) if n != node}
    return sorted((ask_of(g, nb, n) for n in others), key=lambda a: (a.date or "9999", a.body_name, a.node))


# -- "Kopieer onderbouwing": the structure kb-kader.js turns into rich text, plain text and .docx ----

def _articles(g, nb, node: str, href) -> list[dict]:
    items = []
    for target, attrs in nb.outgoing(node).get("implements", []) + nb.outgoing(node).get("concerns", []):
        a = g.nodes[target]
        cite = f"art. {a.get('number')} IVRK" + (f", {attrs['paragraph']}" if attrs.get("paragraph") else "")
        items.append({"text": cite, "title": str(attrs.get("why", "")), "url": href(target)})
    for target, attrs in nb.outgoing(node).get("changes", []):
        a = g.nodes[target]
        items.append({"text": a.get("cite_as") or a.get("short_title") or a.get("title", target),
                      "title": str(attrs.get("why", "")), "url": href(target)})
    return items


def _gc(g, nb, node: str, href) -> list[dict]:
    """General Comment paragraphs that interpret the articles the record serves."""
    arts = [t for t, _ in nb.outgoing(node).get("implements", []) + nb.outgoing(node).get("concerns", [])]
    found = sorted({p for a in arts for p in nb.sources(a, "interprets") if g.nodes[p]["type"] == "gc_paragraph"})
    return [{"text": f"General Comment nr. {g.nodes[p].get('gc')} ({g.nodes[p].get('year')}), par. "
                     f"{g.nodes[p].get('paragraph')}", "title": g.nodes[p].get("title", ""), "url": href(p)}
            for p in found[:6]]


def _ask_section(g, nb, ask: Ask, href, heading) -> dict:
    attrs = g.nodes[ask.node]
    cite = ", ".join(x for x in (ask.document, ask.locator) if x)
    parts = [{"label": "Rechtsgrond", "items": _articles(g, nb, ask.node, href)},
             {"label": "Uitleg door het VN-Comité", "items": _gc(g, nb, ask.node, href)}]
    return {"heading": f"{ask.body_name or 'Onbekende instantie'} ({ask.year or 'jaar onbekend'}): {heading(ask.node)}",
            "cite": cite, "url": href(ask.node), "strength": "",
            "why": [str(attrs.get("text") or attrs.get("summary") or "").strip()],
            "parts": [p for p in parts if p["items"]]}


def _status_section(g, nb, st: Status | None, href) -> dict:
    if st is None:
        return {"heading": f"Stand van zaken: {model.CALL_STATUS.none_label}", "cite": "", "url": "", "strength": "",
                "why": ["De kennisbank kent geen gedateerde reactie van een geadresseerde op deze oproep."], "parts": []}
    r = g.nodes[st.response]
    return {"heading": f"Stand van zaken: {st.label} ({date_nl(st.date)})", "cite": st.document,
            "url": r.get("url") or href(st.response), "strength": "",
            "why": [str(r.get("text", "")).strip()], "parts": []}


def onderbouwing(g: nx.MultiDiGraph, nb, node: str, heading, href, source_url: str = "") -> dict:
    """What an advocate pastes into a letter: the call, every body that made it with its citation, the
    legal basis, and the latest status with its source. For a recommendation or observation: the calls it
    makes, or (when it makes none) the record itself."""
    t = g.nodes[node]["type"]
    calls = [node] if t == "call" else sorted(set(nb.targets(node, "calls")))
    sections, choices = [], []
    if not calls:
        ask = ask_of(g, nb, node)
        sections.append(_ask_section(g, nb, ask, href, heading))
        choices = [ask.body_name] if ask.body_name else []
        title, text = heading(node), str(g.nodes[node].get("text") or g.nodes[node].get("summary") or "")
    else:
        title = heading(calls[0]) if len(calls) == 1 else heading(node)
        text = " ".join(str(g.nodes[c].get("text", "")).strip() for c in calls)
        for c in calls:
            asks = timeline(g, nb, c)
            choices += [name for _, name in bodies(asks) if name not in choices]
            sections += [_ask_section(g, nb, a, href, heading) for a in asks]
            sections.append(_status_section(g, nb, status(g, nb, c), href))
    return {"title": "Onderbouwing: " + title, "situation": text.strip(), "choices": choices,
            "source": source_url, "sections": sections,
            "labels": {"choices": "Gevraagd door", "situation": "Oproep"}}


# -- the Atom feed of a call --------------------------------------------------------------------------

def _atom_date(value: str) -> str:
    parts = (str(value) + "-01-01").split("-")[:3] if re.fullmatch(r"[0-9]{4}(-[0-9]{2}){0,2}", str(value)) else \
        ["1970", "01", "01"]
    parts = (parts + ["01", "01"])[:3]
    return f"{parts[0]}-{parts[1]}-{parts[2]}T00:00:00Z"


def feed(g: nx.MultiDiGraph, nb, call: str, heading, url_from_feed) -> str:
    """Atom feed of one call: every body that made it and every response, newest first. Links are
    relative to the feed (monitor/<call>.xml)."""
    esc = escape.text
    entries = []
    for a in timeline(g, nb, call):
        entries.append((a.date, a.node, f"{a.body_name or 'Onbekende instantie'} vraagt dit ({a.year})",
                        ", ".join(x for x in (a.document, a.locator) if x) + ": " + heading(a.node)))
    for resp, attrs in responses(g, nb, call):
        r = g.nodes[resp]
        effect = model.QUALIFIERS["effect"].label_of(attrs.get("effect", ""))
        entries.append((str(r.get("date", "")), resp, f"Reactie: {effect} — {r.get('title', resp)}",
                        f"{r.get('document', '')}: {str(r.get('text', '')).strip()}"))
    entries.sort(key=lambda e: (_atom_date(e[0]), e[1]), reverse=True)
    updated = _atom_date(entries[0][0]) if entries else "1970-01-01T00:00:00Z"
    items = "".join(
        f"<entry><id>urn:ivrk-kennisbank:oproep:{esc(call)}:{esc(node)}</id><title>{esc(title)}</title>"
        f'<link href="{esc(url_from_feed(node))}"/><updated>{_atom_date(date)}</updated>'
        f"<summary>{esc(summary)}</summary></entry>\n" for date, node, title, summary in entries)
    return ('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="nl">'
            f"<title>{esc('Oproep: ' + heading(call))}</title><id>urn:ivrk-kennisbank:oproep:{esc(call)}</id>"
            f'<link href="{esc(url_from_feed(call))}"/><updated>{updated}</updated>'
            "<author><name>IVRK-kennisbank</name></author>\n" + items + "</feed>\n")


def feed_path(call: str) -> str:
    return f"monitor/{call}.xml"
