"""Headless Chromium for the browser tests and the map bench, with the network blocked.

Chromium and chromedriver come from Debian (``make system-deps``); a test skips with the reason
when they are missing. Selenium is pointed at the system driver so it never tries to download one.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


def chrome(profile: Path) -> Any:
    """A headless Chromium with its profile in ``profile``, no network, and its logs kept."""
    webdriver = pytest.importorskip("selenium.webdriver")
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        pytest.skip("chromium and chromium-driver are not installed (make system-deps)")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--no-first-run",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost",
        "--proxy-server=127.0.0.1:9",
        "--window-size=1280,900",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    return webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)


def requests_made(driver: Any) -> tuple[list[str], list[str]]:
    """(URLs our page requested, its failed requests) from the performance log.

    Requests made by the browser's own pages (chrome://) are left out: only what
    a file:// document asked for counts.
    """
    ours: dict[str, str] = {}
    failed = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        params = message.get("params", {})
        if message["method"] == "Network.requestWillBeSent":
            if params.get("documentURL", "").startswith("file:"):
                ours[params["requestId"]] = params["request"]["url"]
        elif message["method"] == "Network.loadingFailed" and params.get("requestId") in ours:
            reason = f"{params.get('errorText')} {params.get('blockedReason', '')}"
            failed.append(f"{ours[params['requestId']]}: {reason}")
    return list(ours.values()), failed


def console_errors(driver: Any) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def load(driver: Any, page: Path) -> None:
    driver.get_log("performance")  # drop what the browser did before our page (its start page)
    driver.get_log("browser")
    driver.get(page.as_uri())
    driver.implicitly_wait(2)
