"""A panther-analysis checkout: every file loads, runs or is skipped with its kind and reason."""
from __future__ import annotations

import pytest
from conftest import CASES, load_cases

import condition_engine as ce
from condition_engine.cli import main
from condition_engine.rules.panther import Untranslatable, translate

CHECKOUT = CASES / "panther_checkout"


def test_a_checkout_loads_with_every_other_kind_skipped_and_named():
    pack = ce.load_rules(CHECKOUT, bundled=False)
    assert [r.id for r in pack] == ["AWS.Console.LoginWithoutMFA.Simple"]
    assert not pack.errors
    skipped = {p.file.split("panther_checkout/")[1]: (p.code, p.message) for p in pack.problems}
    assert skipped == {
        "correlation_rules/recon_then_escalation.yml": ("W210", "skipped: a correlation rule (a sequence of other "
                                                                "rules' alerts)"),
        "data_models/aws_cloudtrail.yml": ("W210", "skipped: a data model (field mappings for Python rules)"),
        "global_helpers/panther_base_helpers.yml": ("W210", "skipped: a global helper (Python code shared by rules)"),
        "lookup_tables/ips.yml": ("W210", "skipped: a lookup table (enrichment data)"),
        "packs/aws.yml": ("W210", "skipped: a pack (a list of detections to enable)"),
        "queries/root_logins.yml": ("W210", "skipped: a saved query (SQL run by the data lake)"),
        "rules/aws_cloudtrail_rules/aws_root_console_login.yml": (
            "W210", "skipped: a Python-backed rule (Filename: aws_root_console_login.py): its logic is Python code, "
                    "which this engine does not run"),
        "rules/aws_cloudtrail_rules/aws_same_user_simple.yml": (
            "W211", "skipped: a Simple Detection using a comparison between fields (Values that name keys), which "
                    "has no exact counterpart in the condition language"),
    }  # .github/workflows/ci.yml is hidden: not read at all


def test_a_simple_detection_becomes_a_condition_and_its_tests_run(capsys):
    rule = ce.load_rules(CHECKOUT, bundled=False).get("AWS.Console.LoginWithoutMFA.Simple")
    assert ce.to_text(rule.condition) == (
        'eventName eq "ConsoleLogin" and not additionalEventData.MFAUsed eq "Yes" and not (userIdentity.type in '
        '["AssumedRole", "SAMLUser"] or errorMessage exists) and recipientAccountId ne null and '
        'recipientAccountId ne ""')
    assert main(["test", str(CHECKOUT), "--no-bundled"]) == 0
    assert "1/1 rules passed; 3/3 tests passed" in capsys.readouterr().out


def test_strict_scan_stops_on_skipped_files(capsys):
    assert main(["scan", "examples/", "--rules", str(CHECKOUT), "--no-bundled", "--quiet"]) == 0
    assert main(["scan", "examples/", "--rules", str(CHECKOUT), "--no-bundled", "--strict"]) == 2
    assert "error: --strict: 8 file(s) skipped, listed above" in capsys.readouterr().err


@pytest.mark.parametrize("case", load_cases("simple_detections.yaml"), ids=lambda c: c["name"])
def test_match_expressions(case):
    if "condition" in case:
        assert translate(case["detection"]) == case["condition"]
        ce.parse(case["condition"])
    else:
        with pytest.raises(Untranslatable, match=case["skipped"]):
            translate(case["detection"])
