"""Windows event records in the one flat shape Sigma's field names read (docs/windows.md).

Three exports of the same event are read alike:

- **flat** (Zircolite, Hayabusa, Chainsaw): ``EventID``, ``Channel``, ``Image``, … at the top level;
- **nested** (``evtx_dump -o json``, the ``evtx`` package): ``{"Event": {"System": {...}, "EventData": {...}}}``;
- **ECS** (Elastic Agent, Winlogbeat): ``winlog.channel``, ``winlog.event_id``, ``winlog.event_data.*``.

Whatever the form, two facts of the XML are read as SigmaHQ's rules expect them:

- unnamed ``<Data>`` elements (classic logs: Application, System, "Windows PowerShell"), which the ``evtx``
  package writes ``"Data": {"#text": [...]}`` (one element: ``{"#text": "..."}``) and Winlogbeat names
  ``param1``, ``param2``…, are the field ``Data``: the list of values (one value: that string), so a test on
  ``Data`` passes when one of the values passes it;
- names with spaces (Defender's ``Source Name``, ``Threat Name``) are also readable without them
  (``SourceName``, ``ThreatName``), as other Sigma engines read them; a field already so named is kept.
"""
from __future__ import annotations

import re
from typing import Any

#: Winlogbeat's names for unnamed ``<Data>`` elements.
_PARAM = re.compile(r"param([1-9][0-9]*)\Z")


def is_nested(record: Any) -> bool:
    """Whether a record is in the nested ``Event.System``/``Event.EventData`` form.

    >>> is_nested({"Event": {"System": {"EventID": 1}}}), is_nested({"EventID": 1})
    (True, False)
    """
    event = record.get("Event") if record.__class__ is dict else None
    return event.__class__ is dict and "System" in event


def is_ecs(record: Any) -> bool:
    """Whether a record is an Elastic Agent/Winlogbeat export (ECS: a ``winlog`` object with a channel or event id).

    >>> is_ecs({"winlog": {"channel": "Security", "event_id": "4688"}}), is_ecs({"winlog": "x"})
    (True, False)
    """
    winlog = record.get("winlog") if record.__class__ is dict else None
    return winlog.__class__ is dict and ("channel" in winlog or "event_id" in winlog)


def windows_form(record: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """The record in the flat form, and whether it is a Windows event whatever its channel (nested or ECS).

    >>> windows_form({"Channel": "Application", "EventID": 325, "Data": {"#text": ["a", "b\\\\ntds.dit"]}})
    ({'Channel': 'Application', 'EventID': 325, 'Data': ['a', 'b\\\\ntds.dit']}, False)
    """
    if "Event" in record and is_nested(record):
        return flatten(record), True
    if "winlog" in record and is_ecs(record):
        return from_ecs(record), True
    if "Data" not in record and " " not in "\x00".join(record):
        return record, False  # the usual flat record: nothing to reshape (checked here: this runs per record)
    return shaped(record), False


def shaped(record: dict[str, Any]) -> dict[str, Any]:
    """A flat record with unnamed ``Data`` as its values and names with spaces also readable without them.

    >>> shaped({"Source Name": "AMSI", "Data": {"#text": "xp_cmdshell"}})
    {'Source Name': 'AMSI', 'Data': 'xp_cmdshell', 'SourceName': 'AMSI'}
    """
    data = record.get("Data")
    spaced = " " in "\x00".join(record)
    if not spaced and (data.__class__ is not dict or "#text" not in data):
        return record  # the usual case: nothing to change, no copy
    out = dict(record)
    if data.__class__ is dict and "#text" in data:
        out["Data"] = data["#text"]
    if spaced:
        for key in record:
            if " " in key:
                out.setdefault(key.replace(" ", ""), record[key])
    return out


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
            if "#attributes" in data:
                data = {key: value for key, value in data.items() if key != "#attributes"}
            out.update(data)  # one C-level copy: EventData is most of an event's fields
    return shaped(out)


#: ECS ``winlog`` keys and the System field each stands for (Winlogbeat's field reference).
_ECS_SYSTEM = {"channel": "Channel", "event_id": "EventID", "provider_name": "Provider_Name",
               "provider_guid": "Provider_Guid", "computer_name": "Computer", "record_id": "EventRecordID",
               "version": "Version", "opcode": "Opcode", "task": "Task", "keywords": "Keywords"}


def from_ecs(record: dict[str, Any]) -> dict[str, Any]:
    """An Elastic Agent/Winlogbeat event in the flat form: its own fields, then System's and EventData's names.

    >>> flat = from_ecs({"@timestamp": "2024-05-01T10:00:00.000Z", "event": {"code": "18456"},
    ...     "winlog": {"channel": "Application", "provider_name": "MSSQLSERVER",
    ...                "event_data": {"param1": "sa", "param2": "[CLIENT: 10.0.2.17]"}}})
    >>> flat["Channel"], flat["EventID"], flat["Provider_Name"], flat["Data"], flat["TimeCreated_SystemTime"]
    ('Application', '18456', 'MSSQLSERVER', ['sa', '[CLIENT: 10.0.2.17]'], '2024-05-01T10:00:00.000Z')
    """
    winlog = record["winlog"]
    out = dict(record)
    for key, name in _ECS_SYSTEM.items():
        if key in winlog:
            out[name] = winlog[key]
    event = record.get("event")
    if "EventID" not in out and event.__class__ is dict and "code" in event:
        out["EventID"] = event["code"]
    if "@timestamp" in record:
        out["TimeCreated_SystemTime"] = record["@timestamp"]
    process = winlog.get("process")
    if process.__class__ is dict:
        out["Execution_ProcessID"] = process.get("pid")
        thread = process.get("thread")
        if thread.__class__ is dict:
            out["Execution_ThreadID"] = thread.get("id")
    user = winlog.get("user")
    if user.__class__ is dict and "identifier" in user:
        out["Security_UserID"] = user["identifier"]
    params: list[tuple[int, Any]] = []
    for section in ("event_data", "user_data"):
        data = winlog.get(section)
        if data.__class__ is dict:
            for key, value in data.items():
                number = _PARAM.match(key)
                if number:
                    params.append((int(number.group(1)), value))
                out[key] = value
    if params and "Data" not in out:
        values = [value for _, value in sorted(params, key=lambda item: item[0])]
        out["Data"] = values[0] if len(values) == 1 else values
    return shaped(out)
