"""Alerts, not only matches: findings grouped by key over a time window, raised past a threshold."""
from .engine import Alerter
from .model import AlertRule

__all__ = ["Alerter", "AlertRule"]
