"""Documentation pages: the bundled seed rule's page against the seed page itself, index, layer."""
from __future__ import annotations

import json

import pytest
from conftest import CASES

from condition_engine.cli import main
from condition_engine.rules import load_rules
from condition_engine.rules.pages import index_page, navigator_layer, rule_page

#: The seed page (a real rule page) this project's pages must reproduce, kept as a golden file.
SEED_PAGE = CASES / "golden" / "aws_cmk_key_rotation_page.txt"


def _section(lines: list[str], start: str, end: str) -> list[str]:
    i = lines.index(start)
    j = lines.index(end, i + 1)
    return lines[i + 1:j]


@pytest.fixture(scope="module")
def page() -> str:
    return rule_page(load_rules().get("AWS.CMK.KeyRotation"))


def test_seed_page_golden(page):
    seed = [line.strip() for line in SEED_PAGE.read_text(encoding="utf-8").splitlines()]
    ours = [line.strip().removeprefix("# ").removeprefix("## ").removeprefix("### ") for line in page.splitlines()]
    ours = [line for line in ours if line and not line.startswith("```")]
    assert ours[0] == seed[0] == "Detection rules › Panther"
    assert ours[1] == seed[1] and ours[2] == seed[2]
    assert "| Credential Access | T1552 Unsecured Credentials |" in ours
    assert seed[seed.index("MITRE ATT&CK coverage") + 3] == "| Credential Access | T1552 Unsecured Credentials |"
    seed_yaml = _section(seed, "Rule body yaml", "Tests:")
    our_yaml = _section(ours, "Rule body yaml", "Tests:")
    assert our_yaml == seed_yaml
    seed_tests = [line for line in _section(seed, "Tests:", "Detection logic")
                  if line.startswith(("- Name:", "ExpectedResult:"))]
    our_tests = [line for line in _section(ours, "Tests:", "Detection logic")
                 if line.startswith(("- Name:", "ExpectedResult:"))]
    assert our_tests == seed_tests
    assert ours[ours.index("Condition") + 1] == seed[seed.index("Condition") + 1]
    assert "Condition:" not in page
    seed_rows = seed[seed.index("| Field | Kind | Excluded values |") + 2:]
    our_rows = ours[ours.index("| Field | Kind | Excluded values |") + 2:]
    assert [r.strip("| ") for r in our_rows] == [r.strip("| ") for r in seed_rows if r]
    assert ours[ours.index("Exclusions") + 1] == seed[seed.index("Exclusions") + 1]


def test_index_and_navigator_layer():
    pack = load_rules()
    index = index_page(pack)
    assert "| [AWS.CMK.KeyRotation](AWS.CMK.KeyRotation.md) | AWS KMS CMK Key Rotation | Low | T1552 | 1 |" in index
    layer = navigator_layer(pack)
    assert layer["domain"] == "enterprise-attack"
    entry = next(t for t in layer["techniques"] if t["techniqueID"] == "T1552")
    assert entry["tactic"] == "credential-access" and "AWS.CMK.KeyRotation" in entry["comment"]


def test_docs_command_writes_pages_and_reports_unknown_ids(tmp_path, capsys):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "r.yml").write_text("AnalysisType: rule\nRuleID: X.Y\nCondition: a eq 1\n"
                                 "Reports:\n  MITRE ATT&CK:\n    - TA9999:T9999\n")
    out = tmp_path / "site"
    assert main(["docs", str(rules), "--no-bundled", "--out", str(out)]) == 0
    assert (out / "X.Y.md").exists() and (out / "index.md").exists()
    assert json.loads((out / "attack-navigator-layer.json").read_text())["techniques"][0]["techniqueID"] == "T9999"
    err = capsys.readouterr().err
    assert "unknown MITRE ATT&CK ID 'TA9999'" in err and "'T9999'" in err
