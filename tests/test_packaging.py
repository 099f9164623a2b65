"""Packaging and help as a user meets them: SPDX licence, ``python -m`` from any folder, help text."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tomllib
from pathlib import Path

from geoevents.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent


def test_the_licence_is_an_spdx_expression() -> None:
    """A TOML-table licence makes setuptools warn on every install (and stops working in 2027)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["license"] == "MIT"


def test_python_m_works_from_the_folder_above_a_checkout_named_geoevents(tmp_path: Path) -> None:
    (tmp_path / "geoevents").symlink_to(ROOT, target_is_directory=True)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    for folder in (tmp_path, tmp_path / "geoevents", Path("/")):
        done = subprocess.run(
            [sys.executable, "-m", "geoevents", "--version"],
            cwd=folder,
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        assert done.returncode == 0 and done.stdout.startswith("geoevents "), (folder, done.stderr[-500:])


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def test_every_argument_has_help_and_the_top_line_speaks_to_users() -> None:
    parser = build_parser()
    assert "developer" not in (parser.description or "") and "library" not in (parser.description or "")
    assert "articles" in (parser.description or "").lower()
    commands = _subparsers(parser)
    assert set(commands) >= {"run", "parse", "geocode", "reverse", "evaluate"}
    for name, sub in commands.items():
        for action in sub._actions:
            if isinstance(action, argparse._HelpAction):
                continue
            assert action.help and action.help != argparse.SUPPRESS, (name, action.dest)


def test_help_runs_for_every_command(capsys) -> None:
    parser = build_parser()
    for name in _subparsers(parser):
        try:
            parser.parse_args([name, "--help"])
        except SystemExit as exc:
            assert exc.code == 0
        assert "usage: geoevents " + name in capsys.readouterr().out
