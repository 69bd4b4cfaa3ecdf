"""The catalog website in a real browser: headless Chromium over the site of the bundled pack, the
example exceptions, two Sigma rules and an exclusion report of the example data.

Checks what a person does — search, sort, follow the matrix, filter the inventory — and what a person
cannot see: no console errors, no request leaving the machine, an accessibility check (axe-core 4,
WCAG 2 A/AA rules and best practices).
Screenshots of the index and the seed rule's page go to test-artifacts/ (not committed).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from browser import console_errors, requested_urls, start_chromium
from conftest import CASES, ROOT
from samples import axe_core

from condition_engine.cli import main

SEED_PAGE = CASES / "golden" / "aws_cmk_key_rotation_page.txt"
SIGMA = CASES / "sigma" / "rules"
ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    pytest.importorskip("sigma", reason="the sigma extra is installed by .ci/run")
    work = tmp_path_factory.mktemp("site")
    report = work / "report.json"
    rules = ["--rules", str(ROOT / "examples" / "exceptions"), "--rules", str(SIGMA / "defender_filter.yml"),
             "--rules", str(SIGMA / "whoami_execution.yml"), "--today", "2027-03-15"]
    assert main(["scan", str(ROOT / "examples"), *rules, "--exclusion-report", str(report), "--quiet",
                 "--out", str(work / "findings.jsonl")]) == 0
    assert main(["site", *rules, "--report", str(report), "--out", str(work / "out")]) == 0
    return work / "out"


@pytest.fixture(scope="module")
def browser():
    driver = start_chromium()
    yield driver
    driver.quit()


@pytest.fixture
def page(site, browser):
    """Open a page of the site: ``page("index.html")``; the driver is returned."""
    def open_page(name: str):
        browser.get((site / name).as_uri())
        return browser
    console_errors(browser), requested_urls(browser)  # forget what earlier tests left
    return open_page


def visible_rows(driver, table_id: str) -> list[list[str]]:
    rows = driver.find_elements("css selector", f"#{table_id} tbody tr")
    return [[cell.text for cell in row.find_elements("css selector", "td")] for row in rows if row.is_displayed()]


def test_search_filters_the_index(page):
    driver = page("index.html")
    everything = visible_rows(driver, "rules")
    assert len(everything) == 37 + 2 and driver.find_element("id", "count").text == "39 of 39 rules"
    box = driver.find_element("id", "search")
    box.send_keys("AWS.KMS.Key")  # a resource type
    shown = visible_rows(driver, "rules")
    assert {row[0] for row in shown} == {"AWS.CMK.KeyRotation", "AWS.KMS.Key.PendingDeletion"}
    assert driver.find_element("id", "count").text == "2 of 39 rules"
    box.clear(), box.send_keys("T1562.001 registry")  # a technique and a word of the title: every word counts
    assert [row[1] for row in visible_rows(driver, "rules")] == ["Defender Disabled By Registry"]


def test_sorting_by_a_column_and_back(page):
    driver = page("index.html")
    heading = driver.find_element("xpath", "//th[button[text()='Rule ID']]")
    heading.find_element("tag name", "button").click()
    ids = [row[0] for row in visible_rows(driver, "rules")]
    assert ids == sorted(ids, key=str.lower) and heading.get_attribute("aria-sort") == "ascending"
    heading.find_element("tag name", "button").click()
    assert [row[0] for row in visible_rows(driver, "rules")] == ids[::-1]
    tests = driver.find_element("xpath", "//th[button[text()='Tests']]/button")
    tests.click()
    counts = [int(row[5]) for row in visible_rows(driver, "rules")]
    assert counts == sorted(counts) and counts[0] < counts[-1]


def test_the_matrix_leads_to_the_rule_page(page):
    driver = page("attack.html")
    cell = driver.find_element("css selector", "details[data-technique='T1552']")
    cell.find_element("tag name", "summary").click()
    cell.find_element("link text", "AWS KMS CMK Key Rotation").click()
    assert driver.current_url.endswith("/rules/AWS.CMK.KeyRotation.html")
    assert driver.find_element("tag name", "h1").text == "AWS KMS CMK Key Rotation"
    export = driver.execute_script("return document.readyState") and page("attack.html").find_element(
        "link text", "ATT&CK Navigator layer (JSON)")
    assert export.get_attribute("download") is not None


def seed_rows() -> list[list[str]]:
    """The exclusions table of the seed page: (field, kind, excluded values) rows."""
    text = SEED_PAGE.read_text(encoding="utf-8").split("| Field | Kind | Excluded values |", 1)[1]
    rows = [line.strip().strip("|").split("|") for line in text.splitlines()[2:] if "|" in line]
    return [[cell.strip() for cell in row] for row in rows]


def test_the_seed_rule_page_shows_the_seed_exclusions(site, page):
    driver = page("rules/AWS.CMK.KeyRotation.html")
    rows = visible_rows(driver, "exclusion-table")
    assert [row[:3] for row in rows] == seed_rows()  # the seed's rows, in its order
    assert [row[3] for row in rows] == ["E1.3", "E1.3", "E1", "E1"]  # with the grouping shown
    notes = driver.find_element("css selector", ".notes").text
    assert notes == 'E1.3: suppresses only when all hold: KeyRotationEnabled eq "True" and KeyState eq "Enabled"'
    groups = visible_rows(driver, "group-table")
    report = json.loads((site.parent / "report.json").read_text())
    [counted] = [r for r in report["rules"] if r["rule_id"] == "AWS.CMK.KeyRotation"]
    assert [(g[0], g[1], g[3]) for g in groups] == [
        ("E1", "exclusion", f"{counted['groups'][0]['suppressed']:,}"),
        *[(c["id"], "clause", f"{c['suppressed']:,}") for c in counted["groups"][0]["clauses"]],  # E1.1–E1.3
        ("EXC-2026-021", "exception", f"{counted['groups'][1]['suppressed']:,}")]
    assert counted["groups"][1]["name"] == "EXC-2026-021" and counted["groups"][1]["suppressed"] > 0
    [exception] = visible_rows(driver, "exception-table")
    assert exception[0] == "EXC-2026-021" and exception[2] == "platform-storage@example.com"
    assert exception[5:] == ["2027-03-31", "expiring"]
    tests = visible_rows(driver, "test-table")
    assert [(t[0], t[1], t[2]) for t in tests][:2] == [("Key Managed By AWS", "true", "passes"),
                                                      ("Key Rotation Enabled", "true", "passes")]
    ARTIFACTS.mkdir(exist_ok=True)
    driver.save_screenshot(str(ARTIFACTS / "site-seed-rule.png"))


def test_sigma_rules_show_titles_and_filter_names(page):
    driver = page("index.html")
    driver.find_element("link text", "Defender Disabled By Registry").click()  # titles are the links, not IDs
    assert driver.find_element("tag name", "h1").text == "Defender Disabled By Registry"
    assert "Sigma" in driver.find_element("css selector", ".crumbs").text
    labels = [row[0] for row in visible_rows(driver, "group-table")]
    assert labels == ["filter_main_system", "filter_optional_edge_update"]


def test_the_inventory_filters_by_rule_field_owner_and_expiry(page):
    driver = page("exclusions.html")
    total = len(visible_rows(driver, "inventory"))
    driver.find_element("id", "f-owner").send_keys("secops")
    [row] = visible_rows(driver, "inventory")
    assert row[0].splitlines() == ["Okta Failed Login From Outside Allowed Countries",
                                   "Okta.FailedLoginOutsideAllowedCountries"]  # the title links, the ID below
    assert row[1:3] == ["EXC-2026-014", "exception"]
    assert row[6] == "2027-01-31 (expired)"  # the site was written for 2027-03-15
    driver.find_element("id", "f-owner").clear()
    driver.find_element("id", "f-field").send_keys("keymanager")
    assert {r[0].splitlines()[-1] for r in visible_rows(driver, "inventory")} == {"AWS.CMK.KeyRotation"}
    driver.find_element("id", "f-field").clear()
    from selenium.webdriver.support.select import Select
    Select(driver.find_element("id", "f-expiry")).select_by_value("expiring")
    assert [r[1] for r in visible_rows(driver, "inventory")] == ["EXC-2026-021"]
    Select(driver.find_element("id", "f-expiry")).select_by_value("")
    driver.find_element("id", "f-rule").send_keys("defender")
    assert [r[1] for r in visible_rows(driver, "inventory")] == ["filter_main_system", "filter_optional_edge_update"]
    assert driver.find_element("id", "count").text == f"2 of {total} entries"


PAGES = ["index.html", "attack.html", "exclusions.html", "rules/AWS.CMK.KeyRotation.html",
         "rules/0b8a9a1e-4e7b-4b8f-9a55-2f4d1d0c1a04.html"]


def test_every_page_loads_without_console_errors_or_requests_off_the_machine(site, page):
    names = sorted(str(p.relative_to(site)) for p in site.rglob("*.html"))
    assert len(names) == 3 + 39
    for name in names:
        driver = page(name)
        assert driver.find_element("tag name", "h1").text
        assert console_errors(driver) == [], name
        leaving = [url for url in requested_urls(driver) if not url.startswith(("file://", "data:"))]
        assert leaving == [], name
    ARTIFACTS.mkdir(exist_ok=True)
    page("index.html").save_screenshot(str(ARTIFACTS / "site-index.png"))


@pytest.mark.parametrize("name", PAGES)
def test_pages_pass_the_accessibility_check(page, name):
    driver = page(name)
    driver.execute_script(axe_core().read_text(encoding="utf-8"))  # injected from the test cache: no network
    results = driver.execute_async_script("axe.run(document).then(arguments[arguments.length - 1]);")
    problems = [f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
                for v in results["violations"]]
    assert problems == [], name
