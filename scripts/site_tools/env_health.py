"""Say whether the installed environments still match their locks, beyond what a stamp records.

A stamp says a lock was installed once; it cannot see a package deleted or changed since (a
`pip uninstall`, a removed folder, an install from another lock). This checks what is really
there, fast enough for every start of `scripts/serve.py` and `scripts/test.py` (well under a
second):

- `.venv/`: every distribution in `requirements.lock` is installed at its locked version, and
  every file its RECORD lists is present. Stronger than `pip check` (which only compares
  declared dependency ranges) and than importing the direct dependencies (which misses a
  deleted console script, a binary such as lychee's, or a transitive module imported late).
  This repository's own package (pyproject.toml) is installed too, editable from this very
  clone (not from a copy that .venv was made for) at pyproject.toml's version, its files present.
- `node_modules/`: every package in `package-lock.json` is there at its locked version
  (optional packages for other platforms excepted).

Standard library only. Run with the virtual environment's Python, it prints one line per
problem, `NAME: what is wrong`, and exits 1 (0 when all is well):
`.venv/bin/python scripts/site_tools/env_health.py [requirements.lock]`.
"""

from __future__ import annotations

import importlib.metadata
import json
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)")


def normalize(name: str) -> str:
    """The canonical form of a distribution name (PEP 503): `Foo_Bar` -> `foo-bar`."""
    return re.sub(r"[-_.]+", "-", name).lower()


def locked_pins(lock_text: str) -> dict[str, str]:
    """{normalized name: version} for every `name==version` requirement of a pip lock or .in file."""
    return {normalize(m[1]): m[2] for line in lock_text.splitlines() if (m := PIN.match(line))}


def missing_files(dist: importlib.metadata.Distribution) -> list[str]:
    """The files that `dist`'s RECORD lists and that are no longer there (compiled .pyc files aside)."""
    return [str(f) for f in dist.files or [] if f.suffix != ".pyc" and not dist.locate_file(f).exists()]


def python_problems(lock: Path) -> list[str]:
    """What differs between the running interpreter's packages and `lock`, one line each."""
    installed = {normalize(d.metadata["Name"]): d for d in importlib.metadata.distributions()}
    problems = []
    for name, version in sorted(locked_pins(lock.read_text(encoding="utf-8")).items()):
        dist = installed.get(name)
        if dist is None:
            problems.append(f"{name}: not installed (locked at {version})")
        elif dist.version != version:
            problems.append(f"{name}: {dist.version} installed, locked at {version}")
        elif missing := missing_files(dist):
            problems.append(f"{name}: {len(missing)} installed file(s) missing, e.g. {missing[0]}")
    return problems


def own_package_problems(root: Path) -> list[str]:
    """What is wrong with `root`'s own package (its pyproject.toml) in the running interpreter: one line, or none."""
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    name, version = normalize(project["name"]), project["version"]
    try:
        dist = importlib.metadata.distribution(name)
    except importlib.metadata.PackageNotFoundError:
        return [f"{name}: not installed (this repository's package, pyproject.toml)"]
    origin = json.loads(dist.read_text("direct_url.json") or "{}")
    if not origin.get("dir_info", {}).get("editable") or origin.get("url") != root.as_uri():
        return [f"{name}: installed from {origin.get('url', 'an index')}, not editable from this clone ({root})"]
    if dist.version != version:
        return [f"{name}: {dist.version} installed, pyproject.toml says {version}"]
    if missing := missing_files(dist):
        return [f"{name}: {len(missing)} installed file(s) missing, e.g. {missing[0]}"]
    return []


def node_problems(package_lock: Path, root: Path) -> list[str]:
    """What differs between `root`/node_modules and `package_lock`, one line each."""
    problems = []
    for key, entry in json.loads(package_lock.read_text(encoding="utf-8"))["packages"].items():
        if not key or entry.get("link"):
            continue
        manifest = root / key / "package.json"
        if not manifest.is_file():
            if not entry.get("optional"):
                problems.append(f"{key}: not installed (locked at {entry.get('version')})")
            continue
        version = json.loads(manifest.read_text(encoding="utf-8")).get("version")
        if version != entry.get("version"):
            problems.append(f"{key}: {version} installed, locked at {entry.get('version')}")
    return problems


def main(argv: list[str]) -> int:
    problems = python_problems(Path(argv[0]) if argv else ROOT / "requirements.lock") + own_package_problems(ROOT)
    print("\n".join(problems), end="\n" if problems else "")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
