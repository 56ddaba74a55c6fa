"""The check's order: the models against botocore, every operation on the conformance world, boto3's
view of errors, then the same world under injected faults; one line per violation and a summary."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import botocore

from .client import Conformance
from .emulator import start_emulator, stop_emulator
from .ivs_checks import check_ivs
from .models import ROOT, SERVED, VENDORED_MODEL, WORLD, extract_models
from .other_checks import check_clients, check_events, check_every_operation_succeeded, check_faults, check_unserved
from .realtime_checks import check_realtime


def main(description: str) -> int:
    parser = argparse.ArgumentParser(description=description)
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
        check_ivs(conformance)
        check_realtime(conformance)
        check_events(conformance)
        check_unserved(conformance)
        check_every_operation_succeeded(conformance)
        check_clients(conformance)
    finally:
        stop_emulator(process)
    try:
        process, url = start_emulator(args.world, "--faults", "throttle=0.5,error=0.5", "--seed", "7")
    except (OSError, RuntimeError) as error:
        print(f"emulator conformance: cannot run: {error}", file=sys.stderr)
        return 2
    try:
        conformance.url = url
        check_faults(conformance)
    finally:
        stop_emulator(process)

    report = conformance.report
    for violation in report.violations:
        print(f"VIOLATION {violation}")
    print(
        f"emulator conformance: {report.calls} calls, {len(report.succeeded)} operations answered as modelled "
        f"(ivs {len(SERVED['ivs'])}, ivs-realtime {len(SERVED['ivs-realtime'])}, events 1), "
        f"{len(report.errors_seen)} error types checked ({', '.join(sorted(report.errors_seen))}), "
        f"botocore {botocore.__version__}: {len(report.violations)} violation(s)"
    )
    return 1 if report.violations else 0
