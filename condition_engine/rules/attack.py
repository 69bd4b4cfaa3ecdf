"""MITRE ATT&CK names for rule reports (``MITRE ATT&CK: [TA0006:T1552]``), from the shipped data."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

REPORT_KEY = "MITRE ATT&CK"


@lru_cache(maxsize=1)
def _data() -> dict:
    return json.loads(Path(__file__).with_name("attack.json").read_text(encoding="utf-8"))


def tactic_name(tactic: str) -> str | None:
    """A tactic's name from its ID or shortname (v19 names included).

    >>> tactic_name("TA0006"), tactic_name("stealth")
    ('Credential Access', 'Stealth')
    """
    data = _data()
    if tactic in data["tactics"]:
        return data["tactics"][tactic]["name"]
    for info in data["tactics"].values():
        if info["shortname"] == tactic:
            return info["name"]
    alias = data["tactic_aliases"].get(tactic)
    return alias["name"] if alias else None


def tactic_shortname(tactic_id: str) -> str | None:
    """A tactic's shortname (``credential-access``) from its ID."""
    info = _data()["tactics"].get(tactic_id)
    return info["shortname"] if info else None


def tactic_id(shortname: str) -> str | None:
    """A tactic's ID from its shortname, when the data knows one."""
    for key, info in _data()["tactics"].items():
        if info["shortname"] == shortname:
            return key
    return None


def technique_tactics(technique: str) -> tuple[str, ...]:
    """The shortnames of the tactics a technique belongs to in the shipped data (empty when unknown).

    >>> technique_tactics("T1018")
    ('discovery',)
    """
    info = _data()["techniques"].get(technique)
    return tuple(info.get("tactics", ())) if info else ()


def technique_name(technique: str) -> str | None:
    """A technique's name (``T1552`` → ``Unsecured Credentials``; sub-techniques too)."""
    info = _data()["techniques"].get(technique)
    return info["name"] if info else None


@dataclass(frozen=True)
class Mapping:
    """One ``TACTIC:TECHNIQUE`` report entry, with names where known."""

    tactic: str
    technique: str
    tactic_name: str | None
    technique_name: str | None

    @property
    def known(self) -> bool:
        return self.tactic_name is not None and (not self.technique or self.technique_name is not None)


def mappings(reports: dict[str, list[str]] | None) -> list[Mapping]:
    """The ATT&CK entries of a rule's Reports, names resolved.

    >>> [(m.tactic_name, m.technique_name) for m in mappings({"MITRE ATT&CK": ["TA0006:T1552"]})]
    [('Credential Access', 'Unsecured Credentials')]
    """
    out = []
    for entry in (reports or {}).get(REPORT_KEY, []):
        tactic, _, technique = entry.partition(":")
        out.append(Mapping(tactic, technique, tactic_name(tactic), technique_name(technique) if technique else None))
    return out
