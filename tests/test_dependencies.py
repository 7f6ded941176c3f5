"""Every third-party package the code imports is a direct, locked requirement.

An old .venv can hold a package that the lock no longer lists (or never listed: a dependency of a
dependency), and code importing it works there but fails on a fresh clone. These tests read the
imports themselves, so they fail in any environment, naming the file, line and package.
"""

from __future__ import annotations

import ast
import importlib.metadata
import sys
from pathlib import Path

from site_tools import env_health
from conftest import ROOT

CODE_FOLDERS = ("scripts", "overrides/hooks", "tests")
FIX = "add an exact pin to requirements.in and relock (README, 'To update a dependency')"


def python_files() -> list[Path]:
    return sorted(p for folder in CODE_FOLDERS for p in (ROOT / folder).rglob("*.py") if "fixtures" not in p.parts)


def own_modules() -> set[str]:
    """Modules and packages of this repository that import each other by name (scripts/, tests/, hooks)."""
    return {p.parent.name if p.name == "__init__.py" else p.stem for p in python_files()}


def imports(path: Path) -> list[tuple[int, str]]:
    """(line, top-level module) for every absolute import in a Python file."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name.split(".")[0]) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and not node.level:
            found.append((node.lineno, node.module.split(".")[0]))
    return found


def direct_requirements() -> dict[str, str]:
    return env_health.locked_pins((ROOT / "requirements.in").read_text(encoding="utf-8"))


def undeclared_imports(files: list[Path], base: Path = ROOT) -> list[str]:
    """One line per import of a third-party module that no requirement in requirements.in provides."""
    providers = importlib.metadata.packages_distributions()
    local, direct = own_modules(), direct_requirements()
    locked = env_health.locked_pins((ROOT / "requirements.lock").read_text(encoding="utf-8"))
    problems = []
    for path in files:
        for line, module in imports(path):
            if module in sys.stdlib_module_names or module in local:
                continue
            where = f"{path.relative_to(base)}:{line}: imports `{module}`"
            distributions = {env_health.normalize(d) for d in providers.get(module, [])}
            if not distributions:
                problems.append(f"{where}, which no installed distribution provides: {FIX}")
            elif not distributions & direct.keys():
                why = ("requirements.lock has it only as another package's dependency" if distributions & locked.keys()
                       else "nor does requirements.lock: only this old .venv has it, a fresh clone will not")
                problems.append(f"{where}, from {', '.join(sorted(distributions))}, which requirements.in "
                                f"does not list ({why}): {FIX}")
    return problems


def test_every_third_party_import_is_a_direct_requirement():
    problems = undeclared_imports(python_files())
    assert not problems, "\n".join(problems)


def test_every_direct_requirement_is_in_the_lock_at_the_same_version():
    locked = env_health.locked_pins((ROOT / "requirements.lock").read_text(encoding="utf-8"))
    stale = [f"requirements.in pins {name}=={version}, requirements.lock has {locked.get(name, 'nothing')}: "
             "relock (README, 'To update a dependency')"
             for name, version in direct_requirements().items() if locked.get(name) != version]
    assert not stale, "\n".join(stale)


def test_an_import_of_a_package_missing_from_requirements_in_is_named(tmp_path):
    """The check itself: a file importing a transitive-only package (idna, via requests) is reported."""
    culprit = tmp_path / "scripts" / "uses_an_unlisted_package.py"  # a path the test makes, not a real script
    culprit.parent.mkdir()
    culprit.write_text("import json\nimport idna\n", encoding="utf-8")
    assert undeclared_imports([culprit], base=tmp_path) == [
        f"{culprit.relative_to(tmp_path).as_posix()}:2: imports `idna`, from idna, which requirements.in does not list "
        f"(requirements.lock has it only as another package's dependency): {FIX}"]


def test_the_properdocs_lock_holds_every_shared_package_at_the_main_lock_version():
    """CI's ProperDocs job installs requirements-properdocs.lock over requirements.lock, without dependencies."""
    main = env_health.locked_pins((ROOT / "requirements.lock").read_text(encoding="utf-8"))
    fallback = env_health.locked_pins((ROOT / "requirements-properdocs.lock").read_text(encoding="utf-8"))
    differ = [f"{name}: {version} in requirements-properdocs.lock, {main[name]} in requirements.lock"
              for name, version in fallback.items() if name in main and main[name] != version]
    assert not differ, ("\n".join(differ) + "\nregenerate requirements-properdocs.lock "
                        "(the command is in requirements-properdocs.in)")
