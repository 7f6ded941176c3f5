"""Make the modules in scripts/ importable from the hooks (MkDocs loads hooks by file path).

MkDocs puts each hook's folder on sys.path only while it loads that hook, and restores sys.path
afterwards, so an entry added here would vanish before the next hook imports a module of its
own. A finder on sys.meta_path stays: top-level modules not found elsewhere come from scripts/.
"""

import importlib.machinery
import sys
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"


class ScriptsFinder:
    """Finds a top-level module in scripts/ (after every other finder has failed)."""

    @staticmethod
    def find_spec(name, path=None, target=None):
        return importlib.machinery.PathFinder.find_spec(name, [str(SCRIPTS)]) if path is None else None


if ScriptsFinder not in sys.meta_path:
    sys.meta_path.append(ScriptsFinder)
