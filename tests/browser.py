"""Headless Chromium for the site tests: Debian's ``chromium`` and ``chromium-driver`` through Selenium.

``.ci/run`` installs the browser and sets ``CONDITION_ENGINE_REQUIRE_BROWSER=1``, so there a missing or
broken browser fails the tests; elsewhere they are skipped with the reason.
"""
from __future__ import annotations

import json
import os
import shutil

import pytest

BROWSER = ("chromium", "chromium-browser", "google-chrome")
DRIVER = ("chromedriver",)


def _which(names: tuple[str, ...]) -> str | None:
    return next((path for path in map(shutil.which, names) if path), None)


def start_chromium():
    """A headless Chromium whose console messages and network requests the tests can read."""
    required = os.environ.get("CONDITION_ENGINE_REQUIRE_BROWSER") == "1"
    missing = pytest.fail if required else pytest.skip
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        missing("selenium is not installed (the test extra installs it)")
    browser, driver = _which(BROWSER), _which(DRIVER)
    if browser is None or driver is None:
        missing("no Chromium and chromedriver here; .ci/run installs Debian's chromium and chromium-driver")
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1400,1000", "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--disable-default-apps"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    return webdriver.Chrome(options=options, service=Service(driver))


def console_errors(driver) -> list[str]:
    """Console messages of level SEVERE since the last call."""
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def requested_urls(driver) -> list[str]:
    """URLs the pages requested since the last call (from the DevTools performance log)."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls
