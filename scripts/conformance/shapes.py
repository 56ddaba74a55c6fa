"""Checks a parsed JSON answer against a shape of a botocore model, and collects what it finds."""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

import regex  # the model's patterns use \p{L}, which `re` lacks

from .models import ENUM_FIXES, PATTERN_FIXES


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
