"""What the conformance check checks against: the models botocore ships, cut down to the operations the
emulator serves (and written to local/emulator/model/ivs-models.json by `--update-model`), and the few
places where the service answers what its model does not say."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import botocore.loaders

ROOT = Path(__file__).resolve().parent.parent.parent
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
    "ivs-realtime": [
        "DisconnectParticipant", "GetParticipant", "GetStage", "GetStageSession", "ListParticipantEvents",
        "ListParticipants", "ListStageSessions", "ListStages", "ListTagsForResource", "TagResource", "UntagResource",
    ],
}
# Served, but no world can make them succeed: they answer only errors (checked above).
ONLY_ERRORS = {("ivs", "GetPlaybackKeyPair")}  # a world holds no playback key pairs
# Shapes world files use beyond what the served operations reach.
EXTRA_SHAPES = {"ivs": [], "ivs-realtime": ["Stage"]}
# The model's ResourceArn pattern has `[a-z-]/` (one character), which no real ARN matches.
PATTERN_FIXES = {"ResourceArn": r"arn:aws:ivs:[a-z0-9-]+:[0-9]+:[a-z-]+/[a-zA-Z0-9-]+"}
# The API answers `preset: ""` for BASIC and STANDARD channels (API reference, Channel.preset); the enum lacks it.
ENUM_FIXES = {"TranscodePreset": [""]}


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

