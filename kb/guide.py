"""The wegwijzer's data: for every possible choice (target group, setting, situation), the
articles it leads to, with the route that explains why; per article the records that interpret it,
what the Committee asked the Netherlands and the recommendations, each with a citation. Written as
JSON at build time (wegwijzer/data.json); the page's script adds up the routes of the choices a user
makes or that its description names.

The text side (wegwijzer/zoekindex.json, also loaded by the header search on every page): a BM25 index
over the records a situation is described by, the legal vocabulary (vocabulary.yaml) as stems, and the
identifiers of cited records ("art. 22", "CRC/GC/2005/6"). Everything is bounded per record, so both
files grow linearly with the knowledge base.
"""

from __future__ import annotations

import json

import networkx as nx

from . import calls, citation, lawtime, model, textsearch
from .graph import Neighbours


def _walk(nb: Neighbours, start: str, steps) -> list[list[tuple[str, dict]]]:
    """All routes from `start` following `steps`: lists of (node, attributes of the link used)."""
    routes = [[(start, {})]]
    for direction, relation in steps:
        nxt = []
        for route in routes:
            links = (nb.incoming if direction == "in" else nb.outgoing)(route[-1][0]).get(relation, ())
            visited = [n for n, _ in route]
            for other, attrs in links:
                if other not in visited:
                    nxt.append(route + [(other, attrs)])
        routes = nxt
    return routes


EXAMPLE_ROUTES = 3  # routes shown per choice and article
ARTICLE_RECOMMENDATIONS = 12  # recommendations offered per article
ARTICLE_INTERPRETATIONS = 20  # interpreting records (General Comments, their paragraphs) per article
ARTICLE_OBSERVATIONS = 12  # concluding observations per article
ARTICLE_LAW = 12  # provisions (Dutch, EU and treaty law) per article
# The links by which a provision gives effect to or touches an article (model.SECTIONS of article pages).
LAW_RELATIONS = tuple(dict.fromkeys(rel for sec in model.SECTIONS if sec.type_name == "article"
                                    for src, rel in sec.relations if src == "provision"))
ARTICLE_CALLS = 6  # calls (issue 23) made by the recommendations that serve an article, most bodies first
ARTICLE_CASES = 12  # rulings and Committee views per article (issue 22), newest first
# The links of a case to an article (rulings and the Committee's views), and to the situations a reader chooses:
# the latter order the cases of an article (kb-wegwijzer.js relevance), those about the chosen situation first.
CASE_RELATIONS = model.CASE_LAW_FACETS["case_article"].relations
CASE_ORDER_RELATIONS = tuple(sorted({r.name for t in model.CASE_LAW_TYPES for r in model.RELATIONS_BY_TYPE[t].values()
                                     if set(r.target_types) & set(model.GUIDE_CHOICES)}))
CHOICE_TYPES = tuple(model.GUIDE_CHOICES)
# The links of a recommendation to the things a reader chooses: they order its recommendations (kb-wegwijzer.js).
ORDER_RELATIONS = tuple(r.name for r in model.RELATIONS_BY_TYPE["recommendation"].values()
                        if set(r.target_types) & set(CHOICE_TYPES))


def _locator(attrs: dict) -> str:
    """Where in the linking document: the link's paragraph, page or section qualifier."""
    return str(attrs.get("paragraph") or (f"p. {attrs['page']}" if attrs.get("page") else "") or "")


def _short_citation(g: nx.MultiDiGraph, nb: Neighbours, n: str, accessed: str) -> str:
    """How the framework cites a record: its first short form as the model declares it ("art. 22 IVRK",
    "General Comment nr. 6, CRC/GC/2005/6", "CRC/C/NLD/CO/5-6, par. 37"), else the full Dutch citation."""
    attrs = g.nodes[n]
    how = model.RECORD_TYPES[attrs["type"]].cite
    if how is None:
        return ""
    fields = citation.form_fields(attrs)  # forms naming an empty field are left out (citation._form)
    forms = [f for f in (citation._form(form, fields).strip() for form in how.forms_for(attrs)) if f and "jci" not in f]
    if forms:
        symbol = attrs.get("symbol", "")
        return f"{forms[0]}, {symbol}" if symbol and symbol not in forms[0] else forms[0]
    c = citation.citation_data(g, nb, n, accessed=accessed)
    return citation.dutch(c) if c else ""


def _interpretation_order(g: nx.MultiDiGraph, n: str, heading):
    """Paragraphs before whole General Comments, then by the number of the General Comment."""
    attrs = g.nodes[n]
    number = attrs.get("number") if attrs["type"] == "general_comment" else attrs.get("gc")
    return (attrs["type"] == "general_comment", number if isinstance(number, int) else 10**6, heading(n))


def _case_date(g: nx.MultiDiGraph, n: str) -> str:
    attrs = g.nodes[n]
    return str(attrs.get("date") or attrs.get("adopted") or "")


def guide_data(g: nx.MultiDiGraph, nb: Neighbours, heading, url, accessed: str = "") -> dict:
    """JSON-ready data. `heading(id)` gives a node's display title, `url(id)` its site-relative URL."""
    choices = {t: sorted((n for n, a in g.nodes(data=True) if a["type"] == t), key=heading)
               for t in CHOICE_TYPES}
    # Per choice and article: the summed weight of all routes, and a few of them to explain it
    # (shortest first). Bounded, so the file stays small at 10,000 records.
    per: dict[tuple[str, str], dict] = {}
    for route_decl in model.GUIDE_ROUTES:
        for start in choices.get(route_decl.start_type, []):
            for route in _walk(nb, start, route_decl.steps):
                end = route[-1][0]
                if g.nodes[end]["type"] != "article":
                    continue
                entry = per.setdefault((start, end), {"a": end, "w": 0, "routes": []})
                entry["w"] += route_decl.weight
                why = route[-1][1].get("why", "")
                entry["routes"].append(([n for n, _ in route[1:-1]], why))
    routes: dict[str, list] = {}
    used = set(choices["target_group"]) | set(choices["setting"]) | set(choices["risk"])
    for (start, _), entry in sorted(per.items()):
        kept = sorted(entry["routes"], key=lambda r: (len(r[0]), r[0]))[:EXAMPLE_ROUTES]
        routes.setdefault(start, []).append({"a": entry["a"], "w": entry["w"], "n": len(entry["routes"]),
                                             "via": [v for v, _ in kept], "why": [w for _, w in kept]})
        used.update(n for v, _ in kept for n in v)
    articles = sorted(n for n, a in g.nodes(data=True) if a["type"] == "article")
    on = accessed or lawtime.today()
    statuses: dict[str, str | None] = {}

    def status(n):
        if n not in statuses:
            statuses[n] = lawtime.node_status(g, nb, n, on)
        return statuses[n]

    call_info: dict[str, tuple[int, str]] = {}

    def call_line(c):
        """(number of bodies, what the answer says after the call's title: bodies and latest status)."""
        if c not in call_info:
            n = len(calls.bodies(calls.timeline(g, nb, c)))
            st = calls.status(g, nb, c)
            text = f"{n} {'instantie' if n == 1 else 'instanties'}"
            call_info[c] = (n, text + (f"; {st.label} ({st.date[:4]})" if st else ""))
        return call_info[c]

    info = {}
    for a in articles:
        inc = nb.incoming(a)
        # whatever interprets the article (General Comments, their paragraphs): the most specific first
        interp = sorted(inc.get("interprets", ()), key=lambda l: _interpretation_order(g, l[0], heading))
        interp = interp[:ARTICLE_INTERPRETATIONS]
        obs = sorted(inc.get("concerns", ()), key=lambda l: heading(l[0]))[:ARTICLE_OBSERVATIONS]
        implementing = [s for s, _ in inc.get("implements", ())]
        # the recommendations most connected to groups, places and risks first, a bounded number
        recs = sorted(implementing,
                      key=lambda r: (-sum(map(len, nb.outgoing(r).values())), r))[:ARTICLE_RECOMMENDATIONS]
        # the law behind the article: what applies today first, repealed law last and only as history
        law = sorted({s for rel in LAW_RELATIONS for s, _ in inc.get(rel, ())},
                     key=lambda s: (lawtime.STATUS_ORDER[status(s)], heading(s)))
        # the case law on the article: each ruling or view once, newest first
        cases: dict[str, dict] = {}
        for rel in CASE_RELATIONS:
            for s, l in inc.get(rel, ()):
                if g.nodes[s]["type"] in model.CASE_LAW_TYPES:
                    cases.setdefault(s, l)
        case_list = sorted(cases, key=lambda s: (_case_date(g, s), s), reverse=True)
        info[a] = {"gc": [[s, _locator(l)] for s, l in interp], "obs": [[s, _locator(l)] for s, l in obs],
                   "rec": recs, "nrec": len(implementing), "ngc": len(inc.get("interprets", ())),
                   "nobs": len(inc.get("concerns", ())), "law": law[:ARTICLE_LAW], "nlaw": len(law)}
        used.update(law[:ARTICLE_LAW])
        if case_list:
            info[a]["case"] = [[s, ""] for s in case_list[:ARTICLE_CASES]]
            info[a]["ncase"] = len(case_list)
        used.update(case_list[:ARTICLE_CASES])
        # the calls the recommendations serving the article make: who else asked, and what became of it
        made = sorted({c for r in implementing for c in nb.targets(r, "calls")},
                      key=lambda c: (-call_line(c)[0], heading(c)))
        if made:
            info[a]["call"] = [[c, call_line(c)[1]] for c in made[:ARTICLE_CALLS]]
            info[a]["ncall"] = len(made)
            used.update(made[:ARTICLE_CALLS])
        used.add(a)
        used.update(s for s, _ in interp)
        used.update(s for s, _ in obs)
        used.update(recs)
    # What each node carries is what the page uses of it (the file is parsed on every visit: at 10,000
    # records its size is most of the time to the answer): title, URL and type for every link; a citation
    # for what the framework cites (the articles and what is listed under them); the groups, places and
    # situations a listed recommendation concerns, which order the recommendations (kb-wegwijzer.js relevance).
    cited = set(articles) | {s for i in info.values() for s, _ in (*i["gc"], *i["obs"], *i.get("case", ()))} | {
        s for i in info.values() for s in i["law"]}
    listed = {r for i in info.values() for r in i["rec"]}
    case_nodes = {s for i in info.values() for s, _ in i.get("case", ())}
    nodes = {}
    for n in sorted(used):
        attrs = g.nodes[n]
        node = {"t": heading(n), "u": url(n), "type": attrs["type"]}
        if n in listed:
            for k in ORDER_RELATIONS:
                targets = nb.targets(n, k)
                if targets:
                    node[k] = sorted(targets)
        if n in case_nodes:
            for k in CASE_ORDER_RELATIONS:
                targets = nb.targets(n, k)
                if targets:
                    node[k] = sorted(targets)
        if (n in cited or n in listed) and attrs["type"] not in CHOICE_TYPES:
            cite = _short_citation(g, nb, n, accessed)
            if cite:
                node["c"] = cite
        if attrs["type"] == "article":
            # what the juridisch kader states of an article: its summary and the official text
            if attrs.get("summary"):
                node["s"] = str(attrs["summary"])
            if attrs.get("url_nl") or attrs.get("url_en"):
                node["o"] = str(attrs.get("url_nl") or attrs.get("url_en"))
        if status(n) in ("ceased", "not_yet"):  # law that does not apply today says so (kb-kader.js)
            parent = nb.targets(n, "instrument") if attrs["type"] == "provision" else []
            node["st"] = status(n)
            node["sl"] = lawtime.status_text(attrs, status(n), g.nodes[parent[0]] if parent else None).lower()
        nodes[n] = node
    return {"choices": choices, "routes": routes, "articles": info, "nodes": nodes,
            "choice_max": model.GUIDE_CHOICES, "order_relations": list(ORDER_RELATIONS),
            "case_relations": list(CASE_ORDER_RELATIONS)}


def search_data(g: nx.MultiDiGraph, heading, url) -> dict:
    """The text side, for the wegwijzer's description box and the header search (wegwijzer/zoekindex.json)."""
    index = textsearch.text_index(g)
    vocab = getattr(g.graph.get("vocabulary"), "groups", None) or []
    groups = []
    for group in vocab:
        phrases = [textsearch.content_stems(w) for w in group.words]
        entry = {"p": [p for p in phrases if p], "w": group.words, "r": group.records}
        if group.note:
            entry["n"] = group.note
        if group.ages:
            entry["a"] = list(group.ages)
        groups.append(entry)
    ids = textsearch.identifier_forms(g, heading)
    wanted = {d[0] for d in index["docs"]} | {r for gr in groups for r in gr["r"]} | {n for _, n in ids}
    nodes = {}
    for n in sorted(wanted):
        rtype = model.RECORD_TYPES[g.nodes[n]["type"]]
        nodes[n] = {"t": heading(n), "u": url(n), "k": rtype.label}
    return {"index": index, "stop": sorted(textsearch.STOPWORDS), "exc": textsearch.STEM_EXCEPTIONS, "vocab": groups,
            "ids": ids, "nodes": nodes}


def guide_json(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
