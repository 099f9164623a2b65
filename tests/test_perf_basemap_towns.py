"""The basemap's towns near the events are found by latitude band: the same towns as testing every town
against every point, which grew with the batch."""

from __future__ import annotations

import numpy as np

from geoevents.outputs import basemap


def test_the_towns_near_the_points_are_those_a_test_of_every_town_finds() -> None:
    rng = np.random.default_rng(7)
    lat, lon = rng.uniform(-60, 70, 5000), rng.uniform(-180, 180, 5000)
    points = [(float(a), float(b)) for a, b in zip(lat[:40] + 0.7, lon[:40] - 1.2, strict=True)]
    points += [points[0], (float(lat[5]) + basemap.TOWN_RADIUS_DEG, float(lon[5]))]  # a repeat, an edge
    every = np.zeros(len(lat), dtype=bool)
    for plat, plon in points:
        every |= (np.abs(lat - plat) <= basemap.TOWN_RADIUS_DEG) & (
            np.abs(lon - plon) <= basemap.TOWN_RADIUS_DEG
        )
    assert np.array_equal(basemap._near_points(lat, lon, points), every)
    assert not basemap._near_points(lat, lon, []).any()
