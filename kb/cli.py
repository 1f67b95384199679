"""The `kb` command. Every subcommand is documented in README.md; tests/test_docs.py checks that.

`main` never shows a traceback for what a user can cause: a `KbError` is printed as its Dutch message
and hint, an `OSError` (disk full, no permission, missing folder) as a Dutch message naming the path,
anything else as "interne fout" with the advice to run again with `--debug`, which shows the traceback.
Everything printed to the terminal passes `problems.safe`: no control character from a value or a
file name reaches it.
"""

from __future__ import annotations

import argparse
import json
import errno
import os
import re
import sys
import traceback
from pathlib import Path

from .errors import BuildError, KbError, ProblemsFound

# Exit codes: 0 fine, 1 problems found or a failure the message explains, 2 wrong use (argparse,
# unknown revision), 70 an internal error (a bug in kb), 130 interrupted.
EXIT_INTERNAL = 70


def _root(args) -> Path:
    return Path(args.root).resolve()


def cmd_validate(args) -> int:
    from .problems import format_problems
    from .validate import load_kb

    kb = load_kb(_root(args))
    everything = kb.problems + kb.warnings
    if everything or args.format == "json":
        print(format_problems(everything, args.format))
    w = len(kb.warnings)
    warned = f" ({w} {'waarschuwing' if w == 1 else 'waarschuwingen'})" if w else ""
    if kb.problems:
        if args.format == "text":
            n = len(kb.problems)
            print(f"\n{n} {'probleem' if n == 1 else 'problemen'} gevonden in {len(kb.records)} records{warned}.",
                  file=sys.stderr)
        return 1
    if args.format == "text":
        print(f"OK: {len(kb.records)} records, geen problemen{warned}.")
    return 0


def cmd_export(args) -> int:
    from .graph import build_graph
    from .problems import format_problems
    from .validate import load_kb

    from .export import FORMATS, base_url, export, write_folder

    root = _root(args)
    fmt = FORMATS[args.format]
    if fmt.folder and args.output in (None, "-"):
        raise KbError(f"--format {fmt.name} schrijft een map, geen enkel bestand",
                      f"Geef die map op met -o, bijvoorbeeld: kb export --format {fmt.name} -o kennisbank-{fmt.name}")
    kb = load_kb(root)
    if kb.problems:
        print(format_problems(kb.problems), file=sys.stderr)
        return 1
    out = export(build_graph(kb), fmt.name, base_url(root=root))
    if fmt.folder:
        folder = Path(args.output)
        if not folder.parent.is_dir():
            raise KbError(f"map '{folder.parent}' bestaat niet", "Maak de map eerst aan, of kies een andere plek met -o.")
        write_folder(folder, out)
        return 0
    _write_output(args.output, out, root)
    return 0


def _write_output(output: str | None, text: str, root: Path | None = None, overwrite: bool = True) -> None:
    """To stdout, or to the file the user named (its folder must exist), never through a link (kb/safeio.py)."""
    from .safeio import write_file

    if output in (None, "-"):
        sys.stdout.write(text)
        return
    write_file(Path(output), text, anchors=(root,), overwrite=overwrite)


def cmd_build(args) -> int:
    from .site import Stopwatch, build

    watch = Stopwatch()
    built = build(_root(args), site_dir=Path(args.site_dir) if args.site_dir else None, watch=watch)
    _warn(built.generated.warnings)
    print(f"Site gebouwd in {built.site_dir}")
    if args.timings:
        print(json.dumps(watch.as_dict()) if args.timings == "json" else watch.report(), file=sys.stderr)
    return 0


def cmd_generate(args) -> int:
    from .site import generate

    root = _root(args)
    generated = generate(root)
    _warn(generated.warnings)
    print(f"{generated.pages} pagina's gegenereerd in {generated.docs.relative_to(root)}")
    return 0


def _warn(warnings: list) -> None:
    """Warnings that did not stop a command: the contributor should see them."""
    from .problems import format_problems

    if warnings:
        print(format_problems(warnings), file=sys.stderr)


class _Printer:
    """kb serve's reporter: progress to stdout, problems to stderr, each line at once."""

    def info(self, text: str) -> None:
        print(text, flush=True)

    def problem(self, text: str) -> None:
        print(text, file=sys.stderr, flush=True)


def cmd_serve(args) -> int:
    from .serve import serve

    serve(_root(args), port=args.port, report=_Printer())
    return 0


def cmd_new(args) -> int:
    from .scaffold import new_record

    path, message = new_record(_root(args), args.type, args.id)
    print(message)
    return 0


def cmd_schemas(args) -> int:
    from .schema import render_all, write_all
    from .validate import load_kb

    root = _root(args)
    kb = load_kb(root)
    ids: dict[str, list[str]] = {}
    for record in kb.records.values():
        ids.setdefault(record.type, []).append(record.id)
    files = render_all(ids)
    for rel in files:  # never read or write through a link a pull request put there
        _refuse_link(root, rel)
    if args.check:
        stale = [rel for rel, text in files.items() if _read_or_none(root / rel) != text]
        if stale:
            print("Verouderde schema's: " + ", ".join(stale) + ". Voer `kb schemas` uit.", file=sys.stderr)
            return 1
        print("Schema's zijn actueel.")
        return 0
    changed = write_all(root, ids)
    print(f"{len(changed)} bestand(en) bijgewerkt" + (": " + ", ".join(changed) if changed else "."))
    return 0


def _refuse_link(root: Path, rel: str) -> None:
    path = root
    for part in Path(rel).parts:
        path = path / part
        if path.is_symlink():
            raise KbError(f"'{path.relative_to(root).as_posix()}' is een symbolische link; kb schemas volgt die niet",
                          "Verwijder de link; `kb schemas` schrijft daar dan een gewoon bestand.")


def _read_or_none(path: Path) -> str | None:
    from .yamlio import YamlError, read_limited

    try:
        return read_limited(path, 10 * 1024 * 1024).decode("utf-8", "replace")
    except FileNotFoundError:
        return None
    except YamlError as e:  # a folder, device or huge file where a schema belongs
        raise KbError(f"'{path}': {e.message}", e.hint) from None


def cmd_scan(args) -> int:
    from . import scan
    from .graph import build_graph
    from .problems import format_problems
    from .validate import load_kb

    path = Path(args.file)
    text = scan.read_document(path)
    kb = load_kb(_root(args))
    if kb.problems:
        print(format_problems(kb.problems), file=sys.stderr)
        return 1
    g = build_graph(kb)
    refs = scan.scan(text, scan.targets(g))
    if args.stub:
        out = scan.stub(refs, path.name, g)
        _write_output(args.output, out, _root(args), overwrite=False)  # kb scan --stub overwrites nothing
        return 0
    _write_output(args.output, scan.format_json(refs) if args.format == "json" else scan.format_text(refs, path.name),
                  _root(args))
    return 0


def cmd_diff(args) -> int:
    from .diff import diff_report

    report = diff_report(_root(args), args.rev)
    _write_output(args.output, report, _root(args))
    return 0


def cmd_wetcheck(args) -> int:
    from . import lawtime, wetcheck
    from .problems import format_problems, safe
    from .validate import load_kb

    kb = load_kb(_root(args))
    if kb.problems:
        print(format_problems(kb.problems), file=sys.stderr)
        raise KbError("de kennisbank heeft problemen; de wetcheck draait pas als kb validate slaagt",
                      "Los eerst de problemen hierboven op.", wetcheck.EXIT_FAILED)
    on = args.date or lawtime.today()
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", on):
        raise KbError(f"--date '{safe(on)[:20]}' is geen datum", "Gebruik JJJJ-MM-DD.", wetcheck.EXIT_FAILED)
    report = wetcheck.check(kb, on)
    formats = {"text": wetcheck.format_text, "markdown": wetcheck.format_markdown, "json": wetcheck.format_json}
    text = formats[args.format](report)
    # no control character from a service or a record reaches a terminal or an issue
    _write_output(args.output, "\n".join(safe(line) for line in text.split("\n")))
    return report.exit_code


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kb", description="IVRK-kennisbank: valideren, exporteren en bouwen.")
    parser.add_argument("--root", default=".", help="map van de kennisbank (standaard: huidige map)")
    parser.add_argument("--debug", action="store_true", help="toon bij een fout de volledige traceback")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("validate", help="controleer alle records; exit 1 bij problemen")
    p.add_argument("--format", choices=("text", "github", "json"), default="text")
    p.set_defaults(func=cmd_validate)

    from .export import FORMATS

    p = sub.add_parser("export", help="schrijf de graaf als " + ", ".join(f.label for f in FORMATS.values()))
    p.add_argument("--format", choices=tuple(FORMATS), default="json",
                   help="; ".join(f"{f.name}: {f.label}" + (" (een map)" if f.folder else "") for f in FORMATS.values()))
    p.add_argument("-o", "--output", help="uitvoerbestand (standaard: stdout); bij " +
                   ", ".join(f.name for f in FORMATS.values() if f.folder) + " een map")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("generate", help="schrijf alleen de Markdown-bronnen naar build/")
    p.set_defaults(func=cmd_generate)

    p = sub.add_parser("build", help="bouw de site in site/")
    p.add_argument("--site-dir", help="andere uitvoermap dan site/")
    p.add_argument("--timings", nargs="?", const="text", choices=("text", "json"),
                   help="toon hoe lang elke bouwstap duurde (json: per vaste stapnaam, voor benchmarks)")
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

    p = sub.add_parser("scan", help="vind verwijzingen (IVRK, General Comments, wetten) in een .txt, .md of .pdf")
    p.add_argument("file", help="het document")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--stub", action="store_true",
                   help="schrijf een nieuw bronrecord (YAML) met de gevonden verwijzingen als kandidaat-koppelingen")
    p.add_argument("-o", "--output", help="uitvoerbestand (standaard: stdout)")
    p.set_defaults(func=cmd_scan)

    p = sub.add_parser("wetcheck", help="vraag na of de wetten sinds de gelezen tekstversie zijn gewijzigd "
                       "(exit 0 niets, 1 gewijzigd, 2 dienst niet bereikbaar)")
    p.add_argument("--format", choices=("text", "markdown", "json"), default="text",
                   help="markdown: de tekst van het issue dat de wekelijkse workflow bijwerkt")
    p.add_argument("--date", help="peildatum JJJJ-MM-DD (standaard: vandaag)")
    p.add_argument("-o", "--output", help="uitvoerbestand (standaard: stdout)")
    p.set_defaults(func=cmd_wetcheck)

    p = sub.add_parser("serve", help="bouw, serveer op 127.0.0.1 en bouw opnieuw bij wijzigingen")
    p.add_argument("--port", type=int, default=8000)
    p.set_defaults(func=cmd_serve)
    return parser


# Dutch for the OSErrors a user can cause or fix: (what happened, what to do).
_OS_ERRORS = {
    errno.ENOSPC: ("de schijf is vol", "Maak ruimte vrij en probeer het opnieuw."),
    errno.EDQUOT: ("je schijfquotum is op", "Maak ruimte vrij en probeer het opnieuw."),
    errno.EACCES: ("geen toestemming", "Controleer de rechten van het bestand of de map, of kies een andere plek."),
    errno.EPERM: ("geen toestemming", "Controleer de rechten van het bestand of de map, of kies een andere plek."),
    errno.EROFS: ("het bestandssysteem is alleen-lezen", "Kies een plek waar je mag schrijven."),
    errno.ENOENT: ("bestand of map bestaat niet", "Controleer het pad (en --root)."),
    errno.ENOTDIR: ("een deel van het pad is geen map", "Controleer het pad (en --root)."),
    errno.EISDIR: ("dit is een map, geen bestand", "Geef een bestandsnaam op."),
    errno.ENAMETOOLONG: ("de naam is te lang", "Kies een kortere naam."),
    errno.ELOOP: ("te veel symbolische links in het pad", "Controleer het pad."),
    errno.EMFILE: ("te veel open bestanden", "Sluit andere programma's en probeer het opnieuw."),
}


def _say(message: str, hint: str = "") -> None:
    from .problems import safe

    print(f"fout: {safe(message)}" + (f"\n    tip: {safe(hint)}" if hint else ""), file=sys.stderr)


def main(argv=None) -> int:
    args = make_parser().parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130
    except ProblemsFound as e:
        from .problems import format_problems

        print(format_problems(e.problems), file=sys.stderr)
        print(f"\n{e.message}", file=sys.stderr)
        return e.code
    except KbError as e:
        if args.debug:
            traceback.print_exc()
        if isinstance(e, BuildError):  # several lines (one per broken link): each made safe
            from .problems import safe

            print("Bouwen mislukt: " + "\n".join(safe(line) for line in e.message.splitlines())
                  + (f"\n    tip: {safe(e.hint)}" if e.hint else ""), file=sys.stderr)
            return e.code
        _say(e.message, e.hint)
        return e.code
    except BrokenPipeError:  # `kb export | head`: the reader has gone; say nothing more
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return 1
    except OSError as e:
        if args.debug:
            traceback.print_exc()
        what, hint = _OS_ERRORS.get(e.errno, (f"kan niet lezen of schrijven ({e.strerror or e})",
                                              "Controleer het pad, de rechten en de vrije ruimte."))
        _say(what + (f": {e.filename}" if e.filename else ""), hint)
        return 1
    except Exception as e:  # a bug in kb, not in the input: say so, and how to see more
        if args.debug:
            traceback.print_exc()
            return EXIT_INTERNAL
        _say(f"interne fout ({type(e).__name__}: {str(e)[:200]}); dit is een fout in kb, niet in je invoer",
             "Draai opnieuw met --debug (kb --debug …) voor de volledige melding en meld die aan de beheerders.")
        return EXIT_INTERNAL


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
