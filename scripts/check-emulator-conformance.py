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

import sys
from pathlib import Path

sys.dont_write_bytecode = True  # no __pycache__ beside the scripts
sys.path.insert(0, str(Path(__file__).resolve().parent))

from conformance.main import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(__doc__.split("\n")[0]))
