"""Regenerate the example data: realistic cloud resources and audit events written for this project.

    python examples/generate.py

Deterministic (a fixed seed): the same files every time.  The bundled rules find something in them.
"""
from __future__ import annotations

import gzip
import json
import random
from datetime import datetime, timedelta, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
R = random.Random(20261128)
ACCOUNT = "123456789012"
REGIONS = ["us-east-1", "us-west-2", "eu-west-1"]
START = datetime(2026, 11, 1, tzinfo=timezone.utc)
USERS = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy"]
ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers"


def when(i: int) -> str:
    return (START + timedelta(minutes=37 * i)).strftime("%Y-%m-%dT%H:%M:%SZ")


def hexid(n: int) -> str:
    return "".join(R.choice("0123456789abcdef") for _ in range(n))


def kms_keys() -> list[dict]:
    out = []
    for i in range(40):
        manager = "AWS" if i % 5 == 0 else "CUSTOMER"
        state = "PendingDeletion" if i in (7, 23) else "Enabled"
        key_id = f"{hexid(8)}-{hexid(4)}-{hexid(4)}-{hexid(4)}-{hexid(12)}"
        region = R.choice(REGIONS)
        out.append({
            "ResourceType": "AWS.KMS.Key", "AccountId": ACCOUNT, "Region": region, "KeyId": key_id,
            "Arn": f"arn:aws:kms:{region}:{ACCOUNT}:key/{key_id}", "KeyManager": manager, "KeyState": state,
            "Origin": "EXTERNAL" if i == 11 else "AWS_KMS", "KeyUsage": "ENCRYPT_DECRYPT",
            "KeyRotationEnabled": (i % 4 != 1) if manager == "CUSTOMER" else True,
            "CreationDate": when(-i * 100), "Description": f"key for service-{i % 7}",
            "Tags": [{"Key": "decommission-ticket", "Value": "SEC-4411"}] if i == 23 else [],
        })
    return out


def s3_buckets() -> list[dict]:
    out = []
    for i in range(40):
        name = f"example-{R.choice(['data', 'logs', 'assets', 'backup', 'ml'])}-{i:02d}"
        if i % 9 == 0:
            name += "-access-logs"
        public = i in (3, 17, 29)
        grants = [{"Grantee": {"Type": "CanonicalUser", "ID": hexid(16)}, "Permission": "FULL_CONTROL"}]
        if public:
            grants.append({"Grantee": {"Type": "Group", "URI": ALL_USERS}, "Permission": "READ"})
        out.append({
            "ResourceType": "AWS.S3.Bucket", "AccountId": ACCOUNT, "Region": R.choice(REGIONS), "Name": name,
            "Arn": f"arn:aws:s3:::{name}", "Grants": grants,
            "EncryptionRules": None if i % 8 == 5 else [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms"}}],
            "Versioning": "Enabled" if i % 3 else ("Suspended" if i % 2 else None),
            "LoggingPolicy": None if i % 4 == 2 else {"TargetBucket": "example-central-access-logs", "TargetPrefix": name},
            "PublicAccessBlockConfiguration": {"BlockPublicAcls": not public, "BlockPublicPolicy": True,
                                               "IgnorePublicAcls": not public, "RestrictPublicBuckets": True},
            "Tags": [{"Key": "public-website", "Value": "true"}] if i == 29 else [{"Key": "team", "Value": "data"}],
        })
    return out


def iam_users() -> list[dict]:
    out = []
    for i, name in enumerate(USERS + ["ci-deployer", "terraform", "break-glass", "reporting"]):
        human = i < len(USERS)
        out.append({
            "ResourceType": "AWS.IAM.User", "AccountId": ACCOUNT, "UserName": name,
            "Arn": f"arn:aws:iam::{ACCOUNT}:user/{name}",
            "CredentialReport": {
                "PasswordEnabled": human, "MfaActive": human and i % 4 != 2,
                "AccessKey1Active": not human or i % 3 == 0,
                "AccessKey1LastRotated": "2023-02-11T09:00:00Z" if i in (3, 12, 13) else "2026-08-01T09:00:00Z",
            },
        })
    out.append({"ResourceType": "AWS.IAM.RootUser", "AccountId": ACCOUNT, "UserName": "<root_account>",
                "Arn": f"arn:aws:iam::{ACCOUNT}:root",
                "CredentialReport": {"AccessKey1Active": False, "AccessKey2Active": True}})
    for name, star in [("ReadOnlyData", False), ("DeployLambda", False), ("LegacyAdmin", True)]:
        out.append({"ResourceType": "AWS.IAM.Policy", "AccountId": ACCOUNT, "PolicyName": name,
                    "Arn": f"arn:aws:iam::{ACCOUNT}:policy/{name}",
                    "PolicyDocument": {"Version": "2012-10-17", "Statement": [
                        {"Effect": "Allow", "Action": "*" if star else ["s3:GetObject", "lambda:UpdateFunctionCode"],
                         "Resource": "*"}]}})
    return out


def ec2_and_rds() -> list[dict]:
    out = []
    for i in range(25):
        open_ssh = i in (4, 9, 16)
        ranges = [{"CidrIp": "0.0.0.0/0" if open_ssh else "10.0.0.0/8"}]
        out.append({"ResourceType": "AWS.EC2.SecurityGroup", "AccountId": ACCOUNT, "Region": R.choice(REGIONS),
                    "GroupId": f"sg-{hexid(17)}", "GroupName": f"app-{i}",
                    "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": ranges},
                                      {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443,
                                       "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}],
                    "Tags": [{"Key": "role", "Value": "bastion"}] if i == 16 else []})
    for i in range(30):
        public = i % 6 == 1
        out.append({"ResourceType": "AWS.EC2.Instance", "AccountId": ACCOUNT, "Region": R.choice(REGIONS),
                    "InstanceId": f"i-{hexid(17)}", "InstanceType": R.choice(["t3.micro", "m5.large", "c6g.xlarge"]),
                    "State": {"Name": "stopped" if i % 7 == 3 else "running"},
                    "MetadataOptions": {"HttpTokens": "optional" if i % 5 == 2 else "required"},
                    "PublicIpAddress": f"54.{R.randint(1, 250)}.{R.randint(1, 250)}.{R.randint(1, 250)}" if public else None,
                    "SubnetId": R.choice(["subnet-0a1b2c", "subnet-11aa22", "subnet-33bb44"])})
    for i in range(12):
        out.append({"ResourceType": "AWS.EC2.Volume", "AccountId": ACCOUNT, "VolumeId": f"vol-{hexid(17)}",
                    "Encrypted": i % 5 != 0, "Size": R.choice([8, 100, 500])})
    for i in range(15):
        out.append({"ResourceType": "AWS.RDS.Instance", "AccountId": ACCOUNT, "DBInstanceIdentifier": f"db-{i:02d}",
                    "Arn": f"arn:aws:rds:us-east-1:{ACCOUNT}:db:db-{i:02d}", "Engine": R.choice(["postgres", "mysql"]),
                    "PubliclyAccessible": i == 6, "StorageEncrypted": i % 7 != 3,
                    "BackupRetentionPeriod": 1 if i in (2, 10) else 7 if i == 11 else 14,
                    **({"ReadReplicaSourceDBInstanceIdentifier": "db-01"} if i == 10 else {})})
    for i, name in enumerate(["main", "org-central", "us-only", "legacy"]):
        out.append({"ResourceType": "AWS.CloudTrail.Trail", "AccountId": ACCOUNT, "Name": name,
                    "Arn": f"arn:aws:cloudtrail:us-east-1:{ACCOUNT}:trail/{name}",
                    "IsMultiRegionTrail": i < 2, "IsOrganizationTrail": i == 1,
                    "LogFileValidationEnabled": i != 3, "KmsKeyId": None if i == 3 else f"arn:aws:kms:us-east-1:{ACCOUNT}:key/{hexid(8)}"})
    return out


def cloudtrail() -> list[dict]:
    out = []
    quiet = [("s3.amazonaws.com", "GetObject"), ("ec2.amazonaws.com", "DescribeInstances"),
             ("sts.amazonaws.com", "AssumeRole"), ("lambda.amazonaws.com", "Invoke"),
             ("dynamodb.amazonaws.com", "GetItem"), ("iam.amazonaws.com", "ListUsers")]
    for i in range(160):
        user = R.choice(USERS)
        source, name = R.choice(quiet)
        event = {"p_log_type": "AWS.CloudTrail", "eventVersion": "1.09", "eventTime": when(i), "eventSource": source,
                 "eventName": name, "awsRegion": R.choice(REGIONS), "eventID": f"{hexid(8)}-{hexid(4)}-{hexid(12)}",
                 "eventType": "AwsApiCall", "recipientAccountId": ACCOUNT,
                 "sourceIPAddress": f"198.51.100.{R.randint(1, 254)}",
                 "userIdentity": {"type": "IAMUser", "userName": user, "arn": f"arn:aws:iam::{ACCOUNT}:user/{user}"}}
        if i % 23 == 5:
            event.update(eventSource="signin.amazonaws.com", eventName="ConsoleLogin",
                         responseElements={"ConsoleLogin": "Success"},
                         additionalEventData={"MFAUsed": "No" if i % 2 else "Yes"})
        elif i % 31 == 7:
            event["userIdentity"] = {"type": "Root", "arn": f"arn:aws:iam::{ACCOUNT}:root"}
            event["eventName"] = "CreateAccessKey" if i % 2 else "PutBucketAcl"
        elif i == 40:
            event.update(eventSource="cloudtrail.amazonaws.com", eventName="StopLogging",
                         requestParameters={"name": "main"})
        elif i == 77:
            event.update(eventSource="s3.amazonaws.com", eventName="PutBucketPolicy",
                         requestParameters={"bucketName": "example-ml-12", "bucketPolicy": {"Statement": [
                             {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
                              "Resource": "arn:aws:s3:::example-ml-12/*"}]}})
        elif i in (90, 121):
            event.update(eventSource="iam.amazonaws.com", eventName="CreateAccessKey")
            if i == 121:
                event["userIdentity"]["arn"] = f"arn:aws:sts::{ACCOUNT}:assumed-role/TerraformApply/run-42"
        elif i == 101:
            event.update(eventSource="ec2.amazonaws.com", eventName="AuthorizeSecurityGroupIngress",
                         requestParameters={"groupId": "sg-0abc", "ipPermissions": {"items": [
                             {"ipProtocol": "tcp", "fromPort": 3389, "toPort": 3389,
                              "ipRanges": {"items": [{"cidrIp": "0.0.0.0/0"}]}}]}})
        elif i % 17 == 3:
            event.update(errorCode="AccessDenied", eventName=R.choice(["RunInstances", "DeleteBucket", "ListBuckets"]))
        out.append(event)
    return out


def okta() -> list[dict]:
    out = []
    for i in range(70):
        user = R.choice(USERS)
        event = {"p_log_type": "Okta.SystemLog", "uuid": f"{hexid(8)}-{hexid(4)}-{hexid(4)}", "published": when(i),
                 "eventType": "user.session.start", "outcome": {"result": "SUCCESS"},
                 "actor": {"alternateId": f"{user}@example.com", "type": "User"},
                 "client": {"ipAddress": f"203.0.113.{R.randint(1, 254)}",
                            "geographicalContext": {"country": R.choice(["United States", "Germany", "Canada"])}}}
        if i % 11 == 4:
            event["outcome"] = {"result": "FAILURE", "reason": "INVALID_CREDENTIALS"}
            if i % 2:
                event["client"]["geographicalContext"]["country"] = "Nowhereland"
        elif i == 20:
            event.update(eventType="user.account.privilege.grant",
                         debugContext={"debugData": {"privilegeGranted": "Super Administrator"}})
        elif i in (33, 34):
            event.update(eventType="user.mfa.factor.reset_all")
            if i == 34:
                event["actor"]["alternateId"] = "helpdesk-bot@svc.example.com"
        elif i == 50:
            event.update(eventType="system.api_token.create")
        out.append(event)
    return out


def okta_sign_ins() -> list[dict]:
    """Sign-ins of 2026-11-02: a password-guessing burst on one account (seven failures in six minutes, one
    line out of time order), a slower one that stays under five in ten minutes, a second burst later."""
    def sign_in(minute: float, user: str, ip: str, result: str = "FAILURE") -> dict:
        at = datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc) + timedelta(minutes=minute)
        event = {"p_log_type": "Okta.SystemLog", "uuid": f"sign-in-{user}-{minute:g}",
                 "published": at.strftime("%Y-%m-%dT%H:%M:%SZ"), "eventType": "user.session.start",
                 "outcome": {"result": result}, "actor": {"alternateId": f"{user}@example.com", "type": "User"},
                 "client": {"ipAddress": ip, "geographicalContext": {"country": "United States"}}}
        if result == "FAILURE":
            event["outcome"]["reason"] = "INVALID_CREDENTIALS"
        return event
    burst = [sign_in(m, "mallory", "198.51.100.66") for m in (0, 1, 2, 4, 3, 5, 6)]  # minute 4 logged before 3
    slow = [sign_in(m, "judy", "198.51.100.7") for m in (0, 4, 11, 15, 22, 26)]  # never five within ten minutes
    later = [sign_in(120 + m, "mallory", "198.51.100.91") for m in (0, 2, 4, 6, 9)]
    return burst + [sign_in(7, "mallory", "198.51.100.66", "SUCCESS")] + slow + later


def github() -> list[dict]:
    out = []
    for i in range(60):
        actor = R.choice(USERS)
        event = {"p_log_type": "GitHub.Audit", "_document_id": hexid(20), "@timestamp": when(i), "actor": actor,
                 "org": "example", "repo": f"example/{R.choice(['api', 'web', 'infra', 'docs'])}",
                 "action": R.choice(["git.clone", "repo.download_zip", "pull_request.merge", "issue.create"])}
        if i == 8:
            event.update(action="repo.access", visibility="public", repo="example/infra")
        elif i == 9:
            event.update(action="repo.access", visibility="public", org="example-oss", repo="example-oss/sdk")
        elif i == 21:
            event.update(action="protected_branch.destroy", branch="main")
        elif i == 35:
            event.update(action="org.update_member", user="mallory", permission="admin")
        elif i == 47:
            event.update(action="repository_secret_scanning_push_protection.disable")
        out.append(event)
    return out


def write_jsonl(name: str, items: list[dict], compress: bool = False) -> None:
    data = "".join(json.dumps(item, separators=(",", ":")) + "\n" for item in items).encode()
    if compress:
        with gzip.GzipFile(HERE / name, "wb", mtime=0) as handle:
            handle.write(data)
    else:
        (HERE / name).write_bytes(data)


def main() -> None:
    write_jsonl("kms_keys.jsonl", kms_keys())
    (HERE / "s3_buckets.json").write_text(json.dumps(s3_buckets(), indent=1) + "\n")
    write_jsonl("iam.jsonl", iam_users())
    write_jsonl("compute_and_databases.jsonl", ec2_and_rds())
    write_jsonl("cloudtrail.jsonl.gz", cloudtrail(), compress=True)
    write_jsonl("okta_system_log.jsonl", okta())
    write_jsonl("github_audit.jsonl", github())
    write_jsonl("okta_sign_ins.jsonl", okta_sign_ins())


if __name__ == "__main__":
    main()
