"""Command line: parses arguments and calls the library, nothing more.

Exit status: 0 all went well, 1 some inputs failed (or none could be read; for geocode/reverse,
nothing found), 2 usage error, 3 the run itself failed (output folder in use, disk full, the gazetteer
cannot load, internal error).
"""

from __future__ import annotations

import argparse
import functools
import logging
import os
import signal
import sys
import threading
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from geoevents import __version__
from geoevents.errors import GeoeventsError, RunFailed

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, EXIT_FAILED = 0, 1, 2, 3


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
    "exit status: 0 all went well, 1 some inputs failed or nothing was found, 2 usage error,\n"
    "  3 the run itself failed (output folder in use, disk full, gazetteer cannot load)"
)
GEOMETRY_HELP = (
    "point (default): each place as its point, bbox and feature id; full: also its whole shape "
    "(a country's polygon can be hundreds of KB)"
)


def _add_geometry_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--geometry", choices=["point", "full"], default="point", help=GEOMETRY_HELP)


def build_parser() -> argparse.ArgumentParser:
    """The command line: global options, then one sub-command per verb, each declared by its own
    ``_add_*`` function (in the order ``--help`` lists them)."""
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

    _add_run_command(add_parser)
    _add_parse_command(add_parser)
    _add_lookup_commands(add_parser)
    _add_evaluate_command(add_parser)
    return parser


def _add_run_command(add_parser: Callable[..., argparse.ArgumentParser]) -> None:
    """``geoevents run``: the whole pipeline, articles to maps and data files."""
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
    run.add_argument(
        "--images",
        action="store_true",
        help="also write map.png and map.svg, static maps for slides (and the map in report.html)",
    )
    run.add_argument(
        "--pdf", action="store_true", help="also write report.pdf, the briefing on A4 (implies --images)"
    )
    run.add_argument(
        "--keep-background",
        action="store_true",
        help="keep events dated long before publication (history, anniversaries), tagged background",
    )
    _add_gazetteer_options(run)


def _add_parse_command(add_parser: Callable[..., argparse.ArgumentParser]) -> None:
    """``geoevents parse``: the place mentions of articles, as JSON."""
    parse = add_parser("parse", help="print the place mentions of articles as JSON")
    parse.add_argument("files", nargs="+", metavar="ARTICLES", help="article files, folders or globs")
    parse.add_argument(
        "--jsonl", action="store_true", help="one JSON object per line (default: a JSON array)"
    )
    parse.add_argument(
        "--explain",
        action="store_true",
        help="add to each ranked mention the weightiest features of the chosen and the runner-up candidate",
    )
    _add_weights_option(parse)
    _add_geometry_option(parse)
    _add_gazetteer_options(parse)


def _add_lookup_commands(add_parser: Callable[..., argparse.ArgumentParser]) -> None:
    """``geoevents geocode`` and ``reverse``: the gazetteer, by name and by point."""
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


def _add_evaluate_command(add_parser: Callable[..., argparse.ArgumentParser]) -> None:
    """``geoevents evaluate``: scores on a public corpus or the development set."""
    evaluate = add_parser(
        "evaluate", help="score geoparsing on a public corpus (EUPEG rules), or events on the development set"
    )
    evaluate.add_argument(
        "--corpus",
        choices=["lgl", "trnews", "geovirus"],
        help="which public corpus the file is (its format and published scores)",
    )
    evaluate.add_argument("path", type=Path, nargs="?", help="the corpus file or folder (geoparsing)")
    evaluate.add_argument("--events", action="store_true", help="score event detection and typing instead")
    evaluate.add_argument(
        "--devset", type=Path, default=None, help="folder of development-set *.jsonl (default data/devset)"
    )
    evaluate.add_argument(
        "--shared", type=Path, default=None, help="folder holding seeds/ and corpora/ (default ../shared)"
    )
    evaluate.add_argument("--limit", type=int, default=None, help="score only the first N articles")
    evaluate.add_argument(
        "--cross",
        action="store_true",
        help="path is the corpora folder: score each corpus with the ranker trained on the other two "
        "(needs SciPy), beside the in-corpus scores",
    )
    _add_weights_option(evaluate)
    _add_gazetteer_options(evaluate)


def _add_weights_option(sub: argparse.ArgumentParser) -> None:
    sub.add_argument(
        "--weights",
        default=None,
        metavar="hand|trained|FILE",
        help="the ranker's weights: set by hand, trained on the public corpora, or a JSON file "
        "(default: the shipped default)",
    )


def _ranker(args: argparse.Namespace) -> Any:
    from geoevents.geoparse.ranker import ranker_by_name

    return ranker_by_name(args.weights) if args.weights else None


def _gazetteer(args: argparse.Namespace) -> Any:
    from geoevents.gazetteer import gazetteer_from_options

    return gazetteer_from_options(extra_files=args.gazetteer, online=args.geocoder)


def _print_json(obj: object) -> None:
    from geoevents.gazetteer.geojson import dumps_with_geometry

    sys.stdout.write(dumps_with_geometry(obj, indent=2))
    sys.stdout.write("\n")


def _cmd_run(args: argparse.Namespace) -> int:
    from geoevents.pipeline import RunOptions, run
    from geoevents.settings import Settings

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
        settings=Settings(keep_background=True) if args.keep_background else None,
        extras=tuple(name for name in ("images", "pdf") if getattr(args, name)),
    )
    summary = run(args.inputs, args.out, options=options)
    for line in summary.error_lines():  # repeats of one reason are counted, not all printed
        print(f"error: {line}", file=sys.stderr)
    print(summary.describe())
    return EXIT_PARTIAL if summary.errors or not summary.published else EXIT_OK


def _cmd_parse(args: argparse.Namespace) -> int:
    from geoevents.errors import InputError
    from geoevents.geoparse.parse import mention_records_from_paths

    found = mention_records_from_paths(
        args.files,
        gazetteer=_gazetteer(args),
        geometry=args.geometry,
        explain=args.explain,
        ranker=_ranker(args),
        as_text=True,
    )
    failed = False
    write = sys.stdout.write
    first = True
    if not args.jsonl:
        write("[")
    for texts in found:
        if isinstance(texts, InputError):
            failed = True
            print(f"error: {texts}", file=sys.stderr)
            continue
        if not texts:
            continue
        if args.jsonl:  # one write per article
            write("\n".join(texts) + "\n")
        else:
            write(("\n" if first else ",\n") + ",\n".join(texts))
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
    from geoevents.gazetteer import OfflineGeocoder

    geocoder = _gazetteer(args)
    if isinstance(geocoder, OfflineGeocoder):  # the same answers, without loading geopy
        found = geocoder.lookup(args.query, country_codes=args.country, limit=args.limit)
    else:
        found = geocoder.geocode(args.query, exactly_one=False, country_codes=args.country, limit=args.limit)
    where = f" in {', '.join(args.country)}" if args.country else ""
    return _print_locations(found, args, f"no place called {args.query!r}{where} in the gazetteer")


def _cmd_reverse(args: argparse.Namespace) -> int:
    found = _gazetteer(args).reverse((args.lat, args.lon), exactly_one=False)
    return _print_locations(found, args, f"no country or province at {args.lat}, {args.lon} (open sea?)")


def _cmd_evaluate(args: argparse.Namespace) -> int:
    from geoevents.evaluate import evaluate_corpus, format_report

    if args.events:
        return _cmd_evaluate_events(args)
    if args.cross:
        from geoevents.geoparse.train import cross_reports, format_cross

        if args.path is None:
            raise GeoeventsError("evaluate --cross: give the folder of the corpora")
        print(format_cross(cross_reports(args.path, gazetteer=_gazetteer(args), limit=args.limit)))
        return EXIT_OK
    if args.corpus is None or args.path is None:
        raise GeoeventsError("evaluate: give --corpus and a path (geoparsing), or --events")
    report = evaluate_corpus(
        args.corpus, args.path, gazetteer=_gazetteer(args), limit=args.limit, ranker=_ranker(args)
    )
    print(format_report(report))
    return EXIT_OK


def _cmd_evaluate_events(args: argparse.Namespace) -> int:
    from geoevents.errors import InputError
    from geoevents.evaluate_events import (
        default_folders,
        evaluate_devset,
        format_events_report,
        matched_pairs,
    )
    from geoevents.evaluate_rows import format_row_report, row_scores
    from geoevents.geoparse.parse import resolved_mentions_from_article

    devset, shared = default_folders(args.devset, args.shared)
    gazetteer = _gazetteer(args)
    errors: list[InputError] = []
    report, results = evaluate_devset(
        devset,
        shared,
        geoparse=lambda article: resolved_mentions_from_article(article, gazetteer=gazetteer),
        errors=errors,
    )
    for error in errors:
        print(f"error: {error}", file=sys.stderr)
    print(format_events_report(report))
    print(format_row_report(row_scores(matched_pairs(results))))
    return EXIT_PARTIAL if errors else EXIT_OK


COMMANDS = {
    "run": _cmd_run,
    "parse": _cmd_parse,
    "geocode": _cmd_geocode,
    "reverse": _cmd_reverse,
    "evaluate": _cmd_evaluate,
}


class Terminated(KeyboardInterrupt):
    """SIGTERM, turned into an exception so the run cleans up as on Ctrl-C."""


def _raise_terminated(signum: int, frame: object) -> None:
    raise Terminated


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=args.log_level, format="%(levelname)s %(name)s: %(message)s")
    on_main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _raise_terminated) if on_main_thread else None
    try:
        return COMMANDS[args.command](args)
    except RunFailed as exc:
        print(f"geoevents {args.command}: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except GeoeventsError as exc:
        print(f"geoevents {args.command}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except Terminated:
        print("geoevents: terminated", file=sys.stderr)
        return 128 + signal.SIGTERM
    except KeyboardInterrupt:
        print("geoevents: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # the run itself failed: one plain line, the traceback only when asked
        print(f"geoevents {args.command}: {_failure_line(exc)}", file=sys.stderr)
        if args.log_level == "DEBUG":
            traceback.print_exc()
        else:
            print("(run again with --log-level DEBUG for the traceback)", file=sys.stderr)
        return EXIT_FAILED
    finally:
        if on_main_thread:
            signal.signal(signal.SIGTERM, previous)


def entry() -> None:
    """The ``geoevents`` command: ``main``, then the process ends without freeing the loaded gazetteer's
    millions of objects one by one (a fifth of a second of CPU, more on a busy machine). Every stage
    has closed its files and worker pools by then; the output streams are flushed here."""
    status = main()
    logging.shutdown()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):  # a reader that stopped early, or a stream already closed
        pass
    os._exit(status)


def _failure_line(exc: Exception) -> str:
    if isinstance(exc, OSError):
        from geoevents.outset import write_failure

        return str(write_failure(exc, exc.filename or "the output folder"))
    return f"internal error: {type(exc).__name__}: {exc}"


if __name__ == "__main__":
    entry()
