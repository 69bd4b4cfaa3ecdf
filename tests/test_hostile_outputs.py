"""Hostile text in what condition_engine writes: page names of `docs` and `site`, the CSV exports, the
site's search fragment (docs/security.md, "Outputs"). Cases: tests/cases/hostile/outputs/."""
from __future__ import annotations

import csv
import io
import re

import pytest
import yaml
from browser import console_errors, start_chromium
from conftest import CASES
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import escape

from condition_engine.cli import main
from condition_engine.csv_cells import FORMULA_STARTS, csv_text, safe_cell
from condition_engine.rules.page_names import MAX_SLUG, RESERVED, page_stem, page_stems

OUTPUTS = CASES / "hostile" / "outputs"
FORMULAS = OUTPUTS / "formulas"
_IDS = yaml.safe_load((OUTPUTS / "rule_ids.yaml").read_text(encoding="utf-8"))
HOSTILE_IDS = _IDS["ids"] + [character * length for character, length in _IDS["long_ids"]]
NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._~-]*")


def assert_safe_names(stems: list[str]) -> None:
    """No two names equal ignoring case; each short, of safe characters, not reserved, not ending in a dot."""
    assert len({stem.casefold() for stem in stems}) == len(stems)
    for stem in stems:
        assert NAME.fullmatch(stem) and len(stem) <= MAX_SLUG + 65 and not stem.endswith("."), stem
        assert stem.split(".", 1)[0].lower() not in RESERVED, stem


@pytest.fixture(scope="module")
def hostile_rules(tmp_path_factory):
    """A folder of one rule file per hostile ID."""
    folder = tmp_path_factory.mktemp("hostile_rules")
    for number, rule_id in enumerate(HOSTILE_IDS):
        rule = {"AnalysisType": "rule", "RuleID": rule_id, "Severity": "Low", "Condition": "a eq 1"}
        (folder / f"r{number}.yml").write_text(yaml.safe_dump(rule, allow_unicode=True), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def hostile_site(hostile_rules, tmp_path_factory):
    out = tmp_path_factory.mktemp("hostile_site")
    assert main(["site", str(hostile_rules), "--no-bundled", "--out", str(out)]) == 0
    return out


def test_docs_gives_every_hostile_id_its_own_page(hostile_rules, tmp_path):
    assert main(["docs", str(hostile_rules), "--no-bundled", "--out", str(tmp_path)]) == 0
    pages = {page.name: page.read_text(encoding="utf-8") for page in tmp_path.glob("*.md") if page.name != "index.md"}
    assert len(pages) == len(HOSTILE_IDS)
    assert_safe_names([name.removesuffix(".md") for name in pages])
    linked = re.findall(r"\]\(([^)]+)\) \|", (tmp_path / "index.md").read_text(encoding="utf-8"))
    assert sorted(linked) == sorted(pages)  # the index links every page, each once
    names = page_stems(HOSTILE_IDS)
    for rule_id in HOSTILE_IDS:  # each page shows its own rule, none overwritten by another's
        assert f"\n# {rule_id}\n" in pages[names[rule_id] + ".md"], rule_id


def test_site_gives_every_hostile_id_its_own_page(hostile_site):
    pages = {page.name: page.read_text(encoding="utf-8") for page in (hostile_site / "rules").glob("*.html")}
    assert len(pages) == len(HOSTILE_IDS)
    assert_safe_names([name.removesuffix(".html") for name in pages])
    index = (hostile_site / "index.html").read_text(encoding="utf-8")
    assert sorted(re.findall(r'<a href="rules/([^"]+)">', index)) == sorted(pages)
    names = page_stems(HOSTILE_IDS)
    for rule_id in HOSTILE_IDS:
        assert f"<dt>Rule ID</dt><dd><code>{escape(rule_id)}</code></dd>" in pages[names[rule_id] + ".html"]


def test_page_names_are_those_of_docs_and_site_and_stable():
    assert page_stems(HOSTILE_IDS) == page_stems(reversed(HOSTILE_IDS))
    assert page_stem("a/b") == "a_b~c14cddc033f6"  # a SHA-256 prefix: the same in every run and process
    assert page_stem("AWS.CMK.KeyRotation") == "AWS.CMK.KeyRotation"


@given(st.lists(st.text(min_size=1, max_size=400) | st.sampled_from(HOSTILE_IDS) | st.from_regex(NAME, fullmatch=True)))
def test_page_names_are_injective_bounded_and_safe(ids):
    names = page_stems(ids)
    assert_safe_names(list(names.values()))
    assert names == page_stems(reversed(ids))
    folded = [rule_id.casefold() for rule_id in names]
    for rule_id, stem in names.items():  # a safe ID with no case sibling is its own name
        if page_stem(rule_id) == rule_id and folded.count(rule_id.casefold()) == 1:
            assert stem == rule_id


@pytest.mark.parametrize("case", yaml.safe_load((OUTPUTS / "csv_cells.yaml").read_text(encoding="utf-8")),
                         ids=repr)
def test_a_cell_a_spreadsheet_would_run_is_written_as_text(case):
    assert safe_cell(case["cell"]) == case["written"]
    [row] = csv.reader(io.StringIO(csv_text([[case["cell"]]]), newline=""))
    assert row == [str(case["written"])]


def formula_free(text: str) -> list[list[str]]:
    """The rows of a CSV export, checked: no cell but a number starts as a formula."""
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert not [cell for row in rows for cell in row
                if cell.startswith(FORMULA_STARTS) and not re.fullmatch(r"-\d+", cell)], text
    return rows


def test_exclusions_csv_writes_formulas_as_text(capsys):
    assert main(["exclusions", str(FORMULAS / "rule.yml"), "--format", "csv"]) == 0
    [_, row] = formula_free(capsys.readouterr().out)
    assert row[:4] == ["'=SUM(1)", "userName", "in", "'=1+2, +cmd, -cmd, @SUM(A1), plain"]


def test_exceptions_csv_writes_formulas_as_text_and_numbers_as_numbers(capsys):
    assert main(["exceptions", str(FORMULAS), "--no-bundled", "--format", "csv", "--today", "2026-03-01"]) == 0
    [header, row] = formula_free(capsys.readouterr().out)
    cells = dict(zip(header, row))
    assert cells["exception"] == "'-EXC-1" and cells["targets"] == "'=SUM(1)" and cells["ticket"] == "'@SUM(A1)"
    assert cells["owner"] == "'=HYPERLINK(\"http://evil.example\",\"owner\")"
    assert cells["days_left"] == "-28"  # a number, not text


def test_the_site_coverage_csv_writes_formulas_as_text(tmp_path, capsys):
    assert main(["site", str(FORMULAS), "--no-bundled", "--out", str(tmp_path), "--today", "2026-03-01"]) == 0
    rows = formula_free((tmp_path / "attack-coverage.csv").read_text(encoding="utf-8"))
    assert rows[1][1:] == ["T1078", "Valid Accounts", "1", "'=SUM(1)"]


@pytest.fixture(scope="module")
def browser():
    driver = start_chromium()
    yield driver
    driver.quit()


@pytest.mark.parametrize("fragment, shown", [("#q=%", "%"), ("#q=%E2%82", "%E2%82"), ("#q=a%2Fb", "a/b")])
def test_a_malformed_search_fragment_is_searched_as_written(hostile_site, browser, fragment, shown):
    browser.get("about:blank"), console_errors(browser)  # a fresh load; forget what an earlier test left
    browser.get((hostile_site / "index.html").as_uri() + fragment)
    assert browser.find_element("id", "search").get_attribute("value") == shown
    assert console_errors(browser) == []
    visible = [row for row in browser.find_elements("css selector", "#rules tbody tr") if row.is_displayed()]
    assert len(visible) == sum(shown.lower() in rule_id.lower() for rule_id in HOSTILE_IDS) > 0 or shown != "a/b"
