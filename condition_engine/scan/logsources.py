"""Windows event records routed to Sigma logsources without a type field.

Exported Windows logs come in two shapes, detected record by record:

- **flat**: ``EventID``, ``Channel``, ``Image``, … at the top level (Zircolite, Hayabusa, Chainsaw exports);
- **nested**: ``{"Event": {"System": {...}, "EventData": {...}}}`` as ``evtx_dump -o json`` and the
  ``evtx`` package write it (``#attributes`` and ``#text`` for XML attributes and text).

A nested record is flattened to the flat shape (System's fields, ``Provider_Name`` and the like from
``#attributes``, then EventData's and UserData's fields) so that Sigma's field names apply.  Its
``Channel`` and ``EventID`` then give its types from the mapping in ``windows_logsources.yaml``.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from ..errors import ConditionError

DEFAULT_MAP = Path(__file__).with_name("windows_logsources.yaml")


class LogsourceMap:
    """Channel and EventID to Sigma log types (``Sigma.windows.process_creation``…), cached per pair.

    >>> mapper = LogsourceMap.load()
    >>> mapper.types_of({"Channel": "Microsoft-Windows-Sysmon/Operational", "EventID": 13})
    ('Sigma.windows', 'Sigma.windows.sysmon', 'Sigma.windows.registry_set', 'Sigma.windows.registry_event')
    """

    def __init__(self, data: dict[str, Any]) -> None:
        self.product = str(data.get("product", "windows"))
        self.channels: dict[str, dict[str, Any]] = {}
        self.add(data)
        self._cache: dict[tuple[Any, Any], tuple[str, ...]] = {}

    @classmethod
    def load(cls, *extra: str | Path) -> "LogsourceMap":
        """The built-in mapping, extended (entries replaced by channel) by each file in ``extra``."""
        mapper = cls(_read(DEFAULT_MAP))
        for path in extra:
            mapper.add(_read(Path(path)))
        return mapper

    def add(self, data: dict[str, Any]) -> None:
        for channel, entry in (data.get("channels") or {}).items():
            if not isinstance(entry, dict):
                raise ConditionError(f"logsource map: channel {channel!r} needs a mapping with service/events",
                                     code="E504")
            self.channels[str(channel)] = entry
        self._cache = {}

    def types_of(self, record: dict[str, Any]) -> tuple[str, ...]:
        """The record's log types from its Channel and EventID (empty when the channel is unknown)."""
        channel, event = record.get("Channel"), record.get("EventID")
        if channel.__class__ is not str:
            return ()
        if event.__class__ is not int and event.__class__ is not str:
            event = None  # no EventID (a list, an object, a fraction…): cached as one key
        key = (channel, event)
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = self._types(*key)
        return found

    def numbered(self, channel: str) -> list[int]:
        """The EventIDs the mapping names for a channel (the others get the channel's service alone)."""
        events = self.channels[channel].get("events") or {}
        return sorted({number for number in map(event_number, events) if number is not None})

    def _types(self, channel: Any, event_id: Any) -> tuple[str, ...]:
        entry = self.channels.get(channel) if isinstance(channel, str) else None
        if entry is None:
            return ()
        base = f"Sigma.{self.product}"
        out = [base]
        if entry.get("service"):
            out.append(f"{base}.{entry['service']}")
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
        raise ConditionError("a logsource map is a mapping with `channels`", code="E504", source=str(path))
    return data


def is_nested(record: Any) -> bool:
    """Whether a record is in the nested ``Event.System``/``Event.EventData`` form."""
    event = record.get("Event") if record.__class__ is dict else None
    return event.__class__ is dict and "System" in event


def flatten(record: dict[str, Any]) -> dict[str, Any]:
    """A nested event record in the flat form Sigma's field names use.

    >>> flatten({"Event": {"System": {"EventID": {"#attributes": {"Qualifiers": 0}, "#text": 4688},
    ...     "Provider": {"#attributes": {"Name": "Microsoft-Windows-Security-Auditing"}}, "Channel": "Security"},
    ...     "EventData": {"NewProcessName": "C:\\\\w.exe"}}})
    {'EventID': 4688, 'EventID_Qualifiers': 0, 'Provider_Name': 'Microsoft-Windows-Security-Auditing', 'Channel': 'Security', 'NewProcessName': 'C:\\\\w.exe'}
    """
    event = record["Event"]
    out: dict[str, Any] = {}
    for key, value in (event.get("System") or {}).items():
        if value.__class__ is dict:
            if "#text" in value:
                out[key] = value["#text"]
            for name, attribute in (value.get("#attributes") or {}).items():
                out[f"{key}_{name}"] = attribute
        else:
            out[key] = value
    for section in ("EventData", "UserData"):
        data = event.get(section)
        if data.__class__ is dict:
            if section == "UserData" and len(data) == 1 and next(iter(data.values())).__class__ is dict:
                data = next(iter(data.values()))  # UserData holds one element named after the event
            for key, value in data.items():
                if key != "#attributes":
                    out[key] = value
    return out
