"""Page names from rule IDs: one function for the ``docs`` pages and the site's rule pages.

A rule ID is attacker-controlled text (a pull request's rule file), so its page name must be
injective (two rules never share a page, even on a case-insensitive file system), bounded (no
"File name too long") and never a reserved name (the pack's ``index``, Windows device names, ``.``
and ``..``). An ID that is already a safe name is its own page name; any other ID becomes a readable
slug, ``~`` and a hash of the ID. ``~`` never occurs in an ID used as is, so a hashed name cannot be
another rule's plain name.
"""
from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable

#: Longest ID used as its own page name, and longest readable part of a hashed name (well under the
#: 255 bytes most file systems allow, with room for the suffix and extension).
MAX_PLAIN = 100
MAX_SLUG = 60
#: Hex digits of the ID's SHA-256 in a hashed name; a pack in which two names still collide gets all 64.
HASH_DIGITS = 12
_SAFE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_UNSAFE_RUN = re.compile(r"[^A-Za-z0-9._-]+")
#: Names a page may not take: the docs index, and Windows' device names (with any extension).
RESERVED = frozenset({"index", "con", "prn", "aux", "nul", "conin$", "conout$"}
                     | {f"{device}{n}" for device in ("com", "lpt") for n in "0123456789"})


def _reserved(name: str) -> bool:
    return name.split(".", 1)[0].lower() in RESERVED


def _digest(rule_id: str, digits: int) -> str:
    return hashlib.sha256(rule_id.encode("utf-8", "surrogatepass")).hexdigest()[:digits]


def slug(rule_id: str) -> str:
    """The readable part of a hashed name: safe characters only, at most ``MAX_SLUG`` of them.

    >>> slug("../etc/passwd"), slug("правило"), slug("a/b c"), slug("index")
    ('etc_passwd', 'rule', 'a_b_c', 'rule-index')
    """
    text = _UNSAFE_RUN.sub("_", rule_id)[:MAX_SLUG].strip("._-")
    return ("rule-" + text if _reserved(text) else text) if text else "rule"


def page_stem(rule_id: str, digits: int = HASH_DIGITS) -> str:
    """A rule's page name without extension: the ID when it is a safe name, else slug ``~`` hash.

    >>> page_stem("AWS.CMK.KeyRotation"), page_stem("a/b"), page_stem("index")
    ('AWS.CMK.KeyRotation', 'a_b~c14cddc033f6', 'rule-index~1bc04b5291c2')
    """
    if len(rule_id) <= MAX_PLAIN and _SAFE.fullmatch(rule_id) and not rule_id.endswith(".") \
            and not _reserved(rule_id):
        return rule_id
    return f"{slug(rule_id)}~{_digest(rule_id, digits)}"


def page_stems(rule_ids: Iterable[str]) -> dict[str, str]:
    """Each ID's page name without extension, no two equal ignoring case.

    IDs whose names differ only in case (``Abc``, ``abc``) both take the hashed form, so the result does
    not depend on the order of the IDs.

    >>> page_stems(["Abc", "abc", "x"])
    {'Abc': 'Abc~06d90109c8cc', 'abc': 'abc~ba7816bf8f01', 'x': 'x'}
    """
    names = {rule_id: page_stem(rule_id) for rule_id in dict.fromkeys(rule_ids)}
    for digits in (HASH_DIGITS, 64):  # 64: two short hashes that collide (never seen by chance)
        for rule_id in _clashing(names):
            names[rule_id] = f"{slug(rule_id)}~{_digest(rule_id, digits)}"
    return names


def _clashing(names: dict[str, str]) -> list[str]:
    by_folded: dict[str, list[str]] = defaultdict(list)
    for rule_id, name in names.items():
        by_folded[name.casefold()].append(rule_id)
    return [rule_id for group in by_folded.values() if len(group) > 1 for rule_id in group]
