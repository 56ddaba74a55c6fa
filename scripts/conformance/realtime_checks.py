"""The IVS real-time (stage) operations, called with valid inputs and a few invalid ones, on the
conformance world's stage (events/worlds/conformance.yml): a session going on (st-TownHallSess1, a
host and a guest) and a past one (st-TownHallPast1, a speaker who left)."""
from __future__ import annotations

from typing import Any

from .client import Conformance
from .ivs_checks import STAGE

SESSION = "st-TownHallSess1"
PAST = "st-TownHallPast1"
NO_STAGE = STAGE.replace("TownHall0001", "NoSuchStage1")
HOST = {"stageArn": STAGE, "sessionId": SESSION, "participantId": "HostParticipant1"}


def check_realtime(c: Conformance) -> None:
    """Every stage operation the emulator serves (the tag operations are with the IVS ones)."""
    check_stages(c)
    check_participants(c)
    check_participant_events(c)
    check_disconnect(c)


def rt(c: Conformance, operation: str, body: dict[str, Any] | None = None, expect: str | None = None) -> Any:
    return c.call("ivs-realtime", operation, body, expect)


def expect_equal(c: Conformance, where: str, got: Any, wanted: Any) -> None:
    if got != wanted:
        c.report.violation(f"ivs-realtime {where}", f"answered {got!r}, expected {wanted!r}")


def check_stages(c: Conformance) -> None:
    stage = rt(c, "GetStage", {"arn": STAGE})
    expect_equal(c, "GetStage", (stage or {}).get("stage", {}).get("activeSessionId"), SESSION)
    rt(c, "GetStage", {"arn": NO_STAGE}, "ResourceNotFoundException")
    rt(c, "GetStage", {"arn": "arn:aws:ivs:us-west-2:123456789012:channel/NotAStage001"}, "ValidationException")
    stages = rt(c, "ListStages", {})
    expect_equal(c, "ListStages", [s["arn"] for s in (stages or {}).get("stages", [])], [STAGE])
    rt(c, "ListStages", {"maxResults": 101}, "ValidationException")

    session = rt(c, "GetStageSession", {"stageArn": STAGE, "sessionId": PAST})
    expect_equal(c, "GetStageSession", sorted((session or {}).get("stageSession", {})), ["endTime", "sessionId", "startTime"])
    rt(c, "GetStageSession", {"stageArn": STAGE, "sessionId": SESSION})
    rt(c, "GetStageSession", {"stageArn": STAGE, "sessionId": "st-NoSuchSession"}, "ResourceNotFoundException")
    rt(c, "GetStageSession", {"stageArn": NO_STAGE, "sessionId": SESSION}, "ResourceNotFoundException")
    rt(c, "GetStageSession", {"stageArn": STAGE, "sessionId": "st-short"}, "ValidationException")
    first = rt(c, "ListStageSessions", {"stageArn": STAGE, "maxResults": 1})
    expect_equal(c, "ListStageSessions (most recent first)", [s["sessionId"] for s in (first or {}).get("stageSessions", [])], [SESSION])
    if isinstance(first, dict) and first.get("nextToken"):
        rest = rt(c, "ListStageSessions", {"stageArn": STAGE, "maxResults": 1, "nextToken": first["nextToken"]})
        expect_equal(c, "ListStageSessions (page 2)", [s["sessionId"] for s in (rest or {}).get("stageSessions", [])], [PAST])
    else:
        c.report.violation("ivs-realtime ListStageSessions", "maxResults 1 over 2 sessions gave no nextToken")
    expect_equal(c, "ListStageSessions (unknown stage)", rt(c, "ListStageSessions", {"stageArn": NO_STAGE}), {"stageSessions": []})
    rt(c, "ListStageSessions", {"stageArn": STAGE, "nextToken": "not a token!"}, "ValidationException")


def participant_ids(answer: Any) -> list[str]:
    return [p["participantId"] for p in (answer or {}).get("participants", [])]


def check_participants(c: Conformance) -> None:
    rt(c, "GetParticipant", HOST)
    rt(c, "GetParticipant", {**HOST, "participantId": "NoSuchOne"}, "ResourceNotFoundException")
    rt(c, "GetParticipant", {**HOST, "sessionId": "st-a1b2c3d4e5f6g7h"}, "ValidationException")

    session = {"stageArn": STAGE, "sessionId": SESSION}
    filters = [
        ({}, ["HostParticipant1", "GuestParticipnt2"]),
        ({"filterByUserId": "guest-2"}, ["GuestParticipnt2"]),
        ({"filterByPublished": True}, ["HostParticipant1"]),
        ({"filterByState": "DISCONNECTED"}, []),
        ({"filterByRecordingState": "ACTIVE"}, ["HostParticipant1"]),
    ]
    for given, wanted in filters:
        expect_equal(c, f"ListParticipants {given}", participant_ids(rt(c, "ListParticipants", {**session, **given})), wanted)
    expect_equal(c, "ListParticipants (past session)", participant_ids(rt(c, "ListParticipants", {"stageArn": STAGE, "sessionId": PAST})), ["PastSpeaker0001"])
    page = rt(c, "ListParticipants", {**session, "maxResults": 1})
    if isinstance(page, dict) and page.get("nextToken"):
        expect_equal(c, "ListParticipants (page 2)", participant_ids(rt(c, "ListParticipants", {**session, "maxResults": 1, "nextToken": page["nextToken"]})), ["GuestParticipnt2"])
    else:
        c.report.violation("ivs-realtime ListParticipants", "maxResults 1 over 2 participants gave no nextToken")
    expect_equal(c, "ListParticipants (unknown stage)", rt(c, "ListParticipants", {"stageArn": NO_STAGE, "sessionId": SESSION}), {"participants": []})
    rt(c, "ListParticipants", {**session, "filterByUserId": "host-1", "filterByPublished": True}, "ValidationException")
    rt(c, "ListParticipants", {**session, "filterByState": "GONE"}, "ValidationException")
    rt(c, "ListParticipants", {**session, "filterByRecordingState": "DISABLED"}, "ValidationException")
    rt(c, "ListParticipants", {**session, "maxResults": 0}, "ValidationException")
    rt(c, "ListParticipants", {"stageArn": STAGE}, "ValidationException")


def event_names(answer: Any) -> list[str]:
    return [e["name"] for e in (answer or {}).get("events", [])]


def check_participant_events(c: Conformance) -> None:
    events = rt(c, "ListParticipantEvents", HOST)
    expect_equal(c, "ListParticipantEvents (oldest first)", event_names(events), ["JOINED", "PUBLISH_ERROR", "PUBLISH_STARTED", "SUBSCRIBE_STARTED"])
    error = next((e for e in (events or {}).get("events", []) if e["name"] == "PUBLISH_ERROR"), {})
    expect_equal(c, "ListParticipantEvents PUBLISH_ERROR", error.get("errorCode"), "BITRATE_EXCEEDED")
    page = rt(c, "ListParticipantEvents", {**HOST, "maxResults": 3})
    if isinstance(page, dict) and page.get("nextToken"):
        expect_equal(c, "ListParticipantEvents (page 2)", event_names(rt(c, "ListParticipantEvents", {**HOST, "maxResults": 3, "nextToken": page["nextToken"]})), ["SUBSCRIBE_STARTED"])
    else:
        c.report.violation("ivs-realtime ListParticipantEvents", "maxResults 3 over 4 events gave no nextToken")
    # A participant the world gives no events has those its fields imply: it joined.
    expect_equal(c, "ListParticipantEvents (implied)", event_names(rt(c, "ListParticipantEvents", {**HOST, "participantId": "GuestParticipnt2"})), ["JOINED"])
    expect_equal(c, "ListParticipantEvents (unknown participant)", rt(c, "ListParticipantEvents", {**HOST, "participantId": "NoSuchOne"}), {"events": []})
    rt(c, "ListParticipantEvents", {**HOST, "maxResults": 101}, "ValidationException")
    rt(c, "ListParticipantEvents", {"stageArn": STAGE, "sessionId": SESSION}, "ValidationException")


def check_disconnect(c: Conformance) -> None:
    """DisconnectParticipant, then what the reads say of the participant: DISCONNECTED, with a LEFT event."""
    guest = {**HOST, "participantId": "GuestParticipnt2"}
    rt(c, "DisconnectParticipant", {"stageArn": STAGE, "participantId": "GuestParticipnt2", "reason": "conformance check"})
    expect_equal(c, "GetParticipant after DisconnectParticipant", (rt(c, "GetParticipant", guest) or {}).get("participant", {}).get("state"), "DISCONNECTED")
    expect_equal(c, "ListParticipantEvents after DisconnectParticipant", event_names(rt(c, "ListParticipantEvents", guest)), ["JOINED", "LEFT"])
    after = rt(c, "ListParticipants", {"stageArn": STAGE, "sessionId": SESSION, "filterByState": "DISCONNECTED"})
    expect_equal(c, "ListParticipants DISCONNECTED after DisconnectParticipant", participant_ids(after), ["GuestParticipnt2"])
    rt(c, "DisconnectParticipant", {"stageArn": NO_STAGE, "participantId": "x"}, "ResourceNotFoundException")
    rt(c, "DisconnectParticipant", {"stageArn": STAGE, "participantId": "NoSuchOne"}, "ResourceNotFoundException")
    rt(c, "DisconnectParticipant", {"stageArn": STAGE}, "ValidationException")
    rt(c, "DisconnectParticipant", {"stageArn": STAGE, "participantId": "HostParticipant1", "reason": "r" * 129}, "ValidationException")
