"""Headless Chromium for the console tests (Debian's ``chromium`` + ``chromium-driver``; a
missing one fails the test): the ``browser`` fixture (registered in ``tests/e2e/conftest.py``)
and ``editor_value``, what a GraphiQL CodeMirror editor holds."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Iterator

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[webdriver.Chrome]:
    chromium = shutil.which("chromium")
    chromedriver = shutil.which("chromedriver")
    if chromium is None or chromedriver is None:
        pytest.fail("headless Chromium is required: apt-get install -y chromium chromium-driver "
                    f"(found chromium={chromium}, chromedriver={chromedriver})")
    options = Options()
    options.binary_location = chromium
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=1400,900",
                 f"--user-data-dir={tmp_path / 'chromium-profile'}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    # An explicit chromedriver path: Selenium Manager is not consulted and downloads nothing.
    service = Service(executable_path=chromedriver, log_output=str(tmp_path / "chromedriver.log"))
    driver = webdriver.Chrome(options=options, service=service)
    try:
        yield driver
    finally:
        driver.quit()


def editor_value(driver: webdriver.Chrome, selector: str) -> str:
    return driver.execute_script(
        "const el = document.querySelector(arguments[0]); return el && el.CodeMirror ? el.CodeMirror.getValue() : null;",
        selector,
    )
