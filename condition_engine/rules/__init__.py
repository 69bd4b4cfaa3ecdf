"""Rule files and rule packs: loading, testing, documentation pages."""
from .loader import ENVIRONMENT_VARIABLE, bundled_rules_path, load_rules, rule_files
from .model import RuleFile, RuleTest
from .pack import LoadedRule, RulePack
from .problems import Problem

__all__ = ["ENVIRONMENT_VARIABLE", "LoadedRule", "Problem", "RuleFile", "RulePack", "RuleTest",
           "bundled_rules_path", "load_rules", "rule_files"]
