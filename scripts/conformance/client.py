"""Calls the emulator over raw HTTP and checks each answer against the model: the success status and
output shape, or an error type the operation models, with its HTTP status and a message."""
from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

import botocore.loaders

from .shapes import Report, ShapeChecker


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

