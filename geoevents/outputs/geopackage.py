"""One GeoPackage with every layer, styled for QGIS on open.

Layers are written with pyogrio through Arrow so dates are GDAL Date fields
and booleans Boolean fields. The ``layer_styles`` table follows the QGIS
convention (catalog and schema empty, geometry column ``geom``), one default
QML style per layer. GDAL's ``OGR_CURRENT_DATE`` pins the timestamps GeoPackage
keeps, so the same inputs give the same bytes.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import datetime

import geopandas as gpd
import pandas as pd
import pyogrio

from geoevents.atomic import atomic_write_path
from geoevents.errors import InputError
from geoevents.outputs.qgis_style import LAYER_QML

GEOMETRY_TYPES: dict[str, str] = {
    "events": "Point",
    "event_mentions": "Point",
    "places": "Point",
    "areas": "MultiPolygon",
    "borders": "MultiLineString",
}
GEOMETRY_COLUMN = "geom"
STYLE_TABLE = "layer_styles"
STYLE_COLUMNS: tuple[str, ...] = (
    "f_table_catalog",
    "f_table_schema",
    "f_table_name",
    "f_geometry_column",
    "styleName",
    "styleQML",
    "styleSLD",
    "useAsDefault",
    "description",
    "owner",
    "ui",
    "update_time",
)
_EPOCH = datetime(2000, 1, 1)


def _stamp(moment: datetime | None) -> str:
    return (moment or _EPOCH).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def styles_frame(layers: list[str], *, updated: datetime | None = None) -> pd.DataFrame:
    """The ``layer_styles`` rows: one default QML style per known layer."""
    rows = []
    for layer in layers:
        if layer not in LAYER_QML:
            continue
        rows.append(
            {
                "f_table_catalog": "",
                "f_table_schema": "",
                "f_table_name": layer,
                "f_geometry_column": GEOMETRY_COLUMN,
                "styleName": f"geoevents {layer}",
                "styleQML": LAYER_QML[layer](),
                "styleSLD": "",
                "useAsDefault": True,
                "description": f"geoevents default style for the {layer} layer",
                "owner": "",
                "ui": "",
                "update_time": pd.Timestamp(updated or _EPOCH),
            }
        )
    frame = pd.DataFrame(rows, columns=list(STYLE_COLUMNS))
    frame["useAsDefault"] = frame["useAsDefault"].astype("bool")
    # UTC-aware, so GDAL stores the GeoPackage DATETIME form (...T00:00:00.000Z) older readers expect.
    frame["update_time"] = pd.to_datetime(frame["update_time"], utc=True).astype("datetime64[ms, UTC]")
    return frame


def write_geopackage(
    frames: Mapping[str, gpd.GeoDataFrame],
    path: str | os.PathLike[str],
    *,
    updated: datetime | None = None,
) -> None:
    """Write each frame as a layer of one GeoPackage, plus QGIS default styles (atomically).

    ``updated`` is the time recorded in the file's metadata and styles (default a
    fixed date, so output bytes depend on the inputs alone).
    """
    # No journal and no fsync inside SQLite: the file is built under a temporary name and synced once
    # when it is complete (a GeoPackage of five layers otherwise costs some 30 fsyncs).
    options = {
        "OGR_CURRENT_DATE": _stamp(updated),
        "OGR_SQLITE_JOURNAL": "OFF",
        "OGR_SQLITE_SYNCHRONOUS": "OFF",
    }
    previous = {key: pyogrio.get_gdal_config_option(key) for key in options}
    pyogrio.set_gdal_config_options(options)
    try:
        with atomic_write_path(path) as tmp:
            # GDAL wants a .gpkg name; build the file under one, then move it to the temporary path.
            work = tmp.with_name(tmp.name + ".gpkg")
            try:
                _write_layers(frames, work, path, updated)
                os.replace(work, tmp)
            finally:
                if work.exists():
                    work.unlink()
    finally:
        pyogrio.set_gdal_config_options(previous)


def _write_layers(
    frames: Mapping[str, gpd.GeoDataFrame], tmp: os.PathLike[str], path: object, updated: datetime | None
) -> None:
    if True:
        if True:
            for index, (name, frame) in enumerate(frames.items()):
                kinds = {g.geom_type for g in frame.geometry if g is not None}
                expected = GEOMETRY_TYPES.get(name)
                if expected and kinds - {expected}:
                    raise InputError(f"{path}:{name}", f"layer holds {sorted(kinds)}, expected {expected}")
                geometry_type = expected or (kinds.pop() if len(kinds) == 1 else "Unknown")
                pyogrio.write_dataframe(
                    frame.to_crs("EPSG:4326") if frame.crs is not None else frame.set_crs("EPSG:4326"),
                    tmp,
                    layer=name,
                    driver="GPKG",
                    geometry_type=geometry_type,
                    use_arrow=True,
                    layer_options={"GEOMETRY_NAME": GEOMETRY_COLUMN, "FID": "fid", "SPATIAL_INDEX": "YES"},
                    append=False,
                    # GeoPackage 1.3: GDAL 3.6 and the QGIS builds on it warn about 1.4 files.
                    dataset_options={"VERSION": "1.3"} if index == 0 else None,
                )
            pyogrio.write_dataframe(
                styles_frame(list(frames), updated=updated),
                tmp,
                layer=STYLE_TABLE,
                driver="GPKG",
                use_arrow=True,
                layer_options={"FID": "id"},
            )
