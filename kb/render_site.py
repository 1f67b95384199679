"""Site-wide pages: home, wegwijzer, recent changes, feed, redirects of old ids, and the list of every
page that is not a record page (with the files offered beside them)."""

from __future__ import annotations

from . import escape, guide, model


class SitePages:
    """Mixin of render.Pages: the pages that are not about one record."""

    def guide_data(self) -> dict:
        return guide.guide_data(self.g, self.nb, self.heading, lambda n: model.url_of(self.g.nodes[n]["type"], n),
                                accessed=self.accessed)

    def search_data(self) -> dict:
        return guide.search_data(self.g, self.heading, lambda n: model.url_of(self.g.nodes[n]["type"], n))

    def guide_page(self, data: dict) -> str:
        return self.env.get_template("wegwijzer.md.j2").render(choices=data["choices"], nodes=data["nodes"])

    def home_page(self) -> str:
        counts = {t: sum(1 for _, a in self.g.nodes(data=True) if a["type"] == t) for t in model.RECORD_TYPES}
        themes = sorted((n for n, a in self.g.nodes(data=True) if a["type"] == "theme"), key=self._order)
        return self.env.get_template("home.md.j2").render(counts=counts, themes=themes, page="index.md",
                                                          law_checked=self.law_checked(),
                                                          law_note=(self.g.graph.get("law_date") or {}).get("note", ""))

    def changes_page(self) -> str:
        by_path = {a["path"]: n for n, a in self.g.nodes(data=True)}
        rows, seen = [], set()
        for change, path in self.recent:
            if (change.commit, path) not in seen and len(rows) < 100:
                seen.add((change.commit, path))
                rows.append((change, path, by_path.get(path)))
        return self.env.get_template("wijzigingen.md.j2").render(rows=rows, page="wijzigingen/index.md")

    def feed(self) -> str:
        """Atom feed of recent record changes; links are relative to the feed (site root)."""
        by_path = {a["path"]: n for n, a in self.g.nodes(data=True)}
        entries, seen = [], set()
        for change, path in self.recent:
            node = by_path.get(path)
            if node is None or (change.commit, path) in seen or len(entries) >= 50:
                continue
            seen.add((change.commit, path))
            entries.append((change, node))
        updated = entries[0][0].date if entries else "1970-01-01"
        esc = escape.text
        items = "".join(
            f"<entry><id>urn:ivrk-kennisbank:{esc(c.commit)}:{esc(n)}</id><title>{esc(self.heading(n))}</title>"
            f'<link href="{esc(model.url_of(self.g.nodes[n]["type"], n))}"/><updated>{esc(c.date)}T00:00:00Z</updated>'
            f"<summary>{esc(c.subject)}</summary></entry>\n" for c, n in entries)
        return ('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="nl">'
                "<title>IVRK-kennisbank: recente wijzigingen</title><id>urn:ivrk-kennisbank:wijzigingen</id>"
                f'<link href="wijzigingen/"/><updated>{updated}T00:00:00Z</updated>'
                "<author><name>IVRK-kennisbank</name></author>\n" + items + "</feed>\n")

    def redirects(self) -> dict[str, str]:
        """An HTML page at the URL of every old id (aliases) that forwards to the record."""
        files = {}
        for n, attrs in self.g.nodes(data=True):
            for alias in attrs.get("aliases", []):
                target = f"../{n}/"
                files[f"{model.RECORD_TYPES[attrs['type']].slug}/{alias}/index.html"] = (
                    '<!doctype html><html lang="nl"><head><meta charset="utf-8">'
                    f'<title>Verplaatst</title><link rel="canonical" href="{target}">'
                    f'<meta http-equiv="refresh" content="0; url={target}"><meta name="robots" content="noindex">'
                    f'</head><body><p>Deze pagina heet nu <a href="{target}">{escape.text(self.heading(n))}</a>.</p>'
                    "</body></html>\n")
        return files

    def site_pages(self) -> dict[str, str]:
        """Relative path -> text of every page that is not a record page, and the files offered."""
        guide_data = self.guide_data()
        pages = {"index.md": self.home_page(), "wegwijzer/index.md": self.guide_page(guide_data),
                 "wegwijzer/data.json": guide.guide_json(guide_data),
                 "wegwijzer/zoekindex.json": guide.guide_json(self.search_data()),
                 "wijzigingen/index.md": self.changes_page(), "feed.xml": self.feed(), **self.redirects()}
        for type_name, rtype in model.RECORD_TYPES.items():
            pages[f"{rtype.slug}/index.md"] = self.index_page(type_name)
            pages[f"{rtype.slug}/index.json"] = self.index_data(type_name)
        from . import export, scan  # the exports under data/ and the "Open data" page; "Verwijzingen herkennen"

        pages.update(self.call_site_files())  # issue 23: the Monitor page and the calls' feeds
        pages.update(export.site_files(self))
        pages.update(scan.site_files(self))
        return pages

    def all_pages(self) -> dict[str, str]:
        """Relative path -> text, for every page of the site and the files it offers."""
        return {**self.site_pages(), **self.record_pages(self.g.nodes)}
