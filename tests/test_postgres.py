"""SQL for PostgreSQL, run on a real PostgreSQL server (pgserver): its answer equals evaluate()."""
from __future__ import annotations

import json

import pytest
from conftest import load_cases
from hypothesis import HealthCheck, assume, given, settings
from sql_support import comparable, must_agree, node_strings, strings
from strategies import conditions, documents

import condition_engine as ce
from condition_engine import ast

pgserver = pytest.importorskip("pgserver", reason="the postgres extra is installed by .ci/run")
psycopg = pytest.importorskip("psycopg", reason="the postgres extra is installed by .ci/run")
from condition_engine.sql import to_sql  # noqa: E402


@pytest.fixture(scope="module")
def pg(tmp_path_factory):
    server = pgserver.get_server(tmp_path_factory.mktemp("postgres"), cleanup_mode="stop")
    with psycopg.connect(server.get_uri(), autocommit=True) as connection:
        yield connection
    server.cleanup()


def answer(pg, condition, document, fold=False):
    """The SQL's value for one document (sent as a setting, so the query text has no parameters)."""
    sql = to_sql(condition, dialect="postgres", case_insensitive=fold)
    pg.execute("SELECT set_config('condition_engine.record', %s, false)", [json.dumps(document)])
    return pg.execute(f"SELECT {sql} FROM (SELECT current_setting('condition_engine.record') AS record) AS r") \
        .fetchone()[0]


@given(conditions(), documents())
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_postgres_equals_evaluate(pg, condition, document):
    assume(must_agree(condition, document, dialect="postgres"))
    assert answer(pg, condition, document) is ce.evaluate(condition, document)


@given(conditions(), documents())
@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_postgres_equals_evaluate_case_insensitive(pg, condition, document):
    assume(must_agree(condition, document, dialect="postgres", case_insensitive=True))
    assert answer(pg, condition, document, True) is ce.evaluate(condition, document, case_insensitive=True)


SEMANTICS = [(group["given"], case["condition"], case["expect"], group.get("options", {}))
             for group in load_cases("semantics.yaml") for case in group["cases"]]


@pytest.mark.parametrize("given_, condition, expect, options", SEMANTICS, ids=[c[1][:50] for c in SEMANTICS])
def test_semantics_cases_in_postgres(pg, given_, condition, expect, options):
    if 'cidr "2001:' in condition:
        with pytest.raises(ce.UnsupportedError, match="IPv6 network"):
            to_sql(condition, dialect="postgres")
        return
    try:
        result = answer(pg, condition, given_, options.get("case_insensitive", False))
    except ce.UnsupportedError:  # refused, never compiled wrongly (test_constructs_… below)
        return
    if all(comparable(s) for s in node_strings(ce.parse(condition)) + list(strings(given_))):
        assert result is expect


@pytest.mark.parametrize("text", ["'; DROP TABLE t; --", 'quote"double', "back\\slash", "a/b~c", "{x,y}",
                                  "line\nbreak", "é", "%s", "-1"])
def test_hostile_field_names_and_values_stay_data(pg, text):
    condition = ast.Compare(path=ast.Path(steps=(ast.Key(name=text),)), op="eq", value=ast.String(value=text))
    assert answer(pg, condition, {text: text}) is True
    assert answer(pg, condition, {text: text + "!"}) is False
    assert answer(pg, condition, [{text: text}]) is True


@pytest.mark.parametrize("condition, document", [
    ('a matches "x.y"', {"a": "x\ny"}),  # "." stops at a newline, as in Python
    ('a matches "(?s)x.y"', {"a": "x\ny"}),
    ('a matches "x[^z]y"', {"a": "x\ny"}),
    ('a[-1] eq 3', {"a": [1, 2, 3]}),
    ('a.`-1` eq 3', {"a": [1, 2, 3]}),
    ('a gt 1', {"a": "1e99999"}),  # no number, as in Python (where it is inf)
    ('a eq 10', {"a": "1e1"}),
])
def test_where_postgres_differs_from_python_the_sql_does_not(pg, condition, document):
    assert answer(pg, condition, document) is ce.evaluate(condition, document)


def test_constructs_postgres_reads_differently_are_refused():
    for pattern, what in ((r"\bword", "word boundary"), ("(?P<n>x)", "named group"), ("(?m)^x", "inline flags")):
        with pytest.raises(ce.UnsupportedError, match=what):
            to_sql(f'a matches "{pattern}"'.replace("\\", "\\\\"), dialect="postgres")


def test_columns_layout_reads_a_table_row(pg):
    pg.execute("CREATE TEMP TABLE keys AS SELECT * FROM (VALUES ('AWS_KMS', 'CUSTOMER', false), "
               "('AWS_KMS', 'AWS', true)) v(\"Origin\", \"KeyManager\", \"KeyRotationEnabled\")")
    seed = ce.load_rules().get("AWS.CMK.KeyRotation").condition
    sql = to_sql(seed, dialect="postgres", layout="columns", column="t")
    assert pg.execute(f'SELECT "KeyManager" FROM keys t WHERE {sql}').fetchall() == [("CUSTOMER",)]
