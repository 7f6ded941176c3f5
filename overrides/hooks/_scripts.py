"""Make the modules in scripts/ importable from the hooks (MkDocs loads hooks by file path)."""

import sys
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"


def ensure_on_path() -> None:
    """Put scripts/ on sys.path. MkDocs restores sys.path after loading each hook, so a hook that
    imports a scripts/ module no earlier hook imported calls this first."""
    if str(SCRIPTS) not in sys.path:
        sys.path.insert(0, str(SCRIPTS))


ensure_on_path()
