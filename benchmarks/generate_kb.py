#!/usr/bin/env python3
"""Write a synthetic knowledge base of N records in the real format (config included).

    python benchmarks/generate_kb.py --records 10000 --out /tmp/kb10k
    kb --root /tmp/kb10k build

The mix follows what the model is meant to hold at scale: mostly recommendations and risks from
many sources, linked to the 54 articles, a few dozen General Comments, themes, actors, target
groups and settings. Deterministic for a given N and seed.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from kb import model  # noqa: E402 - after the repository is on the path

WORDS = ("kind opvang bescherming uitbuiting gezinslocatie noodopvang onderwijs gezondheid zorg verhuizing "
         "privacy participatie voogdij asielprocedure veiligheid ontwikkeling jeugdhulp beperking toegang "
         "begeleiding gemeente traject signalering registratie vermissing onderzoek perspectief").split()

# share of N per type (articles, General Comments, target groups and settings are fixed sets)
MIX = {"recommendation": .48, "risk": .2, "fact": .12, "source": .06, "observation": .05, "actor": .02,
       "theme": .01}
# the record types this generator writes, in the folders the model declares
FOLDERS = {t: model.RECORD_TYPES[t].folder for t in ("article", "general_comment", "observation", "theme", "risk",
                                                       "recommendation", "fact", "source", "actor", "target_group",
                                                       "setting")}


def sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return (" ".join(words)).capitalize() + "."


def q(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def text(rng, sentences=2) -> str:
    return " ".join(sentence(rng, rng.randint(8, 16)) for _ in range(sentences))


def links(ids, rng, lo, hi, why=False, locator=False):
    chosen = rng.sample(ids, min(len(ids), rng.randint(lo, hi)))
    out = []
    for i in chosen:
        if why or locator:
            out.append(f"  - id: {i}")
            if why:
                out.append(f"    why: {sentence(rng, 8)}")
            if locator:
                out.append(f"    section: Hoofdstuk {rng.randint(1, 9)}")
                out.append(f"    page: {rng.randint(1, 120)}")
        else:
            out.append(f"  - {i}")
    return out


def generate(n: int, out: Path, seed: int = 1) -> dict[str, int]:
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", out / "mkdocs.yml")
    records: dict[str, list[tuple[str, list[str]]]] = {t: [] for t in FOLDERS}
    fixed = 54 + 26 + 5 + 5
    counts = {t: max(1, int((n - fixed) * share)) for t, share in MIX.items()}
    counts["recommendation"] += max(0, n - fixed - sum(counts.values()))
    ids = {
        "article": [f"ivrk-{i}" for i in range(1, 55)],
        "general_comment": [f"gc-{i}" for i in range(1, 27)],
        "target_group": [f"doelgroep-{i}" for i in range(1, 6)],
        "setting": [f"opvangvorm-{i}" for i in range(1, 6)],
        **{t: [f"{t.replace('_', '-')}-{i}" for i in range(1, c + 1)] for t, c in counts.items()},
    }
    for i, rid in enumerate(ids["article"], 1):
        body = [f"title: Artikel {i}", f"number: {i}", f"part: {'I' if i <= 41 else 'II' if i <= 45 else 'III'}",
                f"title_en: Article {i}", f"summary: {text(rng, 3)}", "url_nl: https://wetten.overheid.nl/BWBV0002508",
                f"jci: jci1.3:c:BWBV0002508&artikel={i}", "related:",
                *links([a for a in ids["article"] if a != rid], rng, 1, 3, why=True)]
        records["article"].append((rid, body))
    for i, rid in enumerate(ids["general_comment"], 1):
        records["general_comment"].append((rid, [f"title: General Comment {i}", f"number: {i}", f"year: {1990 + i}",
                                                 f"symbol: CRC/C/GC/{i}", f"summary: {text(rng)}", "interprets:",
                                                 *links(ids["article"], rng, 1, 4)]))
    for t in ("target_group", "setting"):
        for rid in ids[t]:
            records[t].append((rid, [f"title: {rid.replace('-', ' ').capitalize()}", f"summary: {text(rng)}"]))
    for rid in ids["source"]:
        records["source"].append((rid, [f"title: Rapport {rid}", "kind: report",
                                        f"standing: {rng.choice(['advocacy', 'finding', 'statistic', 'interpretation'])}",
                                        "author: Organisatie", f"date: {rng.randint(2005, 2025)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
                                        f"url: https://example.org/{rid}", f"summary: {text(rng)}"]))
    for rid in ids["actor"]:
        records["actor"].append((rid, [f"title: Actor {rid}", f"abbreviation: A{rid[-3:]}", f"summary: {text(rng, 1)}"]))
    for i, rid in enumerate(ids["theme"], 1):
        records["theme"].append((rid, [f"title: {q(f'Thema {i}: {sentence(rng, 4)}')}", f"number: {i}", f"summary: {text(rng)}",
                                       "legal_basis:", *links(ids["article"] + ids["general_comment"], rng, 3, 8, why=True),
                                       "target_groups:", *links(ids["target_group"], rng, 1, 2),
                                       "sources:", *links(ids["source"], rng, 1, 1, locator=True)]))
    for rid in ids["risk"]:
        records["risk"].append((rid, [f"title: {sentence(rng, 6)}", f"summary: {text(rng)}",
                                      f"theme: {rng.choice(ids['theme'])}",
                                      "engages:", *links(ids["article"], rng, 1, 3, why=True),
                                      "target_groups:", *links(ids["target_group"], rng, 1, 2),
                                      "settings:", *links(ids["setting"], rng, 0, 2),
                                      "sources:", *links(ids["source"], rng, 1, 2, locator=True)]))
    for i, rid in enumerate(ids["recommendation"], 1):
        records["recommendation"].append((rid, [
            f"title: {sentence(rng, 6)}", f"text: {text(rng)}", f"number: {i}", f"theme: {rng.choice(ids['theme'])}",
            "implements:", *links(ids["article"], rng, 1, 3, why=True),
            "addresses:", *links(ids["risk"], rng, 0, 2),
            "addressed_to:", *links(ids["actor"], rng, 1, 2),
            "aligns_with:", *links(ids["observation"], rng, 0, 1),
            "target_groups:", *links(ids["target_group"], rng, 1, 2),
            "settings:", *links(ids["setting"], rng, 0, 1),
            "sources:", *links(ids["source"], rng, 1, 1, locator=True)]))
    for rid in ids["fact"]:
        records["fact"].append((rid, [f"title: {sentence(rng, 5)}", f"value: {rng.randint(1, 99999)}", "unit: kinderen",
                                      f"period: {rng.randint(2010, 2025)}", "place: Nederland",
                                      "evidences:", *links(ids["risk"], rng, 1, 2),
                                      "sources:", *links(ids["source"], rng, 1, 1, locator=True)]))
    for i, rid in enumerate(ids["observation"], 1):
        records["observation"].append((rid, [f"title: {sentence(rng, 5)}", "document: CRC/C/NLD/CO/5-6",
                                             f"paragraph: {i}({chr(97 + i % 8)})", "year: 2022", f"summary: {text(rng)}",
                                             "concerns:", *links(ids["article"], rng, 1, 2),
                                             "sources:", *links(ids["source"], rng, 1, 1, locator=True)]))
    for t, items in records.items():
        folder = out / FOLDERS[t]
        folder.mkdir(exist_ok=True)
        for rid, body in items:
            (folder / f"{rid}.yaml").write_text("\n".join(body) + "\n", encoding="utf-8")
    return {t: len(v) for t, v in records.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    counts = generate(args.records, args.out, args.seed)
    print(f"{sum(counts.values())} records in {args.out}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))


if __name__ == "__main__":
    main()
