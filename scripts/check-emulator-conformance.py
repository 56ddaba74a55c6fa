#!/usr/bin/env python3
"""Checks the embedded IVS emulator against the AWS API models that botocore ships.

It starts the emulator (scripts/start-emulator.ts) on events/worlds/conformance.yml, calls every
operation it serves over raw HTTP, with valid inputs and a few invalid ones, and checks each answer
against the model: the success status; every returned field exists in the output shape with the
right type, recursively (and within its enum, lengths and pattern); every required member is there;
an error carries a type the operation models, in `x-amzn-ErrorType`, with that type's HTTP status.
It also checks that the emulator's copy of the models (local/emulator/model/ivs-models.json) is what
the installed botocore says (`--update-model` rewrites it).

Prints one line per violation and a summary line; exits 1 on any violation, 2 if it cannot run.
"""
from __future__ import annotations

import argparse
import datetime
import json
import os
import select
import signal
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import boto3
import botocore.exceptions
import botocore.loaders
import regex  # the model's patterns use \p{L}, which `re` lacks

ROOT = Path(__file__).resolve().parent.parent
VENDORED_MODEL = ROOT / "local/emulator/model/ivs-models.json"
WORLD = ROOT / "events/worlds/conformance.yml"

SERVED = {
    "ivs": [
        "BatchGetChannel", "BatchStartViewerSessionRevocation", "CreateStreamKey", "DeleteStreamKey",
        "GetChannel", "GetPlaybackKeyPair", "GetPlaybackRestrictionPolicy", "GetRecordingConfiguration",
        "GetStream", "GetStreamKey", "GetStreamSession", "ListChannels", "ListPlaybackKeyPairs",
        "ListPlaybackRestrictionPolicies", "ListRecordingConfigurations", "ListStreamKeys",
        "ListStreamSessions", "ListStreams", "ListTagsForResource", "PutMetadata",
        "StartViewerSessionRevocation", "StopStream", "TagResource", "UntagResource",
    ],
    "ivs-realtime": ["DisconnectParticipant", "GetParticipant", "ListTagsForResource", "TagResource", "UntagResource"],
}
# Served, but no world can make them succeed: they answer only errors (checked above).
ONLY_ERRORS = {("ivs", "GetPlaybackKeyPair")}  # a world holds no playback key pairs
# Shapes world files use beyond what the served operations reach.
EXTRA_SHAPES = {"ivs": [], "ivs-realtime": ["Stage"]}
# The model's ResourceArn pattern has `[a-z-]/` (one character), which no real ARN matches.
PATTERN_FIXES = {"ResourceArn": r"arn:aws:ivs:[a-z0-9-]+:[0-9]+:[a-z-]+/[a-zA-Z0-9-]+"}
# The API answers `preset: ""` for BASIC and STANDARD channels (API reference, Channel.preset); the enum lacks it.
ENUM_FIXES = {"TranscodePreset": [""]}

CHANNEL = "arn:aws:ivs:us-west-2:123456789012:channel/LiveChannel01"
PRIVATE = "arn:aws:ivs:us-west-2:123456789012:channel/PrivateShow01"
MISSING = "arn:aws:ivs:us-west-2:123456789012:channel/NoSuchChannel"
KEY = "arn:aws:ivs:us-west-2:123456789012:stream-key/LiveKey00001"
STAGE = "arn:aws:ivs:us-west-2:123456789012:stage/TownHall0001"
PAST_SESSION = "st-PastSession000000000001"
RECORDING = "arn:aws:ivs:us-west-2:123456789012:recording-configuration/RecordCfg001"
POLICY = "arn:aws:ivs:us-west-2:123456789012:playback-restriction-policy/RestrictPol1"


def extract_models() -> dict[str, Any]:
    """The served operations of each model and every shape they reach, without documentation; the routes of the others."""
    loader = botocore.loaders.Loader()
    out: dict[str, Any] = {}
    for service, operations in SERVED.items():
        model = loader.load_service_model(service, "service-2")
        todo: list[str] = list(EXTRA_SHAPES[service])
        ops: dict[str, Any] = {}
        for name in operations:
            op = model["operations"][name]
            ops[name] = {"http": dict(op["http"])}
            for key in ("input", "output"):
                if key in op:
                    ops[name][key] = {"shape": op[key]["shape"]}
                    todo.append(op[key]["shape"])
            ops[name]["errors"] = [e["shape"] for e in op.get("errors", [])]
            todo += ops[name]["errors"]
        todo += [n for n, s in model["shapes"].items() if s.get("error")]
        shapes: dict[str, Any] = {}
        while todo:
            name = todo.pop()
            if name in shapes:
                continue
            shape = model["shapes"][name]
            kept: dict[str, Any] = {}
            for key in ("type", "members", "required", "member", "key", "value", "min", "max", "pattern", "enum", "timestampFormat", "error"):
                if key not in shape:
                    continue
                value = shape[key]
                if key == "members":
                    value = {m: {k: ref[k] for k in ("shape", "location", "locationName") if k in ref} for m, ref in value.items()}
                    todo += [ref["shape"] for ref in value.values()]
                elif key in ("member", "key", "value"):
                    value = {"shape": value["shape"]}
                    todo.append(value["shape"])
                elif key == "error":
                    value = {"httpStatusCode": value["httpStatusCode"]}
                kept[key] = value
            shapes[name] = kept
        meta = model["metadata"]
        out[service] = {
            "metadata": {k: meta[k] for k in ("apiVersion", "protocol", "signingName", "endpointPrefix", "serviceId")},
            "operations": ops,
            # Only their routes: so that a call of one is answered with its name (and what is served).
            "unserved": {n: {k: op["http"][k] for k in ("method", "requestUri")} for n, op in sorted(model["operations"].items()) if n not in operations},
            "shapes": dict(sorted(shapes.items())),
        }
    return out


@dataclass
class Report:
    violations: list[str] = field(default_factory=list)
    calls: int = 0
    succeeded: set[tuple[str, str]] = field(default_factory=set)
    errors_seen: set[str] = field(default_factory=set)

    def violation(self, where: str, message: str) -> None:
        self.violations.append(f"{where}: {message}")


class ShapeChecker:
    """Checks a parsed JSON value against an output shape of a botocore model."""

    def __init__(self, model: dict[str, Any], report: Report, where: str) -> None:
        self.shapes = model["shapes"]
        self.report = report
        self.where = where

    def check(self, shape_name: str, value: Any, path: str) -> None:
        shape = self.shapes[shape_name]
        kind = shape["type"]
        bad = lambda message: self.report.violation(self.where, f"{path or '(body)'} {message}")  # noqa: E731
        if kind == "structure":
            if not isinstance(value, dict):
                return bad(f"should be an object ({shape_name})")
            members = {n: ref for n, ref in shape.get("members", {}).items() if "location" not in ref}
            for required in shape.get("required", []):
                if required in members and value.get(required) is None:
                    bad(f"lacks required member {required!r} of {shape_name}")
            for key, item in value.items():
                if key not in members:
                    bad(f"has {key!r}, which {shape_name} does not model")
                elif item is not None:
                    self.check(members[key]["shape"], item, f"{path}.{key}" if path else key)
        elif kind == "list":
            if not isinstance(value, list):
                return bad("should be a list")
            self.size(shape, len(value), bad)
            for i, item in enumerate(value):
                self.check(shape["member"]["shape"], item, f"{path}[{i}]")
        elif kind == "map":
            if not isinstance(value, dict):
                return bad("should be a map")
            self.size(shape, len(value), bad)
            for key, item in value.items():
                self.check(shape["key"]["shape"], key, f"{path}<key {key!r}>")
                self.check(shape["value"]["shape"], item, f"{path}.{key}")
        elif kind == "string":
            if not isinstance(value, str):
                return bad(f"should be a string, is {type(value).__name__}")
            if "enum" in shape and value not in shape["enum"] + ENUM_FIXES.get(shape_name, []):
                bad(f"is {value!r}, not one of {shape['enum']}")
            self.size(shape, len(value), bad)
            pattern = PATTERN_FIXES.get(shape_name, shape.get("pattern"))
            if pattern and not regex.fullmatch(pattern, value):
                bad(f"is {value!r}, which does not match {pattern}")
        elif kind in ("integer", "long"):
            if not isinstance(value, int) or isinstance(value, bool):
                return bad(f"should be an integer, is {value!r}")
            self.size(shape, value, bad)
        elif kind in ("float", "double"):
            if not isinstance(value, (int, float)) or isinstance(value, bool):
                bad(f"should be a number, is {value!r}")
        elif kind == "boolean":
            if not isinstance(value, bool):
                bad(f"should be a boolean, is {value!r}")
        elif kind == "timestamp":
            self.timestamp(shape, value, bad)
        else:
            bad(f"has a type this script does not check ({kind})")

    @staticmethod
    def size(shape: dict[str, Any], size: int, bad: Any) -> None:
        if "min" in shape and size < shape["min"]:
            bad(f"is below the minimum {shape['min']} (got {size})")
        if "max" in shape and size > shape["max"]:
            bad(f"is above the maximum {shape['max']} (got {size})")

    @staticmethod
    def timestamp(shape: dict[str, Any], value: Any, bad: Any) -> None:
        if shape.get("timestampFormat", "iso8601") != "iso8601":
            if not isinstance(value, (int, float)):
                bad(f"should be epoch seconds, is {value!r}")
            return
        try:
            datetime.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
            if not isinstance(value, str) or "T" not in value:
                raise ValueError
        except ValueError:
            bad(f"should be an ISO 8601 timestamp, is {value!r}")


class Conformance:
    def __init__(self, url: str, models: dict[str, Any]) -> None:
        self.url = url
        self.models = models
        self.report = Report()

    def http(self, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.url + path, data=data, method=method)
        request.add_header("Content-Type", "application/json")
        request.add_header("Authorization", "AWS4-HMAC-SHA256 Credential=x/20261120/us-west-2/ivs/aws4_request, SignedHeaders=host, Signature=0")
        for name, value in (headers or {}).items():
            request.add_header(name, value)
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
        except urllib.error.HTTPError as error:
            return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()

    def call(self, service: str, operation: str, body: dict[str, Any] | None = None, expect: str | None = None, path: str | None = None) -> Any:
        """Calls an operation; `expect` is the error type it should answer (None: success)."""
        model = self.models[service]
        op = model["operations"][operation]
        where = f"{service} {operation}" + (f" (expecting {expect})" if expect else "")
        method, uri = op["http"]["method"], path or op["http"]["requestUri"]
        status, headers, raw = self.http(method, uri, None if method == "GET" else (body or {}))
        self.report.calls += 1
        error_type = headers.get("x-amzn-errortype")
        parsed: Any = None
        if raw:
            try:
                parsed = json.loads(raw)
            except json.JSONDecodeError:
                self.report.violation(where, f"body is not JSON: {raw[:80]!r}")
                return None
        if expect is None:
            if error_type:
                self.report.violation(where, f"answered {status} {error_type}: {parsed}")
                return None
            wanted = op["http"].get("responseCode", 200)
            if status != wanted:
                self.report.violation(where, f"status {status}, the model says {wanted}")
            if "output" in op:
                ShapeChecker(model, self.report, where).check(op["output"]["shape"], parsed if parsed is not None else {}, "")
            elif raw:
                self.report.violation(where, f"has a body, but the operation has no output: {raw[:80]!r}")
            self.report.succeeded.add((service, operation))
            return parsed
        self.check_error(model, op, where, expect, status, error_type, parsed)
        return parsed

    def check_error(self, model: dict[str, Any], op: dict[str, Any], where: str, expect: str, status: int, error_type: str | None, parsed: Any) -> None:
        if error_type is None:
            self.report.violation(where, f"answered {status} without x-amzn-ErrorType")
            return
        error_type = error_type.split(":")[0]
        if error_type != expect:
            self.report.violation(where, f"answered {error_type}")
        modelled = [e["shape"] if isinstance(e, dict) else e for e in op.get("errors", [])]
        if error_type not in modelled:
            self.report.violation(where, f"{error_type} is not an error the operation models ({', '.join(modelled)})")
            return
        wanted = model["shapes"][error_type]["error"]["httpStatusCode"]
        if status != wanted:
            self.report.violation(where, f"{error_type} came with status {status}, the model says {wanted}")
        body = dict(parsed) if isinstance(parsed, dict) else {}
        # `message` is not in the IVS error shapes, but it is where botocore (and so the AWS CLI) reads the message.
        message = body.pop("message", None)
        ShapeChecker(model, self.report, where).check(error_type, body if parsed is not None else {}, "")
        if not isinstance(body.get("exceptionMessage"), str) or not body["exceptionMessage"]:
            self.report.violation(where, "error body has no exceptionMessage")
        if not isinstance(message, str) or message != body.get("exceptionMessage"):
            self.report.violation(where, f"error body has no message (the exceptionMessage) for botocore to show: {parsed}")
        self.report.errors_seen.add(error_type)

    def put_events(self, entries: list[dict[str, Any]], expect: str | None = None) -> None:
        where = "events PutEvents" + (f" (expecting {expect})" if expect else "")
        model = botocore.loaders.Loader().load_service_model("events", "service-2")
        status, headers, raw = self.http("POST", "/", {"Entries": entries}, {"X-Amz-Target": "AWSEvents.PutEvents", "Content-Type": "application/x-amz-json-1.1"})
        self.report.calls += 1
        parsed = json.loads(raw) if raw else {}
        if expect:
            got = parsed.get("__type") if isinstance(parsed, dict) else None
            if status != 400 or got != expect:
                self.report.violation(where, f"answered {status} {got}")
            return
        if status != 200:
            self.report.violation(where, f"answered {status}: {parsed}")
            return
        ShapeChecker(model, self.report, where).check("PutEventsResponse", parsed, "")
        self.report.succeeded.add(("events", "PutEvents"))

    def run(self) -> None:
        ivs = lambda op, body=None, expect=None, path=None: self.call("ivs", op, body, expect, path)  # noqa: E731
        rt = lambda op, body=None, expect=None, path=None: self.call("ivs-realtime", op, body, expect, path)  # noqa: E731
        tags = lambda arn: "/tags/" + urllib.parse.quote(arn, safe="")  # noqa: E731

        ivs("GetChannel", {"arn": CHANNEL})
        ivs("GetChannel", {"arn": MISSING}, "ResourceNotFoundException")
        ivs("GetChannel", {}, "ValidationException")
        ivs("GetChannel", {"arn": "arn:aws:ivs:us-west-2:123456789012:stage/NotAChannel"}, "ValidationException")
        ivs("BatchGetChannel", {"arns": [CHANNEL, PRIVATE, MISSING]})
        ivs("BatchGetChannel", {"arns": []}, "ValidationException")
        ivs("ListTagsForResource", path=tags(CHANNEL))
        ivs("ListTagsForResource", path=tags(KEY))
        ivs("ListTagsForResource", expect="ResourceNotFoundException", path=tags(MISSING))
        rt("ListTagsForResource", path=tags(STAGE))
        rt("ListTagsForResource", expect="ResourceNotFoundException", path=tags(STAGE.replace("TownHall0001", "NoSuchStage1")))
        ivs("TagResource", {"tags": {"guard": "off"}}, path=tags(CHANNEL))
        ivs("TagResource", {"tags": {f"k{i}": "v" for i in range(50)}}, "ValidationException", path=tags(CHANNEL))
        ivs("TagResource", {"tags": {"guard": "off"}}, "ResourceNotFoundException", path=tags(MISSING))
        ivs("UntagResource", path=tags(CHANNEL) + "?tagKeys=guard&tagKeys=team")
        ivs("UntagResource", expect="ResourceNotFoundException", path=tags(MISSING) + "?tagKeys=guard")
        rt("TagResource", {"tags": {"guard": "off"}}, path=tags(STAGE))
        rt("UntagResource", path=tags(STAGE) + "?tagKeys=guard")
        after = ivs("ListTagsForResource", path=tags(CHANNEL))
        if after != {"tags": {"compliance": "record-required"}}:
            self.report.violation("ivs TagResource/UntagResource", f"the channel's tags are {after} after tagging guard and untagging guard, team")
        channels = ivs("ListChannels", {})
        presets = {c["arn"]: c.get("preset") for c in (channels or {}).get("channels", [])}
        if presets.get(CHANNEL) != "" or presets.get(PRIVATE) != "HIGHER_BANDWIDTH_DELIVERY":
            self.report.violation("ivs ListChannels", f"presets {presets}: a STANDARD channel answers '', an ADVANCED one its preset")
        first = ivs("ListChannels", {"maxResults": 1})
        if isinstance(first, dict) and first.get("nextToken"):
            ivs("ListChannels", {"maxResults": 1, "nextToken": first["nextToken"]})
        else:
            self.report.violation("ivs ListChannels", "maxResults 1 over 2 channels gave no nextToken")
        ivs("ListChannels", {"filterByName": "live"})
        ivs("ListChannels", {"filterByName": "live", "filterByRecordingConfigurationArn": RECORDING}, "ConflictException")
        ivs("ListChannels", {"maxResults": 101}, "ValidationException")
        ivs("ListRecordingConfigurations", {})
        ivs("GetRecordingConfiguration", {"arn": RECORDING})
        ivs("GetRecordingConfiguration", {"arn": RECORDING.replace("RecordCfg001", "NoSuchCfg001")}, "ResourceNotFoundException")
        ivs("ListPlaybackRestrictionPolicies", {})
        ivs("GetPlaybackRestrictionPolicy", {"arn": POLICY})
        ivs("GetPlaybackRestrictionPolicy", {"arn": POLICY.replace("RestrictPol1", "NoSuchPolicy")}, "ResourceNotFoundException")
        ivs("ListPlaybackKeyPairs", {})
        ivs("GetPlaybackKeyPair", {"arn": "arn:aws:ivs:us-west-2:123456789012:playback-key/NoSuchKeyPair"}, "ResourceNotFoundException")

        ivs("GetStreamSession", {"channelArn": CHANNEL})
        ivs("GetStreamSession", {"channelArn": CHANNEL, "streamId": PAST_SESSION})
        ivs("GetStreamSession", {"channelArn": CHANNEL, "streamId": "st-TooShort"}, "ValidationException")
        ivs("GetStreamSession", {"channelArn": CHANNEL, "streamId": "st-NoSuchSession0000000000"}, "ResourceNotFoundException")
        ivs("GetStreamSession", {"channelArn": PRIVATE}, "ResourceNotFoundException")
        page = ivs("ListStreamSessions", {"channelArn": CHANNEL, "maxResults": 1})
        if isinstance(page, dict) and page.get("nextToken"):
            ivs("ListStreamSessions", {"channelArn": CHANNEL, "maxResults": 1, "nextToken": page["nextToken"]})
        else:
            self.report.violation("ivs ListStreamSessions", "maxResults 1 over 2 sessions gave no nextToken")
        ivs("ListStreamSessions", {"channelArn": CHANNEL, "nextToken": "not a token!"}, "ValidationException")
        ivs("ListStreamSessions", {"channelArn": MISSING}, "ResourceNotFoundException")
        ivs("GetStream", {"channelArn": CHANNEL})
        ivs("GetStream", {"channelArn": PRIVATE}, "ChannelNotBroadcasting")
        ivs("ListStreams", {})
        ivs("ListStreams", {"filterBy": {"health": "STARVING"}})
        ivs("ListStreams", {"filterBy": {"health": "SICK"}}, "ValidationException")

        ivs("PutMetadata", {"channelArn": CHANNEL, "metadata": "guard: hello"})
        ivs("PutMetadata", {"channelArn": CHANNEL, "metadata": "x" * 1025}, "ValidationException")
        ivs("PutMetadata", {"channelArn": CHANNEL, "metadata": ""}, "ValidationException")
        ivs("PutMetadata", {"channelArn": PRIVATE, "metadata": "offline"}, "ChannelNotBroadcasting")
        pair = {"channelArn": PRIVATE, "viewerId": "viewer-1", "viewerSessionVersionsLessThanOrEqualTo": 1700000000}
        ivs("StartViewerSessionRevocation", pair)
        ivs("StartViewerSessionRevocation", {**pair, "channelArn": MISSING}, "ResourceNotFoundException")
        ivs("StartViewerSessionRevocation", {**pair, "viewerId": "v" * 41}, "ValidationException")
        ivs("BatchStartViewerSessionRevocation", {"viewerSessions": [pair, {"channelArn": MISSING, "viewerId": "viewer-2"}]})
        ivs("BatchStartViewerSessionRevocation", {"viewerSessions": [pair] * 21}, "ValidationException")
        ivs("BatchStartViewerSessionRevocation", {"viewerSessions": [{**pair, "viewerSessionVersionsLessThanOrEqualTo": -1}]}, "ValidationException")

        ivs("ListStreamKeys", {"channelArn": CHANNEL})
        ivs("GetStreamKey", {"arn": KEY})
        ivs("GetStreamKey", {"arn": "arn:aws:ivs:us-west-2:123456789012:stream-key/NoSuchKey001"}, "ResourceNotFoundException")
        ivs("CreateStreamKey", {"channelArn": CHANNEL}, "ServiceQuotaExceededException")
        ivs("DeleteStreamKey", {"arn": KEY})
        ivs("DeleteStreamKey", {"arn": KEY}, "ResourceNotFoundException")
        ivs("CreateStreamKey", {"channelArn": CHANNEL, "tags": {"rotated-by": "ivs-guard"}})
        ivs("CreateStreamKey", {"channelArn": MISSING}, "ResourceNotFoundException")
        ivs("StopStream", {"channelArn": CHANNEL})
        ivs("StopStream", {"channelArn": CHANNEL}, "ChannelNotBroadcasting")
        ivs("StopStream", {"channelArn": MISSING}, "ResourceNotFoundException")
        ivs("StopStream", {"channelArn": "not-an-arn"}, "ValidationException")

        participant = {"stageArn": STAGE, "sessionId": "st-TownHallSess1", "participantId": "HostParticipant1"}
        rt("GetParticipant", participant)
        rt("GetParticipant", {**participant, "participantId": "NoSuchOne"}, "ResourceNotFoundException")
        rt("GetParticipant", {**participant, "sessionId": "st-a1b2c3d4e5f6g7h"}, "ValidationException")
        rt("DisconnectParticipant", {"stageArn": STAGE, "participantId": "GuestParticipnt2", "reason": "conformance check"})
        rt("DisconnectParticipant", {"stageArn": STAGE.replace("TownHall0001", "NoSuchStage1"), "participantId": "x"}, "ResourceNotFoundException")
        rt("DisconnectParticipant", {"stageArn": STAGE}, "ValidationException")

        entry = {"Source": "ivs-guard", "DetailType": "IVS Guard Decision", "Detail": json.dumps({"policy": "conformance"}), "EventBusName": "ivs-guard-audit"}
        self.put_events([entry, {**entry, "Source": "aws.ivs"}])
        self.put_events([entry] * 11, "ValidationException")

        status, headers, raw = self.http("POST", "/CreateChannel", {})
        self.report.calls += 1
        if status != 404 or headers.get("x-amzn-errortype") != "UnknownOperationException":
            self.report.violation("unserved CreateChannel", f"answered {status} {headers.get('x-amzn-errortype')}")
        message = json.loads(raw or b"{}").get("message", "")
        if "ivs CreateChannel" not in message or "ListChannels" not in message:
            self.report.violation("unserved CreateChannel", f"the message neither names it nor lists what is served: {message!r}")

        for service, operations in SERVED.items():
            for operation in operations:
                if (service, operation) not in self.report.succeeded and (service, operation) not in ONLY_ERRORS:
                    self.report.violation(f"{service} {operation}", "never answered a valid call successfully")


    def run_clients(self) -> None:
        """Through boto3 (botocore's own parser, as the AWS CLI uses it): an error's message is what the emulator said."""
        config = {"endpoint_url": self.url, "region_name": "us-west-2", "aws_access_key_id": "x", "aws_secret_access_key": "x"}
        ivs = boto3.client("ivs", **config)
        realtime = boto3.client("ivs-realtime", **config)
        calls = [
            ("ivs GetChannel", lambda: ivs.get_channel(arn=MISSING), "ResourceNotFoundException", MISSING),
            ("ivs GetStream", lambda: ivs.get_stream(channelArn=PRIVATE), "ChannelNotBroadcasting", PRIVATE),
            ("ivs-realtime GetParticipant", lambda: realtime.get_participant(stageArn=STAGE, sessionId="st-TownHallSess1", participantId="NoSuchOne"), "ResourceNotFoundException", "NoSuchOne"),
        ]
        for where, call, expected, mentioned in calls:
            self.report.calls += 1
            try:
                call()
            except botocore.exceptions.ClientError as error:
                got = error.response.get("Error", {})
                if got.get("Code") != expected:
                    self.report.violation(f"{where} (boto3)", f"raised {got.get('Code')}, expected {expected}")
                elif mentioned not in (got.get("Message") or ""):
                    self.report.violation(f"{where} (boto3)", f"the error message boto3 shows is {got.get('Message')!r}, which does not name {mentioned}")
                continue
            self.report.violation(f"{where} (boto3)", f"succeeded, expected {expected}")

    def run_faults(self) -> None:
        """Against an emulator started with throttle=0.5,error=0.5: every answer is one of the two, as modelled."""
        pair = {"channelArn": PRIVATE, "viewerId": "viewer-1"}
        for _ in range(8):
            self.call_any_error("ivs", "StartViewerSessionRevocation", pair, {"ThrottlingException", "InternalServerException"})

    def call_any_error(self, service: str, operation: str, body: dict[str, Any], expected: set[str]) -> None:
        model = self.models[service]
        op = model["operations"][operation]
        status, headers, raw = self.http("POST", op["http"]["requestUri"], body)
        self.report.calls += 1
        error_type = (headers.get("x-amzn-errortype") or "").split(":")[0]
        where = f"{service} {operation} (faults)"
        if error_type not in expected:
            self.report.violation(where, f"answered {status} {error_type or 'no error'}, expected one of {sorted(expected)}")
            return
        self.check_error(model, op, where, error_type, status, error_type, json.loads(raw) if raw else None)


def start_emulator(world: Path, *options: str) -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        ["npx", "tsx", "scripts/start-emulator.ts", "--port", "0", "--world", str(world), *options],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )
    assert process.stdout is not None and process.stderr is not None
    ready, _, _ = select.select([process.stdout], [], [], 60)
    line = process.stdout.readline().strip() if ready else ""
    if not line.startswith("http://"):
        stop_emulator(process)
        raise RuntimeError(f"the emulator did not start: {line or process.stderr.read().strip()}")
    return process, line


def stop_emulator(process: subprocess.Popen[str]) -> None:
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--update-model", action="store_true", help=f"rewrite {VENDORED_MODEL.relative_to(ROOT)} from botocore and exit")
    parser.add_argument("--world", type=Path, default=WORLD)
    args = parser.parse_args()

    models = extract_models()
    if args.update_model:
        VENDORED_MODEL.write_text(json.dumps(models, indent=1) + "\n")
        print(f"wrote {VENDORED_MODEL.relative_to(ROOT)} from botocore {botocore.__version__}")
        return 0

    try:
        process, url = start_emulator(args.world)
    except (OSError, RuntimeError) as error:
        print(f"emulator conformance: cannot run: {error}", file=sys.stderr)
        return 2
    try:
        conformance = Conformance(url, models)
        if json.loads(VENDORED_MODEL.read_text()) != models:
            conformance.report.violation("model", f"{VENDORED_MODEL.relative_to(ROOT)} differs from botocore {botocore.__version__}: run with --update-model")
        conformance.run()
        conformance.run_clients()
    finally:
        stop_emulator(process)
    try:
        process, url = start_emulator(args.world, "--faults", "throttle=0.5,error=0.5", "--seed", "7")
    except (OSError, RuntimeError) as error:
        print(f"emulator conformance: cannot run: {error}", file=sys.stderr)
        return 2
    try:
        conformance.url = url
        conformance.run_faults()
    finally:
        stop_emulator(process)

    report = conformance.report
    for violation in report.violations:
        print(f"VIOLATION {violation}")
    operations = len(report.succeeded)
    print(
        f"emulator conformance: {report.calls} calls, {operations} operations answered as modelled "
        f"(ivs {len(SERVED['ivs'])}, ivs-realtime {len(SERVED['ivs-realtime'])}, events 1), "
        f"{len(report.errors_seen)} error types checked ({', '.join(sorted(report.errors_seen))}), "
        f"botocore {botocore.__version__}: {len(report.violations)} violation(s)"
    )
    return 1 if report.violations else 0


if __name__ == "__main__":
    sys.exit(main())
