"""Make the modules in scripts/ importable from the hooks (MkDocs loads hooks by file path).

MkDocs restores sys.path after loading each hook, and this module runs only once (for the first
hook that imports it), so a sys.path entry would serve that hook alone. A finder at the end of
sys.meta_path stays: any top-level name that nothing else provides is looked up in scripts/.
"""

import importlib.machinery
import sys
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"


class _ScriptsFinder:
    @staticmethod
    def find_spec(name, path=None, target=None):
        return importlib.machinery.PathFinder.find_spec(name, [str(SCRIPTS)]) if path is None else None


sys.meta_path.append(_ScriptsFinder)
