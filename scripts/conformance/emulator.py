"""Starts the emulator (scripts/start-emulator.ts) on a free port and stops it."""
from __future__ import annotations

import os
import select
import signal
import subprocess
from pathlib import Path

from .models import ROOT


def start_emulator(world: Path, *options: str) -> tuple[subprocess.Popen[str], str]:
    """The running emulator and its URL (the first line it prints)."""
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
