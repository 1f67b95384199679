"""The `kb` command. Every subcommand is documented in README.md; tests/test_cli.py checks that."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _root(args) -> Path:
    return Path(args.root).resolve()


def cmd_validate(args) -> int:
    from .problems import format_problems
    from .validate import load_kb

    kb = load_kb(_root(args))
    if kb.problems:
        print(format_problems(kb.problems, args.format))
        if args.format == "text":
            n = len(kb.problems)
            print(f"\n{n} {'probleem' if n == 1 else 'problemen'} gevonden in {len(kb.records)} records.", file=sys.stderr)
        return 1
    if args.format == "text":
        print(f"OK: {len(kb.records)} records, geen problemen.")
    elif args.format == "json":
        print("[]")
    return 0


def cmd_export(args) -> int:
    from .graph import build_graph, export_json
    from .problems import format_problems
    from .validate import load_kb

    kb = load_kb(_root(args))
    if kb.problems:
        print(format_problems(kb.problems), file=sys.stderr)
        return 1
    text = export_json(build_graph(kb))
    if args.output in (None, "-"):
        sys.stdout.write(text)
    else:
        Path(args.output).write_text(text, encoding="utf-8")
    return 0


def cmd_build(args) -> int:
    from .site import Stopwatch, build

    watch = Stopwatch()
    code = build(_root(args), site_dir=Path(args.site_dir) if args.site_dir else None, watch=watch)
    if args.timings and code == 0:
        print(watch.report(), file=sys.stderr)
    return code


def cmd_generate(args) -> int:
    from .site import generate

    return generate(_root(args))


def cmd_serve(args) -> int:
    from .serve import serve

    return serve(_root(args), port=args.port)


def cmd_new(args) -> int:
    from .scaffold import new_record

    path, message = new_record(_root(args), args.type, args.id)
    print(message, file=sys.stdout if path else sys.stderr)
    return 0 if path else 1


def cmd_schemas(args) -> int:
    from .schema import render_all, write_all
    from .validate import load_kb

    root = _root(args)
    kb = load_kb(root)
    ids: dict[str, list[str]] = {}
    for record in kb.records.values():
        ids.setdefault(record.type, []).append(record.id)
    if args.check:
        stale = [rel for rel, text in render_all(ids).items()
                 if not (root / rel).exists() or (root / rel).read_text(encoding="utf-8") != text]
        if stale:
            print("Verouderde schema's: " + ", ".join(stale) + ". Voer `kb schemas` uit.", file=sys.stderr)
            return 1
        print("Schema's zijn actueel.")
        return 0
    changed = write_all(root, ids)
    print(f"{len(changed)} bestand(en) bijgewerkt" + (": " + ", ".join(changed) if changed else "."))
    return 0


def cmd_diff(args) -> int:
    from .diff import DiffError, diff_report

    try:
        report = diff_report(_root(args), args.rev)
    except DiffError as e:
        print(f"kb diff: {e}", file=sys.stderr)
        return 2
    if args.output:
        Path(args.output).write_text(report, encoding="utf-8")
    else:
        sys.stdout.write(report)
    return 0


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kb", description="IVRK-kennisbank: valideren, exporteren en bouwen.")
    parser.add_argument("--root", default=".", help="map van de kennisbank (standaard: huidige map)")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("validate", help="controleer alle records; exit 1 bij problemen")
    p.add_argument("--format", choices=("text", "github", "json"), default="text")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("export", help="schrijf de graaf als node-link JSON")
    p.add_argument("--format", choices=("json",), default="json")
    p.add_argument("-o", "--output", help="uitvoerbestand (standaard: stdout)")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("generate", help="schrijf alleen de Markdown-bronnen naar build/")
    p.set_defaults(func=cmd_generate)

    p = sub.add_parser("build", help="bouw de site in site/")
    p.add_argument("--site-dir", help="andere uitvoermap dan site/")
    p.add_argument("--timings", action="store_true", help="toon hoe lang elke bouwstap duurde")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("new", help="maak een nieuw record met alle velden en uitleg")
    p.add_argument("type", help="soort record, bijv. recommendation, risk, article")
    p.add_argument("id", help="id van het nieuwe record (wordt de bestandsnaam)")
    p.set_defaults(func=cmd_new)

    p = sub.add_parser("schemas", help="schrijf JSON Schema's voor editors naar schemas/")
    p.add_argument("--check", action="store_true", help="alleen controleren of ze actueel zijn")
    p.set_defaults(func=cmd_schemas)

    p = sub.add_parser("diff", help="vergelijk met een git-revisie (Markdown voor een PR)")
    p.add_argument("rev", help="git-revisie, bijv. HEAD of origin/main")
    p.add_argument("-o", "--output", help="uitvoerbestand (standaard: stdout)")
    p.set_defaults(func=cmd_diff)

    p = sub.add_parser("serve", help="bouw, serveer op 127.0.0.1 en bouw opnieuw bij wijzigingen")
    p.add_argument("--port", type=int, default=8000)
    p.set_defaults(func=cmd_serve)
    return parser


def main(argv=None) -> int:
    args = make_parser().parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
