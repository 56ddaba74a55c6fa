"""The IVS real-time (stage) operations, called with valid inputs and a few invalid ones, on the
conformance world's stage (events/worlds/conformance.yml)."""
from __future__ import annotations

from .client import Conformance
from .ivs_checks import STAGE


def check_realtime(c: Conformance) -> None:
    """Every stage operation the emulator serves (the tag operations are with the IVS ones)."""
    rt = lambda op, body=None, expect=None, path=None: c.call("ivs-realtime", op, body, expect, path)  # noqa: E731

    participant = {"stageArn": STAGE, "sessionId": "st-TownHallSess1", "participantId": "HostParticipant1"}
    rt("GetParticipant", participant)
    rt("GetParticipant", {**participant, "participantId": "NoSuchOne"}, "ResourceNotFoundException")
    rt("GetParticipant", {**participant, "sessionId": "st-a1b2c3d4e5f6g7h"}, "ValidationException")
    rt("DisconnectParticipant", {"stageArn": STAGE, "participantId": "GuestParticipnt2", "reason": "conformance check"})
    rt("DisconnectParticipant", {"stageArn": STAGE.replace("TownHall0001", "NoSuchStage1"), "participantId": "x"}, "ResourceNotFoundException")
    rt("DisconnectParticipant", {"stageArn": STAGE}, "ValidationException")
