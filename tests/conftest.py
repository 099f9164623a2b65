"""Shared fixtures; every test runs with the network blocked (loopback only)."""

from __future__ import annotations

import ipaddress
import os
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
# ../shared beside the repository; GEOEVENTS_SHARED names it when the checkout lives elsewhere.
SHARED = Path(os.environ.get("GEOEVENTS_SHARED") or ROOT.parent / "shared")
SEEDS = SHARED / "seeds"
CORPORA = SHARED / "corpora"
DATA = ROOT / "data"


class NetworkBlocked(RuntimeError):
    pass


def _is_loopback_host(host: str) -> bool:
    if host in ("localhost", "localhost.localdomain", ""):
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


def _is_local(address: Any) -> bool:
    """Whether a socket address stays on this machine (AF_UNIX paths and loopback only)."""
    if isinstance(address, (str, bytes)):  # an AF_UNIX path
        return True
    host = address[0] if isinstance(address, tuple) else address
    return _is_loopback_host(str(host))


_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex
_real_getaddrinfo = socket.getaddrinfo


def _guarded_connect(self: socket.socket, address: Any) -> Any:
    if not _is_local(address):
        raise NetworkBlocked(f"tests may not open network connections (to {address!r})")
    return _real_connect(self, address)


def _guarded_connect_ex(self: socket.socket, address: Any) -> Any:
    if not _is_local(address):
        raise NetworkBlocked(f"tests may not open network connections (to {address!r})")
    return _real_connect_ex(self, address)


def _guarded_getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
    if host is not None and not _is_loopback_host(host.decode() if isinstance(host, bytes) else str(host)):
        raise NetworkBlocked(f"tests may not resolve network names ({host!r})")
    return _real_getaddrinfo(host, *args, **kwargs)


def pytest_sessionstart(session: pytest.Session) -> None:
    socket.socket.connect = _guarded_connect  # type: ignore[method-assign]
    socket.socket.connect_ex = _guarded_connect_ex  # type: ignore[method-assign]
    socket.getaddrinfo = _guarded_getaddrinfo


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(
            f"seed articles not found at {SEEDS} (they live in ../shared/seeds beside the repository)"
        )
    return SEEDS


@pytest.fixture(scope="session")
def corpora_dir() -> Path:
    if not CORPORA.is_dir():
        pytest.skip(f"evaluation corpora not found at {CORPORA} (../shared/corpora beside the repository)")
    return CORPORA


@pytest.fixture(scope="session")
def gazetteer():  # type: ignore[no-untyped-def]
    """The default offline gazetteer, built once per test session (cached on disk)."""
    from geoevents.gazetteer import default_gazetteer

    return default_gazetteer()


@pytest.fixture()
def browser(tmp_path: Path) -> Iterator[Any]:
    """A headless Chromium with the network blocked, for one test (``tests/_browser.py``)."""
    from tests._browser import chrome

    driver = chrome(tmp_path / "profile")
    try:
        yield driver
    finally:
        driver.quit()
