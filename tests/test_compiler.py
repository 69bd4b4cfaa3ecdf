"""The compiler: user text is only ever data, and the compiled function's attributes."""
from __future__ import annotations

import pytest

from condition_engine import CompiledCondition, ast, compile, evaluate

HOSTILE = [
    '"); import os; os.system("echo pwned") #',
    "__import__('os').system('echo pwned')",
    "a\nb", "quote'single", 'quote"double', "back\\slash", "{v}", "{S}", "x0", "d", "k0", "general",
    "\u2028", "",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_field_names_and_values_are_data(text):
    condition = ast.And(operands=(
        ast.Compare(path=ast.Path(steps=(ast.Key(name=text),)), op="eq", value=ast.String(value=text)),
        ast.Compare(path=ast.Path(steps=(ast.Key(name="n"), ast.Key(name=text))), op="contains",
                    value=ast.String(value=text)),
    ))
    fn = compile(condition)
    assert text not in fn.source or text in ("d", "x0", "k0", "general", "", "{v}", "{S}")
    matching = {text: text, "n": {text: "<" + text + ">"}}
    assert fn(matching) is True and evaluate(condition, matching) is True
    assert fn({text: text + "!", "n": {}}) is False


def test_hostile_patterns_are_data():
    fn = compile('a matches "x\'\\\\); __import__\\\\(\'os\'\\\\)" or b glob "*\'\'\'*" or c in ["\\n", "}"]')
    assert "__import__" not in fn.source
    assert fn({"c": "\n"}) is True


def test_compiled_function_describes_itself():
    fn = compile('KeyState eq "Enabled"')
    assert isinstance(fn, CompiledCondition)
    assert fn.matches({"KeyState": "Enabled"}) is True
    assert list(fn.filter([{"KeyState": "Enabled"}, {}, {"KeyState": "x"}])) == [{"KeyState": "Enabled"}]
    assert "def condition(d)" in fn.source and fn.case_insensitive is False
    assert fn.condition == ast.Compare(path=ast.Path.of("KeyState"), op="eq", value=ast.String(value="Enabled"))


def test_non_object_documents_take_the_general_path():
    fn = compile("a eq 1")
    assert fn([{"a": 1}]) is True
    assert fn("a") is False and fn(None) is False and fn(3) is False
