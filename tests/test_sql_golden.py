"""Golden files: the SQL of representative conditions per dialect, and that it parses back."""
from __future__ import annotations

import os

import pytest
from conftest import CASES, load_cases
from hypothesis import HealthCheck, given, settings
from strategies import conditions

from condition_engine import UnsupportedError

sqlglot = pytest.importorskip("sqlglot", reason="the sql extra is installed by .ci/run")
from condition_engine.sql import to_sql  # noqa: E402

GOLDEN = CASES / "sql"
CONDITIONS = load_cases("sql/conditions.yaml")


@pytest.fixture(autouse=True)
def deep_sql():
    """Fanning out nested lists nests functions deeply; sqlglot's parser recurses per level."""
    import sys

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(20_000)
    yield
    sys.setrecursionlimit(limit)


DIALECTS = ["duckdb", "spark", "postgres", "snowflake", "bigquery"]


@pytest.mark.parametrize("dialect", DIALECTS)
@pytest.mark.parametrize("name", sorted(CONDITIONS))
def test_golden_sql(name, dialect):
    sql = to_sql(CONDITIONS[name], dialect=dialect)
    path = GOLDEN / f"{name}.{dialect}.sql"
    if os.environ.get("CONDITION_ENGINE_UPDATE_GOLDEN"):
        path.write_text(sqlglot.transpile(sql, read=dialect, write=dialect, pretty=True)[0] + "\n")
    assert sqlglot.transpile(sql, read=dialect, write=dialect, pretty=True)[0] + "\n" == path.read_text()
    assert sqlglot.parse_one(sql, read=dialect) is not None


@given(conditions())
@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
def test_generated_sql_parses_back_in_every_dialect(deep_sql, condition):  # the fixture holds for every example
    for dialect in DIALECTS:
        try:
            sql = to_sql(condition, dialect=dialect)
        except UnsupportedError:
            continue
        assert sqlglot.parse_one(sql, read=dialect) is not None


@pytest.mark.parametrize("dialect", DIALECTS)
@pytest.mark.parametrize("text", ["'; DROP TABLE t; --", 'quote"double', "back\\slash", "line\nbreak", "é"])
def test_hostile_names_and_values_stay_literals_in_every_dialect(deep_sql, dialect, text):
    """Parsed back, the SQL holds the text only as string literals, and no statement but the expression."""
    from condition_engine import ast

    condition = ast.Compare(path=ast.Path(steps=(ast.Key(name=text),)), op="eq", value=ast.String(value=text))
    tree = sqlglot.parse_one(to_sql(condition, dialect=dialect), read=dialect)
    literals = [node.this for node in tree.find_all(sqlglot.exp.Literal) if node.is_string]
    assert text in literals or "/" + text in literals  # DuckDB's key is a JSON pointer
    assert not list(tree.find_all(sqlglot.exp.Drop))
