"""The Python API as a library user meets it: typed, with condition text parsed once, warning-free examples."""
from __future__ import annotations

import doctest
import importlib
import inspect
import pkgutil
import warnings
from pathlib import Path

import pytest

import condition_engine as ce
from condition_engine import cache

SEED = ('not (Origin ne "AWS_KMS" or KeyManager ne "CUSTOMER" or '
        '(KeyRotationEnabled eq "True" and KeyState eq "Enabled"))')


def _unannotated(function, owner: str = "") -> list[str]:
    signature = inspect.signature(function)
    out = [f"{owner}{function.__name__}({name})" for name, parameter in signature.parameters.items()
           if parameter.annotation is inspect.Parameter.empty and name not in ("self", "cls")]
    if signature.return_annotation is inspect.Signature.empty:
        out.append(f"{owner}{function.__name__} -> ?")
    return out


def test_the_public_api_is_annotated_completely():
    missing = []
    for name in ce.__all__:
        item = getattr(ce, name)
        if inspect.isfunction(item):
            missing += _unannotated(item)
        elif inspect.isclass(item):
            for attribute, member in vars(item).items():
                if isinstance(member, property):
                    member = member.fget
                if inspect.isfunction(member) and (not attribute.startswith("_") or attribute in ("__iter__", "__len__")):
                    missing += _unannotated(member, f"{name}.")
    assert missing == []


def test_the_package_says_it_is_typed():
    assert (Path(ce.__file__).parent / "py.typed").is_file()  # PEP 561; tests/test_wheel.py checks the wheel


@pytest.fixture
def parses(monkeypatch):
    """How often condition text is really parsed (the cache emptied first)."""
    calls = []
    real = cache.parse
    monkeypatch.setattr(cache, "parse", lambda text: calls.append(text) or real(text))
    cache.parsed.cache_clear()
    yield calls
    cache.parsed.cache_clear()


def test_condition_text_is_parsed_once_by_every_api(parses):
    document = {"Origin": "AWS_KMS", "KeyManager": "CUSTOMER"}
    for _ in range(3):
        assert ce.evaluate(SEED, document) is True
        assert ce.explain(SEED, document).result is True
        assert len(ce.exclusions(SEED).groups) == 1
        assert ce.fields(SEED)
        assert ce.to_text(ce.to_nnf(SEED))
    assert parses == [SEED]


def test_compiled_text_is_kept_per_text_and_option():
    assert ce.compile(SEED) is ce.compile(SEED)
    assert ce.compile(SEED, case_insensitive=True) is not ce.compile(SEED)
    assert ce.compile('Origin eq "aws_kms"', case_insensitive=True)({"Origin": "AWS_KMS"}) is True


def test_the_cache_is_bounded_and_keeps_no_errors(parses):
    for number in range(cache.MAXSIZE + 20):
        ce.evaluate(f"a eq {number}", {"a": number})
    assert cache.parsed.cache_info().currsize == cache.MAXSIZE
    for _ in range(2):
        with pytest.raises(ce.ConditionSyntaxError):
            ce.evaluate("a eq", {})
    assert parses.count("a eq") == 2


def test_text_and_node_give_the_same_answers():
    node = ce.parse(SEED)
    documents = [{}, {"Origin": "AWS_KMS", "KeyManager": "CUSTOMER"},
                 {"Origin": "AWS_KMS", "KeyManager": "CUSTOMER", "KeyRotationEnabled": True, "KeyState": "Enabled"}]
    for document in documents:  # alternating text and node: the last-call shortcut never mixes them up
        assert ce.evaluate(SEED, document) == ce.evaluate(node, document) == ce.compile(node)(document)
        assert ce.evaluate("not " + f"({SEED})", document) != ce.evaluate(SEED, document)


def _modules():
    package = Path(ce.__file__).parent
    for info in pkgutil.walk_packages([str(package)], "condition_engine."):
        if not info.name.endswith(("spark", "__main__")):
            yield info.name


@pytest.mark.parametrize("name", sorted(_modules()))
def test_doctest_examples_compile_without_warnings(name):
    module = importlib.import_module(name)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # e.g. "invalid escape sequence" from a docstring that is not raw
        for test in doctest.DocTestFinder(recurse=True).find(module):
            for example in test.examples:
                compile(example.source, f"<doctest {test.name}>", "single")


def test_rule_files_load_whatever_the_case_of_their_suffix(tmp_path):
    (tmp_path / "RULE.YML").write_text("AnalysisType: rule\nRuleID: Upper.Case\nCondition: a eq 1\n")
    (tmp_path / "other.Yaml").write_text("AnalysisType: rule\nRuleID: Mixed.Case\nCondition: a eq 2\n")
    assert sorted(rule.id for rule in ce.load_rules(tmp_path, bundled=False)) == ["Mixed.Case", "Upper.Case"]
