"""One Windows event written in each reader form, from a description of its XML (tests/cases/windows/shapes.yaml):
``provider``, ``channel``, ``event_id``, and ``data`` — named ``<Data Name=…>`` values (a mapping) or
unnamed ``<Data>`` values (a list, or one string).  Written from the formats' documentation, without the
project's code."""
from __future__ import annotations

TIME = "2026-11-30T10:00:00.000Z"


def nested(event: dict, number: int) -> dict:
    """As the evtx package (and ``evtx_dump -o json``) writes the event."""
    data = event["data"]
    unnamed = not isinstance(data, dict)
    system = {"Provider": {"#attributes": {"Name": event["provider"]}},
              "EventID": {"#attributes": {"Qualifiers": 16384}, "#text": event["event_id"]} if unnamed
              else event["event_id"],
              "TimeCreated": {"#attributes": {"SystemTime": TIME}}, "EventRecordID": number,
              "Channel": event["channel"], "Computer": "ws1.example.com"}
    return {"Event": {"#attributes": {"xmlns": "http://schemas.microsoft.com/win/2004/08/events/event"},
                      "System": system, "EventData": {"Data": {"#text": data}} if unnamed else data}}


def flat(event: dict, number: int) -> dict:
    """A flat export: System's fields at the top level, then EventData's (unnamed values kept as the object)."""
    data = event["data"]
    return {"Provider_Name": event["provider"], "EventID": event["event_id"], "Channel": event["channel"],
            "Computer": "ws1.example.com", "EventRecordID": number,
            **(data if isinstance(data, dict) else {"Data": {"#text": data}})}


def ecs(event: dict, number: int) -> dict:
    """As Elastic Agent/Winlogbeat write it (Winlogbeat's field reference: ``winlog.*``, ``event.code``)."""
    data = event["data"]
    values = [data] if isinstance(data, str) else data
    event_data = data if isinstance(data, dict) else {f"param{n}": v for n, v in enumerate(values, 1)}
    return {"@timestamp": TIME,
            "event": {"code": str(event["event_id"]), "provider": event["provider"], "kind": "event"},
            "host": {"name": "ws1.example.com"}, "message": "…",
            "winlog": {"api": "wineventlog", "channel": event["channel"], "event_id": str(event["event_id"]),
                       "provider_name": event["provider"], "computer_name": "ws1.example.com",
                       "record_id": str(number), "event_data": event_data}}
