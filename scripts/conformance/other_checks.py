"""What is not one service's operations: EventBridge PutEvents, an operation the emulator does not
serve, errors as boto3 (the AWS CLI's parser) shows them, and answers under injected faults."""
from __future__ import annotations

import json

import boto3
import botocore.exceptions

from .client import Conformance
from .ivs_checks import MISSING, PRIVATE, STAGE
from .models import ONLY_ERRORS, SERVED


def check_events(c: Conformance) -> None:
    entry = {"Source": "ivs-guard", "DetailType": "IVS Guard Decision", "Detail": json.dumps({"policy": "conformance"}), "EventBusName": "ivs-guard-audit"}
    c.put_events([entry, {**entry, "Source": "aws.ivs"}])
    c.put_events([entry] * 11, "ValidationException")


def check_unserved(c: Conformance) -> None:
    """An operation of the model the emulator does not serve is named, with what it serves."""
    status, headers, raw = c.http("POST", "/CreateChannel", {})
    c.report.calls += 1
    if status != 404 or headers.get("x-amzn-errortype") != "UnknownOperationException":
        c.report.violation("unserved CreateChannel", f"answered {status} {headers.get('x-amzn-errortype')}")
    message = json.loads(raw or b"{}").get("message", "")
    if "ivs CreateChannel" not in message or "ListChannels" not in message:
        c.report.violation("unserved CreateChannel", f"the message neither names it nor lists what is served: {message!r}")


def check_every_operation_succeeded(c: Conformance) -> None:
    for service, operations in SERVED.items():
        for operation in operations:
            if (service, operation) not in c.report.succeeded and (service, operation) not in ONLY_ERRORS:
                c.report.violation(f"{service} {operation}", "never answered a valid call successfully")


def check_clients(c: Conformance) -> None:
    """Through boto3 (botocore's own parser, as the AWS CLI uses it): an error's message is what the emulator said."""
    config = {"endpoint_url": c.url, "region_name": "us-west-2", "aws_access_key_id": "x", "aws_secret_access_key": "x"}
    ivs = boto3.client("ivs", **config)
    realtime = boto3.client("ivs-realtime", **config)
    calls = [
        ("ivs GetChannel", lambda: ivs.get_channel(arn=MISSING), "ResourceNotFoundException", MISSING),
        ("ivs GetStream", lambda: ivs.get_stream(channelArn=PRIVATE), "ChannelNotBroadcasting", PRIVATE),
        ("ivs-realtime GetParticipant", lambda: realtime.get_participant(stageArn=STAGE, sessionId="st-TownHallSess1", participantId="NoSuchOne"), "ResourceNotFoundException", "NoSuchOne"),
        ("ivs-realtime GetStageSession", lambda: realtime.get_stage_session(stageArn=STAGE, sessionId="st-NoSuchSession"), "ResourceNotFoundException", "st-NoSuchSession"),
        (
            "ivs-realtime ListParticipants",
            lambda: realtime.list_participants(stageArn=STAGE, sessionId="st-TownHallSess1", filterByUserId="host-1", filterByPublished=True),
            "ValidationException",
            "filterByUserId and filterByPublished",
        ),
    ]
    for where, call, expected, mentioned in calls:
        c.report.calls += 1
        try:
            call()
        except botocore.exceptions.ClientError as error:
            got = error.response.get("Error", {})
            if got.get("Code") != expected:
                c.report.violation(f"{where} (boto3)", f"raised {got.get('Code')}, expected {expected}")
            elif mentioned not in (got.get("Message") or ""):
                c.report.violation(f"{where} (boto3)", f"the error message boto3 shows is {got.get('Message')!r}, which does not name {mentioned}")
            continue
        c.report.violation(f"{where} (boto3)", f"succeeded, expected {expected}")


def check_faults(c: Conformance) -> None:
    """Against an emulator started with throttle=0.5,error=0.5: every answer is one of the two, as modelled."""
    pair = {"channelArn": PRIVATE, "viewerId": "viewer-1"}
    for _ in range(8):
        c.call_any_error("ivs", "StartViewerSessionRevocation", pair, {"ThrottlingException", "InternalServerException"})
