"""Writing the catalog website: Jinja templates over a :class:`Catalog`, plus the site's own CSS and JS.

The site is static and self-contained — every link is relative, nothing is fetched from elsewhere — so it
works from ``file://`` and any static host.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from ..analysis.exclusions import EXPLANATION, NO_EXCLUSIONS
from ..csv_cells import csv_text
from ..render import to_text
from ..rules.pack import RulePack
from ..rules.pages import navigator_layer, rule_body_yaml
from .catalog import Catalog, index_order

STATIC = Path(__file__).with_name("static")


def environment() -> Environment:
    """The template environment: HTML autoescaped, undefined names an error."""
    env = Environment(loader=PackageLoader("condition_engine.site", "templates"),
                      autoescape=select_autoescape(["html"]), undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["json"] = lambda value: json.dumps(value, indent=2, ensure_ascii=False, default=str)
    env.filters["yaml_body"] = rule_body_yaml
    env.filters["is_url"] = lambda text: str(text).strip().startswith(("https://", "http://"))
    env.globals.update(condition_text=to_text, explanation=EXPLANATION, no_exclusions=NO_EXCLUSIONS)
    return env


def build_site(pack: RulePack, out: Path, report: dict[str, dict] | None = None) -> list[Path]:
    """Write the catalog of ``pack`` into ``out``; return the files written.

    >>> import tempfile; from condition_engine.rules.loader import load_rules
    >>> any(p.name == "index.html" for p in build_site(load_rules(), Path(tempfile.mkdtemp())))
    True
    """
    catalog = Catalog.from_pack(pack, report)
    env = environment()
    out.mkdir(parents=True, exist_ok=True)
    (out / "rules").mkdir(exist_ok=True)
    written: list[Path] = []

    def page(name: str, template: str, root: str, **values: Any) -> None:
        path = out / name
        path.write_text(env.get_template(template).render(catalog=catalog, root=root, **values), encoding="utf-8")
        written.append(path)

    page("index.html", "index.html", "", entries=index_order(catalog.entries), current="index")
    for entry in catalog.entries:
        page(entry.path, "rule.html", "../", entry=entry, current="")
    page("attack.html", "attack.html", "", current="attack")
    page("exclusions.html", "exclusions.html", "", rows=catalog.inventory(), current="exclusions")
    layer = out / "attack-navigator-layer.json"
    layer.write_text(json.dumps(navigator_layer(pack), indent=2) + "\n", encoding="utf-8")
    coverage = out / "attack-coverage.csv"
    coverage.write_text(coverage_csv(catalog), encoding="utf-8")
    written += [layer, coverage]
    for asset in sorted(STATIC.iterdir()):
        shutil.copyfile(asset, out / asset.name)
        written.append(out / asset.name)
    return written


def coverage_csv(catalog: Catalog) -> str:
    """The matrix as CSV: tactic, technique, technique name, rule count, rule IDs."""
    rows: list[list[object]] = [["tactic", "technique", "technique_name", "rules", "rule_ids"]]
    for _, tactic, techniques in catalog.matrix:
        for technique, name, entries in techniques:
            rows.append([tactic, technique, name, len(entries), " ".join(e.rule.id for e in entries)])
    return csv_text(rows)  # formula-safe cells; the count stays a number
