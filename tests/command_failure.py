"""A failed command's story for an assert message: one line saying what failed and its last words, then the output.

pytest shows an assert message first; a bare `result.stdout + result.stderr` makes that first line
whatever the command printed first (often a progress line), so the reason is buried below.
"""

from __future__ import annotations

import subprocess


def failed(what: str, result: subprocess.CompletedProcess, fix: str = "run it by hand to see why") -> str:
    output = (result.stdout or "") + (result.stderr or "")
    lines = [line for line in output.strip().splitlines() if line.strip()]
    last = lines[-1].strip() if lines else "no output"
    return f"{what} exited {result.returncode}: {last[:200]}; {fix}\n--- its output (last 3000 characters) ---\n{output[-3000:]}"
