"""The compact JSON encoding of records that workers send and the result store keeps: places by feature
id, each place's geometry only the first time it is met.
"""

from __future__ import annotations

import dataclasses
import enum
import json
from collections.abc import Callable, Mapping
from datetime import date, datetime
from types import NoneType, UnionType
from typing import Any, Union, get_args, get_origin, get_type_hints

import shapely
from shapely.geometry import mapping as geojson_of
from shapely.geometry.base import BaseGeometry

from geoevents.records import Place

_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    if cls not in _HINTS:
        _HINTS[cls] = get_type_hints(cls)
    return _HINTS[cls]


def _jsonable(value: Any) -> Any:
    """Plain JSON for free-form mappings (metadata, raw gazetteer rows)."""
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        return value if value == value and value not in (float("inf"), float("-inf")) else None
    if isinstance(value, enum.Enum):
        return _jsonable(value.value)
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_jsonable(v) for v in value]
        return sorted(items, key=repr) if isinstance(value, (set, frozenset)) else items
    if isinstance(value, BaseGeometry):
        return value.wkt
    item = getattr(value, "item", None)  # numpy scalars
    if callable(item):
        return _jsonable(item())
    return str(value)


_FIELD_NAMES: dict[type, tuple[str, ...] | None] = {}


def _field_names(cls: type) -> tuple[str, ...] | None:
    """The field names of a dataclass type (None for any other type), looked up once per type."""
    try:
        return _FIELD_NAMES[cls]
    except KeyError:
        names = tuple(f.name for f in dataclasses.fields(cls)) if dataclasses.is_dataclass(cls) else None
        _FIELD_NAMES[cls] = names
        return names


# Types whose values are their own JSON form: str and int and their subclasses (the records' StrEnums),
# added as they are met. Most values of a record are of these: no call is spent on them.
_PLAIN: set[type] = {str, int, bool, NoneType}
_INFINITE = (float("inf"), float("-inf"))


def encode_record(value: Any, places: dict[str, Place] | None = None) -> Any:
    """A record as JSON-ready data; with ``places``, each Place becomes ``{"$place": id}`` (and is kept)."""
    cls = value.__class__
    if cls in _PLAIN:  # most values: nothing to do
        return value
    if cls is float:
        return value if value == value and value not in _INFINITE else None
    if isinstance(value, Place) and places is not None:
        known = places.setdefault(value.feature_id, value)
        if known is value or known == value:
            return {"$place": value.feature_id}
        places = None  # a copy changed on the way (a site given its province) is written whole
    if isinstance(value, Place) and _raw_repeats_geometry(value):
        # geopy's raw holds the geometry again as GeoJSON; a country's coordinates as nested
        # JSON lists cost far more than the place itself, so it is stored once (as WKB).
        raw = {**value.raw, "geometry": _SAME_GEOMETRY}
        value = dataclasses.replace(value, raw=raw)
    names = _field_names(value.__class__)
    if names is not None:
        out = {}
        for name in names:
            field = getattr(value, name)
            out[name] = field if field.__class__ in _PLAIN else encode_record(field, places)
        return out
    if isinstance(value, BaseGeometry):
        return {"$wkb": wkb_text(value)}
    if isinstance(value, (tuple, list)):
        return [v if v.__class__ in _PLAIN else encode_record(v, places) for v in value]
    if isinstance(value, (str, int)):  # a StrEnum or IntEnum member: JSON writes it as its value
        _PLAIN.add(cls)
        return value
    return _jsonable(value)


def wkb_text(geometry: BaseGeometry) -> str:
    """The geometry's WKB as upper-case hex, the text GEOS's hex writer gives, made from its binary
    WKB: for a country's outline a tenth of the hex writer's time."""
    return shapely.to_wkb(geometry).hex().upper()


def geometry_of_wkb_text(text: str) -> BaseGeometry:
    """The geometry ``wkb_text`` wrote (read as bytes: a tenth of the time GEOS's hex reader takes)."""
    geometry: BaseGeometry = shapely.from_wkb(bytes.fromhex(text))
    return geometry


def place_id_of_encoded(mention: Mapping[str, Any]) -> str | None:
    """The feature id of an encoded ResolvedMention's place (None when it has none)."""
    place = mention.get("place")
    if not isinstance(place, Mapping):
        return None
    return place.get("$place") or place.get("feature_id")


_SAME_GEOMETRY = "$same-as-geometry"


def _raw_repeats_geometry(place: Place) -> bool:
    """Whether ``place.raw["geometry"]`` is the GeoJSON of ``place.geometry`` (the gazetteer's convention)."""
    shown = place.raw.get("geometry") if isinstance(place.raw, Mapping) else None
    return (
        isinstance(shown, Mapping)
        and place.geometry is not None
        and shown.get("type") == place.geometry.geom_type
        and "coordinates" in shown
    )


Decoder = Callable[[Any, Mapping[str, Place]], Any]
_DECODERS: dict[Any, Decoder] = {}
_RECORD_DECODERS: dict[type, dict[str, Decoder]] = {}


def _same(data: Any, places: Mapping[str, Place]) -> Any:
    return data


def _decoder(hint: Any) -> Decoder:
    """How to rebuild a value of type ``hint`` from its JSON form; worked out once per hint."""
    try:
        return _DECODERS[hint]
    except KeyError:
        pass
    inner = _make_decoder(hint)
    if inner is _same:  # most fields (str, int, optional ones): the JSON value as it is, None included
        _DECODERS[hint] = _same
        return _same

    def decode(data: Any, places: Mapping[str, Place]) -> Any:
        return None if data is None else inner(data, places)

    _DECODERS[hint] = decode
    return decode


def _enum_decoder(hint: type[enum.Enum]) -> Decoder:
    """A member by its value: a look-up in the enum's own table, the call only for what it lacks."""
    members = hint._value2member_map_

    def decode(data: Any, places: Mapping[str, Place]) -> Any:
        member = members.get(data)
        return hint(data) if member is None else member

    return decode


def _make_decoder(hint: Any) -> Decoder:
    origin = get_origin(hint)
    if origin in (Union, UnionType):
        options = [a for a in get_args(hint) if a is not NoneType]
        return _decoder(options[0]) if len(options) == 1 else _same
    if origin is tuple:
        args = get_args(hint)
        item = _decoder(args[0] if args else Any)
        return lambda data, places: tuple([item(v, places) for v in data])
    if origin is not None and isinstance(origin, type) and issubclass(origin, Mapping):
        return lambda data, places: dict(data)
    if hint is Any or not isinstance(hint, type):
        return _same
    if issubclass(hint, BaseGeometry):
        return lambda data, places: geometry_of_wkb_text(data["$wkb"])
    if hint is Place:
        return lambda data, places: (
            places[data["$place"]]
            if isinstance(data, Mapping) and "$place" in data
            else decode_record(Place, data, places)
        )
    if dataclasses.is_dataclass(hint):
        record = hint
        return lambda data, places: decode_record(record, data, places)
    if issubclass(hint, enum.Enum):
        return _enum_decoder(hint)
    if issubclass(hint, datetime):
        return lambda data, places: datetime.fromisoformat(data)
    if issubclass(hint, date):
        return lambda data, places: date.fromisoformat(data)
    if hint is float:
        return lambda data, places: float(data)
    return _same


def decode_record(cls: type[Any], data: Mapping[str, Any], places: Mapping[str, Place] | None = None) -> Any:
    """Rebuild a record of type ``cls`` from ``encode_record`` output."""
    fields = _RECORD_DECODERS.get(cls)
    if fields is None:
        fields = _RECORD_DECODERS[cls] = {name: _decoder(hint) for name, hint in _hints(cls).items()}
    table = places if places is not None else {}
    kwargs = {}
    for name, value in data.items():
        decode = fields.get(name)
        if decode is _same:  # no call for a value that is its own decoding
            kwargs[name] = value
        elif decode is not None:
            kwargs[name] = decode(value, table)
    if (
        cls is Place
        and isinstance(kwargs.get("raw"), Mapping)
        and kwargs["raw"].get("geometry") == _SAME_GEOMETRY
    ):
        kwargs["raw"] = {**kwargs["raw"], "geometry": geojson_of(kwargs["geometry"])}
    return cls(**kwargs)


def dumps(data: Any) -> str:
    """The one JSON spelling used for every stored line (stable, so reruns are byte-identical)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
