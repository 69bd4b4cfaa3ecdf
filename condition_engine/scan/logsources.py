"""Records routed to Sigma logsources: Windows events by Channel/EventID, cloud logs by their record type.

Windows records without a type field, in any of their shapes (flat, nested, ECS: :mod:`.windows_records`),
get their types from their ``Channel`` and ``EventID`` by the mapping in ``windows_logsources.yaml``.  Sigma
rules for cloud and identity logsources (``product: aws, service: cloudtrail``) also apply to the record
types the mapping's ``sources`` name (``AWS.CloudTrail``), so Panther-style and Sigma rules run together.
"""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

from ..errors import ConditionError
from ..sigma.convert import log_type
from .windows_records import flatten, is_nested, windows_form  # noqa: F401 - the records' shapes, re-exported

DEFAULT_MAP = Path(__file__).with_name("windows_logsources.yaml")
CLOUD_MAP = Path(__file__).with_name("cloud_logsources.yaml")


class LogsourceMap:
    """Channel and EventID to Sigma log types (``Sigma.windows.process_creation``…), cached per pair.

    >>> mapper = LogsourceMap.load()
    >>> mapper.types_of({"Channel": "Microsoft-Windows-Sysmon/Operational", "EventID": 13})
    ('Sigma.windows', 'Sigma.windows.sysmon', 'Sigma.windows.registry_set', 'Sigma.windows.registry_event')
    """

    def __init__(self, data: dict[str, Any]) -> None:
        self.product = str(data.get("product", "windows"))
        self.channels: dict[str, dict[str, Any]] = {}
        self.sources: dict[str, tuple[str, ...]] = {}
        self.add(data)
        self._cache: dict[tuple[Any, Any], tuple[str, ...]] = {}

    @classmethod
    def load(cls, *extra: str | Path) -> LogsourceMap:
        """The built-in mapping, extended (entries replaced by channel) by each file in ``extra``."""
        mapper = cls(_read(DEFAULT_MAP))
        mapper.add(_read(CLOUD_MAP))
        for path in extra:
            mapper.add(_read(Path(path)))
        return mapper

    def add(self, data: dict[str, Any]) -> None:
        for channel, entry in (data.get("channels") or {}).items():
            if not isinstance(entry, dict):
                raise ConditionError(f"logsource map: channel {channel!r} needs a mapping with service/events",
                                     code="E504")
            self.channels[str(channel)] = entry
        for entry in data.get("sources") or ():
            logsource, types = (entry.get("logsource"), entry.get("types")) if isinstance(entry, dict) else (None, None)
            if not isinstance(logsource, dict) or not isinstance(types, list) or not logsource:
                raise ConditionError(f"logsource map: source {entry!r} needs a `logsource` mapping and a list of "
                                     "`types`", code="E504")
            self.sources[log_type(logsource)] = tuple(str(t) for t in types)
        self._cache = {}

    def rule_types(self, types: tuple[str, ...]) -> tuple[str, ...]:
        """A rule's types with the record types its Sigma logsources are routed to (``sources``).

        >>> LogsourceMap.load().rule_types(("Sigma.aws.cloudtrail",))
        ('Sigma.aws.cloudtrail', 'AWS.CloudTrail')
        """
        extra = [t for source in types for t in self.sources.get(source, ()) if t not in types]
        return tuple(types) + tuple(dict.fromkeys(extra)) if extra else tuple(types)

    def routed(self, rules: list[Any]) -> list[Any]:
        """The rules, each whose Sigma logsource the map routes (``sources``) with those record types added."""
        if not self.sources:
            return rules
        out = []
        for rule in rules:
            types = self.rule_types(rule.types)
            if types != rule.types and rule.model.LogTypes:
                rule = replace(rule, model=rule.model.model_copy(update={"LogTypes": list(types)}))
            out.append(rule)
        return out

    def types_of(self, record: dict[str, Any], windows: bool = False) -> tuple[str, ...]:
        """The record's log types from its Channel and EventID: a channel the map does not name gives
        ``Sigma.windows`` alone when the record has an EventID; a record with no channel gives it when it is
        known to be a Windows event (``windows``: nested or ECS), else nothing."""
        channel, event = record.get("Channel"), record.get("EventID")
        if channel.__class__ is not str:
            return self.product_types if windows else ()
        if event.__class__ is not int and event.__class__ is not str:
            event = None  # no EventID (a list, an object, a fraction…): cached as one key
        key = (channel, event)
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = self._types(*key)
        return found

    @property
    def product_types(self) -> tuple[str, ...]:
        """The types of a Windows event whose channel says nothing more: ``('Sigma.windows',)``."""
        return (f"Sigma.{self.product}",)

    def numbered(self, channel: str) -> list[int]:
        """The EventIDs the mapping names for a channel (the others get the channel's service alone)."""
        events = self.channels[channel].get("events") or {}
        return sorted({number for number in map(event_number, events) if number is not None})

    def _types(self, channel: Any, event_id: Any) -> tuple[str, ...]:
        entry = self.channels.get(channel) if isinstance(channel, str) else None
        base = f"Sigma.{self.product}"
        if entry is None:
            return (base,) if event_number(event_id) is not None else ()
        out = [base]
        services = entry.get("service") or ()
        for service in [services] if isinstance(services, str) else services:
            out.append(f"{base}.{service}")
        events = entry.get("events") or {}
        number = event_number(event_id)
        for category in events.get(number, events.get(str(number), ())) if number is not None else ():
            out.append(f"{base}.{category}")
        return tuple(out)


#: An EventID written as text: ASCII digits, blanks around them allowed (the DuckDB engine uses the same pattern).
EVENT_ID_TEXT = r"[ \t\n\r\f]*([0-9]+)[ \t\n\r\f]*"
_EVENT_ID_TEXT = re.compile(EVENT_ID_TEXT + r"\Z")


def event_number(value: Any) -> int | None:
    """The number an EventID holds: a JSON integer, or a text of ASCII digits (None for anything else).

    >>> event_number(4688), event_number(" 13 "), event_number(True), event_number(13.0), event_number("²")
    (4688, 13, None, None, None)
    """
    if value.__class__ is int:
        return value
    if isinstance(value, str):
        digits = _EVENT_ID_TEXT.match(value)
        return int(digits.group(1)) if digits else None
    return None


def _read(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise ConditionError(f"cannot read the logsource map: {error}", code="E504", source=str(path)) from None
    if not isinstance(data, dict):
        raise ConditionError("a logsource map is a mapping with `channels` and/or `sources`", code="E504", source=str(path))
    return data
