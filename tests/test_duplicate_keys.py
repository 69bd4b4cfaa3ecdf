"""A key written twice in one object is read alike by every engine (the last value, docs/security.md): DuckDB
hands such lines to the Python reader, found by a test (colons counted on each side, an exact reading where
escapes may hide a colon) that agrees with a reader keeping every pair, whatever the spacing, escapes and colons
in strings."""
from __future__ import annotations

import json

import orjson
from hypothesis import given, settings
from hypothesis import strategies as st

from condition_engine.cli import main
from condition_engine.scan.duplicate_keys import duplicate_key, plain

KEYS = st.sampled_from(["a", "b", "a:b", ":", "é", "t"])
SCALARS = st.one_of(st.integers(-5, 5), st.sampled_from(["x", ":", "a:b:", "", "é:"]), st.none(), st.booleans(),
                    st.sampled_from([1.5, 1e5, -0.0]))
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=3).map(lambda items: ("list", items)),
    st.lists(st.tuples(KEYS, inner), max_size=4).map(lambda pairs: ("object", pairs))), max_leaves=12)


def _text(value, escape: st.DataObject) -> str:
    """JSON text of a value, objects written pair by pair (a key may repeat), with spacing and \\u escapes drawn."""
    space = escape.draw(st.sampled_from(["", " ", "\n"]))
    if isinstance(value, tuple) and value[0] == "list":
        return "[" + ("," + space).join(_text(item, escape) for item in value[1]) + "]"
    if isinstance(value, tuple):
        pairs = []
        for key, item in value[1]:
            written = "".join(f"\\u{ord(c):04x}" if escape.draw(st.booleans()) else c for c in key) \
                if escape.draw(st.integers(0, 4)) == 0 else key
            pairs.append(f'"{written}"{space}:{space}{_text(item, escape)}')
        return "{" + ",".join(pairs) + "}"
    return json.dumps(value, ensure_ascii=False)


def _repeats(text: str) -> bool:
    found = []

    def pairs(items):
        keys = [key for key, _ in items]
        found.append(len(keys) != len(set(keys)))
        return dict(items)

    json.loads(text, object_pairs_hook=pairs)
    return any(found)


@given(value=VALUES, escape=st.data())
@settings(max_examples=300, deadline=None)
def test_the_fast_test_and_the_exact_reading_agree_with_every_pair_kept(value, escape):
    raw = _text(value, escape).encode()
    record = orjson.loads(raw)
    assert (duplicate_key(raw, record) is not None) == _repeats(raw.decode())
    assert not (plain(raw, record) and _repeats(raw.decode()))  # the fast test never passes a repeat


def test_duckdb_reads_a_repeated_key_as_the_python_engine_does(tmp_path, capsys):
    data = tmp_path / "events.jsonl"
    lines = ['{"p_log_type":"AWS.CloudTrail","eventType":"AwsConsoleSignIn","eventName":"ConsoleLogin",'
             '"userIdentity":{"type":"IAMUser","type":"Root"},"responseElements":{"ConsoleLogin":"Success"}}',
             '{"p_log_type":"AWS.CloudTrail","eventType":"AwsConsoleSignIn","eventName":"ConsoleLogin",'
             '"userIdentity":{"type":"Root","type":"IAMUser"},"responseElements":{"ConsoleLogin":"Success"}}']
    data.write_text("\n".join(lines) + "\n")
    out = {}
    for engine in ("python", "duckdb"):
        assert main(["scan", str(data), "--quiet", "--engine", engine]) == 0
        out[engine] = capsys.readouterr().out
    assert out["duckdb"] == out["python"]
    root = [f["line"] for f in map(orjson.loads, out["python"].splitlines())
            if f["rule_id"] == "AWS.CloudTrail.RootActivity"]
    assert root == [1]  # the last "type" is read
