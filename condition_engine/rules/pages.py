"""Documentation pages in the seed's format, an index of the pack, and an ATT&CK Navigator layer."""
from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

from ..analysis.exclusions import EXPLANATION
from ..render import to_text
from .attack import mappings, tactic_shortname
from .pack import LoadedRule, RulePack
from .page_names import page_stems
from .yaml_source import without_key


def breadcrumb(rule: LoadedRule) -> str:
    """``Detection rules › Panther`` (or › Sigma for converted Sigma rules)."""
    return "Detection rules › " + ("Sigma" if rule.model.Sigma is not None else "Panther")


def rule_body_yaml(rule: LoadedRule) -> str:
    """The rule file's YAML without its condition, formatting kept."""
    if rule.source is None:
        return ""
    return without_key(rule.source, "Condition").rstrip() + "\n"


def attack_table(rule: LoadedRule) -> str:
    """The "MITRE ATT&CK coverage" table: one row per tactic, its techniques with names."""
    by_tactic: dict[str, list[str]] = defaultdict(list)
    for m in mappings(rule.model.Reports):
        tactic = m.tactic_name or m.tactic
        technique = f"{m.technique} {m.technique_name}" if m.technique_name else m.technique
        if technique and technique not in by_tactic[tactic]:
            by_tactic[tactic].append(technique)
        by_tactic.setdefault(tactic, [])
    lines = ["| Tactic | Techniques |", "|---|---|"]
    lines += [f"| {tactic} | {', '.join(techniques)} |" for tactic, techniques in by_tactic.items()]
    return "\n".join(lines)


def unknown_attack_ids(rule: LoadedRule) -> list[str]:
    """ATT&CK IDs in a rule's Reports that the shipped data does not know."""
    out = []
    for m in mappings(rule.model.Reports):
        if m.tactic_name is None:
            out.append(m.tactic)
        if m.technique and m.technique_name is None:
            out.append(m.technique)
    return out


def rule_page(rule: LoadedRule) -> str:
    """One rule's Markdown page, in the seed's format."""
    parts = [breadcrumb(rule), "", f"# {rule.title}", ""]
    if rule.model.Description:
        parts += [rule.model.Description.strip(), ""]
    if mappings(rule.model.Reports):
        parts += ["## MITRE ATT&CK coverage", "", attack_table(rule), ""]
    parts += ["## Rule body yaml", "", "```yaml", rule_body_yaml(rule).rstrip(), "```", "",
              "## Detection logic", "", "### Condition", "", "```", to_text(rule.condition), "```", "",
              "## Exclusions", "", EXPLANATION, ""]
    parts.append(rule.exclusions.to_markdown(notes=False).rstrip())  # the seed's format: three columns
    if rule.exceptions:
        parts += ["", "## Exceptions", "", exceptions_table(rule)]
    return "\n".join(parts) + "\n"


def exceptions_table(rule: LoadedRule) -> str:
    """The exceptions applied to a rule: id, condition, owner, reason, ticket, expiry."""
    lines = ["| Exception | Condition | Owner | Reason | Ticket | Expires |", "|---|---|---|---|---|---|"]
    for exception in rule.exceptions:
        model = exception.model
        cells = [exception.id, f"`{to_text(exception.condition)}`", model.Owner, model.Reason.strip(),
                 model.Ticket or "", str(model.Expires or "never")]
        lines.append("| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |")
    return "\n".join(lines)


def page_names(pack: RulePack) -> dict[str, str]:
    """Each rule's page file name by rule ID: the ID when safe, else a slug and a hash (see ``page_names``).

    >>> from condition_engine.rules.loader import load_rules
    >>> page_names(load_rules())["AWS.CMK.KeyRotation"]
    'AWS.CMK.KeyRotation.md'
    """
    return {rule_id: stem + ".md" for rule_id, stem in page_stems(rule.id for rule in pack).items()}


def _cell(text: str) -> str:
    """Text for a Markdown table cell or link text: pipes, brackets and line breaks made inert."""
    return re.sub(r"([\\|\[\]])", r"\\\1", " ".join(str(text).split()))


def index_page(pack: RulePack) -> str:
    """A Markdown index of the pack: title, severity, ATT&CK techniques, exclusion counts."""
    lines = ["# Detection rules", "", f"{len(pack)} rules.", "",
             "| Rule | Title | Severity | ATT&CK | Exclusions |", "|---|---|---|---|---|"]
    names = page_names(pack)
    for rule in sorted(pack, key=lambda r: r.id):
        techniques = ", ".join(m.technique or m.tactic for m in mappings(rule.model.Reports))
        lines.append(f"| [{_cell(rule.id)}]({names[rule.id]}) | {_cell(rule.title)} | {rule.severity} | {techniques} | "
                     f"{len(rule.exclusions.groups)} |")
    return "\n".join(lines) + "\n"


def navigator_layer(pack: RulePack, name: str = "condition_engine rule pack") -> dict:
    """An ATT&CK Navigator layer scoring each technique by the number of rules covering it."""
    rules_by: dict[tuple[str, str], list[str]] = defaultdict(list)
    for rule in pack:
        for m in mappings(rule.model.Reports):
            if m.technique:
                rules_by[(m.technique, tactic_shortname(m.tactic) or m.tactic)].append(rule.id)
    return {
        "name": name,
        "versions": {"attack": "18", "navigator": "5.1.0", "layer": "4.5"},
        "domain": "enterprise-attack",
        "description": f"ATT&CK coverage of {len(pack)} rules",
        "techniques": [
            {"techniqueID": technique, "tactic": tactic, "score": len(ids), "comment": ", ".join(sorted(ids))}
            for (technique, tactic), ids in sorted(rules_by.items())
        ],
        "gradient": {"colors": ["#ffffff", "#66b1ff"], "minValue": 0,
                     "maxValue": max((len(v) for v in rules_by.values()), default=1)},
    }


def write_pages(pack: RulePack, out: Path) -> list[Path]:
    """Write every rule's page, the index and the Navigator layer into ``out``; return the paths."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    names = page_names(pack)
    for rule in pack:
        path = out / names[rule.id]
        path.write_text(rule_page(rule), encoding="utf-8")
        written.append(path)
    (out / "index.md").write_text(index_page(pack), encoding="utf-8")
    (out / "attack-navigator-layer.json").write_text(json.dumps(navigator_layer(pack), indent=2) + "\n",
                                                     encoding="utf-8")
    return written + [out / "index.md", out / "attack-navigator-layer.json"]
