"""Publish a site all or nothing: build it into a temporary folder beside the target, then swap it in whole.

A build that fails, is interrupted (Ctrl-C) or runs out of disk leaves the previous site exactly
as it was and no temporary folder behind, and says so in one line. The swap is two renames in one
folder (old site aside, new site in place), so the target is never half-written; between the two
renames (microseconds) it is briefly absent. Used by scripts/build.py.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Callable


def build_whole(build: Callable[[Path], int], target: Path) -> int:
    """Run `build(folder)` into a fresh folder beside `target`; on exit status 0 swap it in for
    `target`. Returns the exit status to end with (1 on a failed build or a full disk, 130 on Ctrl-C)."""
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.building-", dir=target.parent))
    previous = target.with_name(f".{target.name}.previous-{os.getpid()}")
    untouched = f"the previous site in {target} is untouched" if target.exists() else f"nothing was written to {target}"
    try:
        status = build(staging)
        if status != 0:
            print(f"build: failed (see above); {untouched}", file=sys.stderr)
            return 1
        if target.exists():
            os.rename(target, previous)
        os.rename(staging, target)
    except KeyboardInterrupt:
        print(f"build: interrupted; {untouched}", file=sys.stderr)
        return 130
    except OSError as error:
        print(f"build: stopped ({error.strerror or error}); {untouched}; free some space and build again", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(previous, ignore_errors=True)
    return 0
