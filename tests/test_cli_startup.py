"""Start-up of a short command: what it loads, and that the answers stay those of the geopy interface."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from geoevents.gazetteer import default_gazetteer

ROOT = Path(__file__).resolve().parent.parent


def test_geocode_from_the_command_line_loads_neither_geopy_nor_pyproj() -> None:
    script = (
        "import sys\n"
        "from geoevents.cli import main\n"
        "status = main(['geocode', 'Kirkuk', '--limit', '1'])\n"
        "print(status, sorted(m for m in ('geopy', 'pyproj') if m in sys.modules), file=sys.stderr)\n"
    )
    command = [sys.executable, "-c", script]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.stderr.strip().splitlines()[-1] == "0 []", done.stderr[-1000:]
    answer = json.loads(done.stdout)
    assert answer["features"][0]["properties"]["country_code"] == "IQ"


def test_the_command_exits_with_main_status_and_its_output_whole() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "geoevents", "geocode", "Xyzzyville"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 1
    assert json.loads(done.stdout) == {"type": "FeatureCollection", "features": []}
    assert "Xyzzyville" in done.stderr


@pytest.mark.parametrize(("query", "countries"), [("Kirkuk", None), ("Mosul", ["IQ"]), ("Syria", None)])
def test_lookup_answers_what_geocode_answers(query: str, countries: list[str] | None) -> None:
    gazetteer = default_gazetteer()
    locations = gazetteer.geocode(query, exactly_one=False, country_codes=countries, limit=5)
    answers = gazetteer.lookup(query, country_codes=countries, limit=5)
    assert locations and len(answers) == len(locations)
    for answer, location in zip(answers, locations, strict=True):
        assert (answer.address, answer.latitude, answer.longitude) == (
            location.address,
            location.latitude,
            location.longitude,
        )
        assert answer.raw == location.raw
