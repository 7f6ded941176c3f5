"""Make the modules in scripts/ importable from the hooks (MkDocs loads hooks by file path)."""

import sys
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"
if str(SCRIPTS) not in sys.path:
    sys.path.insert(0, str(SCRIPTS))


def import_script(name: str):
    """Import scripts/<name>.py. MkDocs restores sys.path after loading each hook, so a hook
    that imports a module no earlier hook imported needs scripts/ put back first."""
    import importlib

    if str(SCRIPTS) not in sys.path:
        sys.path.insert(0, str(SCRIPTS))
    return importlib.import_module(name)
