"""A cache of converted Sigma rules, keyed by file content, so repeated scans do not re-convert.

Entries live in ``$CONDITION_ENGINE_CACHE`` (default ``~/.cache/condition-engine``) under
``sigma/``; a key is the SHA-256 of the rule's text and of the pySigma and condition_engine
versions and of the syntax tree's layout.  ``CONDITION_ENGINE_CACHE=off`` disables it.  A cache that
cannot be written is ignored.  An entry is in ``marshal``'s binary form: the converted rule file and,
once it loaded without a problem, its parsed condition (:func:`encode_tree`) and the condition's anchor
groups (``analysis.anchors.anchor_groups``, which a large pack's plan reads; :func:`dump_groups`), so a warm
load neither converts nor parses, and a scan builds a rule's condition only when the rule is first a candidate.
"""
from __future__ import annotations

import hashlib
import marshal
import os
import sys
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .. import __version__, ast


def _directory() -> Path | None:
    setting = os.environ.get("CONDITION_ENGINE_CACHE", "")
    if setting.lower() in ("off", "0", "no", "false"):
        return None
    base = Path(setting) if setting else Path.home() / ".cache" / "condition-engine"
    return base / "sigma"


@lru_cache(maxsize=1)
def _pysigma_version() -> str:
    try:
        return metadata.version("pysigma")
    except metadata.PackageNotFoundError:
        return "none"


#: Bumped when what a conversion holds changes between releases (2: the Sigma rule's name is kept; 3: each
#: ATT&CK technique under the rule's tactics it belongs to; 4: marshal, with the parsed condition; 5: fieldref
#: converted, with the FieldRef node; 6: the condition's anchor groups).
FORMAT = 6
#: The syntax tree's node classes, numbered for :func:`encode_tree`, and their fields in order.
_NODES: tuple[type[BaseModel], ...] = (ast.Span, ast.String, ast.Number, ast.Boolean, ast.Null, ast.List, ast.Key,
                                       ast.Index, ast.Filter, ast.Path, ast.Compare, ast.Exists, ast.Not, ast.And,
                                       ast.Or, ast.FieldRef)
_NUMBER = {cls: number for number, cls in enumerate(_NODES)}
_FIELDS = tuple(tuple(cls.model_fields) for cls in _NODES)
_LAYOUT = repr((marshal.version, [(cls.__name__, fields) for cls, fields in zip(_NODES, _FIELDS)]))


def _key(text: str) -> str:
    return hashlib.sha256(f"{__version__}\0{FORMAT}\0{_pysigma_version()}\0{_LAYOUT}\0{text}"
                          .encode("utf-8", "surrogatepass")).hexdigest()


def encode_tree(node: Any) -> Any:
    """A parsed condition, spans included, as marshal-able data: a node is ``[class number, set-fields mask,
    field values...]``, a tuple stays a tuple.

    >>> from condition_engine.parser import parse
    >>> tree = parse('a eq "x"'); decode_tree(encode_tree(tree)) == tree
    True
    """
    if isinstance(node, BaseModel):
        number = _NUMBER[type(node)]
        names, values, given = _FIELDS[number], node.__dict__, node.__pydantic_fields_set__
        mask = sum(1 << bit for bit, name in enumerate(names) if name in given)
        return [number, mask, *(encode_tree(values[name]) for name in names)]
    if isinstance(node, tuple):
        return tuple(encode_tree(item) for item in node)
    if node is None or isinstance(node, (str, int, float)):
        return node
    raise TypeError(f"not part of a syntax tree: {type(node).__name__}")


def decode_tree(data: Any) -> Any:
    """The condition :func:`encode_tree` wrote, built without validation (it was valid when written); the
    sets of given fields are shared between nodes alike, and texts interned.

    >>> decode_tree(encode_tree(ast.Key(name="a")))
    Key(kind='key', name='a')
    """
    kind = type(data)
    if kind is tuple:
        return tuple(item if type(item) not in _NESTED else decode_tree(item) for item in data)
    if kind is not list:
        return data
    number, mask = data[0], data[1]
    names = _FIELDS[number]
    given = _GIVEN.get((number, mask))
    if given is None:
        given = _GIVEN[(number, mask)] = {name for bit, name in enumerate(names) if mask >> bit & 1}
    values = {}
    for name, value in zip(names, data[2:]):
        kind = type(value)
        values[name] = decode_tree(value) if kind in _NESTED else _intern(value) if kind is str else value
    node = _new(_NODES[number])
    _set(node, "__dict__", values)
    _set(node, "__pydantic_fields_set__", given)
    _set(node, "__pydantic_extra__", None)
    _set(node, "__pydantic_private__", None)
    return node


_NESTED = frozenset({list, tuple})
_GIVEN: dict[tuple[int, int], set[str]] = {}
_intern = sys.intern
_new, _set = object.__new__, object.__setattr__


def dump_tree(node: Any) -> bytes:
    """A parsed condition as bytes (:func:`encode_tree` marshalled), for an entry; :func:`load_tree` reads it."""
    return marshal.dumps(encode_tree(node))


def load_tree(data: bytes) -> Any:
    """The condition :func:`dump_tree` wrote.

    >>> from condition_engine.parser import parse
    >>> load_tree(dump_tree(parse("a eq 1 and not b exists"))) == parse("a eq 1 and not b exists")
    True
    """
    return decode_tree(marshal.loads(data))


def dump_groups(groups: list[frozenset[tuple[tuple[str, ...], str]]]) -> bytes:
    """A condition's anchor groups (``analysis.anchors.anchor_groups``) as bytes, for an entry."""
    return marshal.dumps(groups)


def load_groups(data: bytes) -> list[frozenset[tuple[tuple[str, ...], str]]]:
    """The anchor groups :func:`dump_groups` wrote, field keys shared between rules.

    >>> load_groups(dump_groups([frozenset({(("CommandLine",), "-enc")})]))
    [frozenset({(('CommandLine',), '-enc')})]
    """
    return [frozenset((_shared_keys(keys), text) for keys, text in group) for group in marshal.loads(data)]


def _shared_keys(keys: tuple[str, ...]) -> tuple[str, ...]:
    return _KEYS.setdefault(keys, tuple(map(_intern, keys)))


_KEYS: dict[tuple[str, ...], tuple[str, ...]] = {}


def lookup(text: str) -> dict[str, Any] | None:
    """The cached conversion of a rule's text (``{"rule": ...}`` with ``"tree"`` and ``"groups"`` once loaded
    without a problem, or ``{"skipped": reason}``), or None."""
    directory = _directory()
    if directory is None:
        return None
    try:
        entry = marshal.loads((directory / f"{_key(text)}.marshal").read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None
    return entry if isinstance(entry, dict) else None


def known(text: str) -> bool:
    """Whether the cache holds an entry for a rule's text (without reading it).

    >>> known("title: never stored")
    False
    """
    directory = _directory()
    return directory is not None and (directory / f"{_key(text)}.marshal").is_file()


def writable() -> bool:
    """Whether entries can be stored (the cache is on and its folder can be written).

    >>> isinstance(writable(), bool)
    True
    """
    directory = _directory()
    if directory is None:
        return False
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return os.access(directory, os.W_OK)


def store(text: str, entry: dict[str, Any]) -> None:
    """Remember a conversion (best effort)."""
    directory = _directory()
    if directory is None:
        return
    try:
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / f"{_key(text)}.marshal"
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_bytes(marshal.dumps(entry))
        temporary.replace(path)
    except (OSError, ValueError):  # ValueError: a value marshal cannot write
        pass
