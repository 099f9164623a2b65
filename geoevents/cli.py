"""Command line: parses arguments and calls the library, nothing more.

Exit status: 0 all went well, 1 some inputs failed (or, for geocode/reverse, nothing found), 2 usage error.
"""

from __future__ import annotations

import argparse
import functools
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from geoevents import __version__
from geoevents.errors import GeoeventsError

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE = 0, 1, 2


def _add_gazetteer_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--gazetteer",
        action="append",
        default=[],
        metavar="CSV",
        type=Path,
        help="an extra gazetteer file of your own (repeatable); see data/gazetteer/README.md",
    )
    parser.add_argument(
        "--geocoder",
        default=None,
        metavar="NAME",
        help="use an online geopy geocoder (e.g. nominatim) instead of the offline gazetteer: "
        "opt-in, cached on disk and rate-limited",
    )


LOG_LEVELS = ["DEBUG", "INFO", "WARNING", "ERROR"]
DESCRIPTION = "Turn news articles into maps: find the places and events they report, offline."
EPILOG = (
    "examples:\n"
    "  geoevents run data/articles --out out/demo     map a folder of articles\n"
    "  geoevents parse story.txt --jsonl              the places a text names\n"
    '  geoevents geocode "Al Qa\'im" --country IQ      look a place up\n'
    "  geoevents reverse 35.51 44.28                  the country and province at a point\n\n"
    "exit status: 0 all went well, 1 some inputs failed or nothing was found, 2 usage error"
)
GEOMETRY_HELP = (
    "point (default): each place as its point, bbox and feature id; full: also its whole shape "
    "(a country's polygon can be hundreds of KB)"
)


def _add_geometry_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--geometry", choices=["point", "full"], default="point", help=GEOMETRY_HELP)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="geoevents",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"geoevents {__version__}")
    parser.add_argument(
        "--log-level", default="WARNING", choices=LOG_LEVELS, help="logging detail (default WARNING)"
    )
    # Also accepted after the command ("geoevents run ... --log-level DEBUG"); SUPPRESS keeps the
    # top-level value when it is not repeated there.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--log-level", default=argparse.SUPPRESS, choices=LOG_LEVELS, help="logging detail")
    sub = parser.add_subparsers(dest="command", required=True)
    add_parser = functools.partial(sub.add_parser, parents=[common])

    run = add_parser("run", help="articles in, maps and data files out")
    run.add_argument(
        "inputs", nargs="+", metavar="ARTICLES", help="article files, folders (read recursively) or globs"
    )
    run.add_argument("--out", required=True, type=Path, help="output folder")
    run.add_argument("--overrides", type=Path, default=None, help="analyst corrections (CSV or YAML)")
    run.add_argument("--resume", action="store_true", help="skip articles already done (by content hash)")
    run.add_argument("--jobs", type=int, default=1, help="worker processes on this machine")
    run.add_argument(
        "--engine",
        choices=["local", "dask"],
        default="local",
        help="local: processes on this machine (default); dask: a dask.distributed cluster",
    )
    run.add_argument(
        "--scheduler", default=None, help="dask.distributed scheduler address (with --engine dask)"
    )
    run.add_argument(
        "--tiles", default=None, help="online basemap tiles for map.html (default: offline basemap)"
    )
    run.add_argument(
        "--max-bytes", type=int, default=None, help="refuse input files (JSON lines: lines) larger than this"
    )
    run.add_argument(
        "--article-timeout",
        type=float,
        default=30.0,
        metavar="SECONDS",
        help="give up on an article that takes more CPU time than this (one error line; the batch goes on; "
        "default 30, 0 for no limit)",
    )
    run.add_argument("--no-progress", action="store_true", help="no progress bar")
    _add_gazetteer_options(run)

    parse = add_parser("parse", help="print the place mentions of articles as JSON")
    parse.add_argument("files", nargs="+", metavar="ARTICLES", help="article files, folders or globs")
    parse.add_argument(
        "--jsonl", action="store_true", help="one JSON object per line (default: a JSON array)"
    )
    _add_geometry_option(parse)
    _add_gazetteer_options(parse)

    geocode = add_parser("geocode", help="look a name up; prints a GeoJSON FeatureCollection, best first")
    geocode.add_argument("query", help='a place name, e.g. "Al Qa\'im" or Kirkuk')
    geocode.add_argument(
        "--country",
        action="append",
        default=None,
        metavar="CC",
        help="only places in this country, ISO 3166-1 alpha-2 such as IQ (repeatable)",
    )
    geocode.add_argument("--limit", type=int, default=5, help="at most this many answers (default 5)")
    _add_geometry_option(geocode)
    _add_gazetteer_options(geocode)

    reverse = add_parser("reverse", help="the country and province (admin1) at a point, as GeoJSON")
    reverse.add_argument("lat", type=float, help="latitude in degrees, -90 to 90")
    reverse.add_argument("lon", type=float, help="longitude in degrees, -180 to 180")
    _add_geometry_option(reverse)
    _add_gazetteer_options(reverse)

    evaluate = add_parser("evaluate", help="score geoparsing on a public corpus (EUPEG rules)")
    evaluate.add_argument(
        "--corpus",
        required=True,
        choices=["lgl", "trnews", "geovirus"],
        help="which public corpus the file is (its format and published scores)",
    )
    evaluate.add_argument("path", type=Path, help="the corpus file (e.g. LGL's lgl.xml)")
    evaluate.add_argument("--limit", type=int, default=None, help="score only the first N articles")
    _add_gazetteer_options(evaluate)
    return parser


def _gazetteer(args: argparse.Namespace) -> Any:
    from geoevents.gazetteer import gazetteer_from_options

    return gazetteer_from_options(extra_files=args.gazetteer, online=args.geocoder)


def _print_json(obj: object) -> None:
    from geoevents.gazetteer.geojson import dumps_with_geometry

    sys.stdout.write(dumps_with_geometry(obj, indent=2))
    sys.stdout.write("\n")


def _cmd_run(args: argparse.Namespace) -> int:
    from geoevents.pipeline import RunOptions, run

    options = RunOptions(
        overrides=args.overrides,
        resume=args.resume,
        jobs=args.jobs,
        engine=args.engine,
        scheduler=args.scheduler,
        tiles=args.tiles,
        max_bytes=args.max_bytes,
        article_timeout=args.article_timeout or None,
        progress=not args.no_progress,
        extra_gazetteers=tuple(args.gazetteer),
        online_geocoder=args.geocoder,
    )
    summary = run(args.inputs, args.out, options=options)
    for line in summary.error_lines():  # repeats of one reason are counted, not all printed
        print(f"error: {line}", file=sys.stderr)
    print(summary.describe())
    return EXIT_PARTIAL if summary.errors else EXIT_OK


def _cmd_parse(args: argparse.Namespace) -> int:
    from geoevents.gazetteer.geojson import dumps_with_geometry
    from geoevents.geoparse import mention_records_from_paths

    records = mention_records_from_paths(args.files, gazetteer=_gazetteer(args), geometry=args.geometry)
    failed = False
    write = sys.stdout.write
    first = True
    if not args.jsonl:
        write("[")
    for record in records:
        if "error" in record:
            failed = True
            print(f"error: {record['error']}", file=sys.stderr)
            continue
        if args.jsonl:
            write(dumps_with_geometry(record) + "\n")
        else:
            write(("\n" if first else ",\n") + dumps_with_geometry(record))
            first = False
    if not args.jsonl:
        write("]\n" if first else "\n]\n")
    return EXIT_PARTIAL if failed else EXIT_OK


def _print_locations(found: Any, args: argparse.Namespace, what: str) -> int:
    from geoevents.gazetteer.geojson import locations_to_feature_collection

    _print_json(locations_to_feature_collection(found or [], geometry=args.geometry))
    if not found:
        print(f"geoevents {args.command}: {what}", file=sys.stderr)
        return EXIT_PARTIAL
    return EXIT_OK


def _cmd_geocode(args: argparse.Namespace) -> int:
    geocoder = _gazetteer(args)
    found = geocoder.geocode(args.query, exactly_one=False, country_codes=args.country, limit=args.limit)
    where = f" in {', '.join(args.country)}" if args.country else ""
    return _print_locations(found, args, f"no place called {args.query!r}{where} in the gazetteer")


def _cmd_reverse(args: argparse.Namespace) -> int:
    found = _gazetteer(args).reverse((args.lat, args.lon), exactly_one=False)
    return _print_locations(found, args, f"no country or province at {args.lat}, {args.lon} (open sea?)")


def _cmd_evaluate(args: argparse.Namespace) -> int:
    from geoevents.evaluate import evaluate_corpus, format_report

    report = evaluate_corpus(args.corpus, args.path, gazetteer=_gazetteer(args), limit=args.limit)
    print(format_report(report))
    return EXIT_OK


COMMANDS = {
    "run": _cmd_run,
    "parse": _cmd_parse,
    "geocode": _cmd_geocode,
    "reverse": _cmd_reverse,
    "evaluate": _cmd_evaluate,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=args.log_level, format="%(levelname)s %(name)s: %(message)s")
    try:
        return COMMANDS[args.command](args)
    except GeoeventsError as exc:
        print(f"geoevents {args.command}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("geoevents: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
