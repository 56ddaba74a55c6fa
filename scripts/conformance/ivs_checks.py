"""The IVS (low-latency) operations, called with valid inputs and a few invalid ones, on the conformance
world (events/worlds/conformance.yml)."""
from __future__ import annotations

import urllib.parse

from .client import Conformance

CHANNEL = "arn:aws:ivs:us-west-2:123456789012:channel/LiveChannel01"
PRIVATE = "arn:aws:ivs:us-west-2:123456789012:channel/PrivateShow01"
MISSING = "arn:aws:ivs:us-west-2:123456789012:channel/NoSuchChannel"
KEY = "arn:aws:ivs:us-west-2:123456789012:stream-key/LiveKey00001"
STAGE = "arn:aws:ivs:us-west-2:123456789012:stage/TownHall0001"
PAST_SESSION = "st-PastSession000000000001"
RECORDING = "arn:aws:ivs:us-west-2:123456789012:recording-configuration/RecordCfg001"
POLICY = "arn:aws:ivs:us-west-2:123456789012:playback-restriction-policy/RestrictPol1"


def tags_path(arn: str) -> str:
    return "/tags/" + urllib.parse.quote(arn, safe="")


def check_ivs(c: Conformance) -> None:
    """Every IVS operation the emulator serves, and the tag paths the two services share."""
    ivs = lambda op, body=None, expect=None, path=None: c.call("ivs", op, body, expect, path)  # noqa: E731
    rt = lambda op, body=None, expect=None, path=None: c.call("ivs-realtime", op, body, expect, path)  # noqa: E731
    tags = tags_path

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
        c.report.violation("ivs TagResource/UntagResource", f"the channel's tags are {after} after tagging guard and untagging guard, team")
    channels = ivs("ListChannels", {})
    presets = {c["arn"]: c.get("preset") for c in (channels or {}).get("channels", [])}
    if presets.get(CHANNEL) != "" or presets.get(PRIVATE) != "HIGHER_BANDWIDTH_DELIVERY":
        c.report.violation("ivs ListChannels", f"presets {presets}: a STANDARD channel answers '', an ADVANCED one its preset")
    first = ivs("ListChannels", {"maxResults": 1})
    if isinstance(first, dict) and first.get("nextToken"):
        ivs("ListChannels", {"maxResults": 1, "nextToken": first["nextToken"]})
    else:
        c.report.violation("ivs ListChannels", "maxResults 1 over 2 channels gave no nextToken")
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
        c.report.violation("ivs ListStreamSessions", "maxResults 1 over 2 sessions gave no nextToken")
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
