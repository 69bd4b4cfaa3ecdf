"""SQL: DuckDB's answer equals evaluate() on generated conditions and documents; literals stay data."""
from __future__ import annotations

import json

import pytest
from conftest import load_cases
from hypothesis import HealthCheck, assume, given, settings
from sql_support import comparable as _comparable
from sql_support import must_agree
from sql_support import node_strings as _node_strings
from sql_support import strings as _strings
from strategies import conditions, documents

import condition_engine as ce
from condition_engine import ast

duckdb = pytest.importorskip("duckdb", reason="the sql extra is installed by .ci/run")
sqlglot = pytest.importorskip("sqlglot", reason="the sql extra is installed by .ci/run")
from condition_engine.sql import to_sql  # noqa: E402


@pytest.fixture(scope="module")
def con():
    return duckdb.connect()


def _sql_answer(con, condition, document, fold=False):
    sql = to_sql(condition, case_insensitive=fold)
    return con.execute(f"SELECT {sql} FROM (SELECT CAST(? AS JSON) AS record)", [json.dumps(document)]).fetchone()[0]


@given(conditions(), documents())
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_duckdb_equals_evaluate(con, condition, document):
    assume(must_agree(condition, document))
    assert _sql_answer(con, condition, document) is ce.evaluate(condition, document)


@given(conditions(), documents())
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_duckdb_equals_evaluate_case_insensitive(con, condition, document):
    assume(must_agree(condition, document, case_insensitive=True))
    assert _sql_answer(con, condition, document, True) is ce.evaluate(condition, document, case_insensitive=True)


def _scan_answer(con, condition, document):
    """The answer of the SQL the DuckDB scan engine runs: key paths extracted once per record."""
    from sqlglot import exp

    from condition_engine.sql.compiler import KeyLookups, to_sql_expression
    from condition_engine.sql.duckdb_engine import NOT_ARRAY

    lookups = KeyLookups("ce_values", NOT_ARRAY)
    sql = to_sql_expression(condition, lookups=lookups).sql(dialect="duckdb")
    values = lookups.extraction(exp.column("record")).sql(dialect="duckdb") if lookups.paths else "NULL"
    return con.execute(f"SELECT {sql} FROM (SELECT record, {values} AS ce_values FROM "
                       f"(SELECT CAST(? AS JSON) AS record))", [json.dumps(document)]).fetchone()[0]


@given(conditions(), documents())
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_duckdb_scan_sql_equals_evaluate(con, condition, document):
    assume(must_agree(condition, document))
    assert _scan_answer(con, condition, document) is ce.evaluate(condition, document)


SEMANTICS = [(group["given"], case["condition"], case["expect"], group.get("options", {}))
             for group in load_cases("semantics.yaml") for case in group["cases"]]


@pytest.mark.parametrize("given_, condition, expect, options", SEMANTICS,
                         ids=[c[1][:50] for c in SEMANTICS])
@pytest.mark.parametrize("shape", ["to_sql", "scan"])
def test_semantics_cases_in_duckdb(con, given_, condition, expect, options, shape):
    if 'cidr "2001:' in condition:  # IPv6 networks are refused, never compiled wrongly
        with pytest.raises(ce.UnsupportedError, match="IPv6 network"):
            to_sql(condition)
        return
    if shape == "scan":
        if options.get("case_insensitive"):
            return  # the scan command has no case_insensitive option
        answer = _scan_answer(con, condition, given_)
    else:
        answer = _sql_answer(con, condition, given_, options.get("case_insensitive", False))
    if not all(_comparable(s) for s in list(_strings(given_)) + _node_strings(ce.parse(condition))):
        return  # casefold vs lower(): documented difference
    assert answer is expect


HOSTILE = ["'; DROP TABLE t; --", 'quote"double', "back\\slash", "a/b~c", "$.x[0]", "line\nbreak", "é"]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_field_names_and_values_stay_data(con, text):
    condition = ast.Compare(path=ast.Path(steps=(ast.Key(name=text),)), op="eq", value=ast.String(value=text))
    sql = to_sql(condition)
    assert sqlglot.parse_one(sql, read="duckdb") is not None
    assert _sql_answer(con, condition, {text: text}) is True
    assert _sql_answer(con, condition, {text: text + "!"}) is False
    assert con.execute("SELECT 1").fetchone() == (1,)


@pytest.mark.parametrize("condition, document", [
    ('a gt 1', {"a": "1e400"}), ('a eq 1e300', {"a": "1e300"}), ('a lt "5"', {"a": "-1e999"}),
])
def test_strings_holding_numbers_beyond_double_are_no_number(con, condition, document):
    assert _sql_answer(con, condition, document) is ce.evaluate(condition, document)


def test_null_never_leaks(con):
    for condition in ('a ne "x"', 'not a eq "x"', 'a eq null', 'not a gt 1', 'not a matches "x"'):
        for document in ({}, {"a": None}, {"a": []}, None):
            assert _sql_answer(con, condition, document) is ce.evaluate(condition, document)


def test_unsupported_constructs_name_themselves():
    with pytest.raises(ce.UnsupportedError, match="IPv6 network '2001:db8::/32'"):
        to_sql('ip cidr "2001:db8::/32"')
    with pytest.raises(ce.UnsupportedError, match="dialect 'oracle'"):
        to_sql("a eq 1", dialect="oracle")


def test_columns_layout_reads_typed_columns(con):
    con.execute("CREATE OR REPLACE TABLE keys AS SELECT * FROM (VALUES ('AWS_KMS', 'CUSTOMER', false), "
                "('AWS_KMS', 'AWS', true)) v(Origin, KeyManager, KeyRotationEnabled)")
    seed = ce.load_rules().get("AWS.CMK.KeyRotation").condition
    rows = con.execute(f"SELECT KeyManager FROM keys t WHERE {to_sql(seed, layout='columns', column='t')}").fetchall()
    assert rows == [("CUSTOMER",)]


@pytest.mark.parametrize("dialect, pattern, message", [
    ("spark", "(?P<n>x)", "named group"),
    ("postgres", "\\\\bword", "word boundary"),
    ("snowflake", "a+?", "lazy quantifier"),
])
def test_each_dialect_refuses_the_regular_expressions_its_engine_reads_differently(dialect, pattern, message):
    with pytest.raises(ce.UnsupportedError, match=f"{message}.*{dialect}"):
        to_sql(f'a matches "{pattern}"', dialect=dialect)
