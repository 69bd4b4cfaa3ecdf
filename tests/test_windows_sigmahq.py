"""SigmaHQ's Windows rules over every shape of a Windows event give pySigma's SQLite backend's (rule, event) pairs.

Each event of tests/cases/windows/shapes.yaml is written in every reader form — the evtx package's nested JSON
(unnamed ``<Data>`` as ``{"#text": [...]}`` or ``{"#text": "..."}``), a flat export (keeping that object),
Elastic Agent/Winlogbeat ECS (unnamed values as ``param1``…) — and scanned with SigmaHQ's rules for the
channels they come from.  The oracle's rows are made from the same description without the project's
code: System's names, EventData's names without their spaces, unnamed values joined by newlines into ``Data``
(SigmaHQ's rules test ``Data`` with ``contains``, for which the joined text and any value agree); and
pySigma adds each rule's ``Channel`` condition from its own service → channel map, as
pysigma-pipeline-windows does (``ps_classic_start``: Windows PowerShell 400, that pipeline's fact).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT, load_cases

import condition_engine as ce

pytest.importorskip("sigma.backends.sqlite", reason="pysigma-backend-sqlite is installed by .ci/run")
from sigma.pipelines.common import generate_windows_logsource_items  # noqa: E402
from sigma.processing.conditions import LogsourceCondition  # noqa: E402
from sigma.processing.pipeline import ProcessingItem, ProcessingPipeline  # noqa: E402
from sigma.processing.transformations import AddConditionTransformation  # noqa: E402
from sqlite_oracle import database, rule_queries, selected  # noqa: E402
from windows_forms import ecs, flat, nested  # noqa: E402

SIGMAHQ = ROOT.parent / "shared" / "sigma" / "rules" / "windows"  # SigmaHQ's rules (DRL 1.1), beside the project
FOLDERS = ["builtin/application", "builtin/windefend", "builtin/system", "powershell/powershell_classic"]
EVENTS = load_cases("windows/shapes.yaml")


FORMS = {"nested.jsonl": nested, "flat.jsonl": flat, "ecs.jsonl": ecs}


def oracle_row(event: dict) -> dict:
    data = event["data"]
    fields = {name.replace(" ", ""): value for name, value in data.items()} if isinstance(data, dict) \
        else {"Data": data if isinstance(data, str) else "\n".join(data)}
    return {"Provider_Name": event["provider"], "EventID": event["event_id"], "Channel": event["channel"],
            "Computer": "ws1.example.com", **fields}


def pipeline() -> ProcessingPipeline:
    start = AddConditionTransformation({"Channel": "Windows PowerShell", "EventID": 400})
    classic = ProcessingItem(identifier="ps_classic_start", transformation=start,
                             rule_conditions=[LogsourceCondition(category="ps_classic_start", product="windows")])
    return ProcessingPipeline(name="Windows channels", priority=10,
                              items=[classic, *generate_windows_logsource_items("Channel", "{source}")])


@pytest.fixture(scope="module")
def scanned(tmp_path_factory):
    folder = tmp_path_factory.mktemp("shapes")
    for name, write in FORMS.items():
        (folder / name).write_text("".join(json.dumps(write(e, n)) + "\n" for n, e in enumerate(EVENTS, 1)))
    rules = [rule for path in FOLDERS for rule in ce.load_rules(SIGMAHQ / path, bundled=False)]
    result = ce.scan_files(str(folder), rules)
    ours = {(f["rule_id"], Path(f["file"]).name, f["line"]) for f in result.findings}
    return ours, {rule.id for rule in rules}, folder, rules, result.findings


def test_sigmahq_windows_rules_agree_with_the_sqlite_backend_in_every_form(scanned):
    ours, converted, *_ = scanned
    paths = sorted(p for folder in FOLDERS for p in (SIGMAHQ / folder).rglob("*.yml"))
    queries = {rule_id: query for rule_id, query in rule_queries(paths, pipeline()).items() if rule_id in converted}
    con = database([oracle_row(event) for event in EVENTS])
    oracle = {(rule_id, form, number + 1) for rule_id, query in queries.items()
              for number in selected(con, query) for form in FORMS}
    compared = {pair for pair in ours if pair[0] in queries}
    assert compared == oracle, sorted(compared ^ oracle)
    assert len(queries) > 100
    found = {(rule_id, number) for rule_id, _, number in oracle}
    assert len(found) >= 10 and {number for _, number in found} >= {1, 3, 4, 5, 7, 9, 11, 12}


def test_the_private_address_filter_holds_on_unnamed_values(scanned):
    """MSSQL 18456 from [CLIENT: 10.0.2.17] is excluded by `Data|contains 'CLIENT: 10.'`; from outside, found."""
    ours, *_ = scanned
    rule = "ebfe73c2-5bc9-4ed9-aaa8-8b54b2b4777d"
    assert {(form, line) for rule_id, form, line in ours if rule_id == rule} == {(form, 3) for form in FORMS}


def test_duckdb_finds_what_python_does_in_every_form(scanned):
    """The rules that find something here (a whole pack is too large for DuckDB to plan quickly), run in DuckDB:
    each form's records, flagged by its SQL as a shape it does not read, are read and evaluated as Python does."""
    pytest.importorskip("duckdb", reason="the sql extra is installed by .ci/run")
    _, _, folder, rules, findings = scanned
    found = {f["rule_id"] for f in findings}
    some = [rule for rule in rules if rule.id in found]
    assert len(some) >= 10
    assert ce.scan_files(str(folder), some, engine="duckdb").findings == findings
