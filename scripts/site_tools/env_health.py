"""Say whether the installed environments still match their locks, beyond what a stamp records.

A stamp says a lock was installed once; it cannot see a package deleted or changed since (a
`pip uninstall`, a removed folder, an install from another lock). This checks what is really
there, fast enough for every start of `scripts/serve.py` and `scripts/test.py` (the budget is
below):

- `.venv/`: every distribution in `requirements.lock` is installed at its locked version, and
  every file its RECORD lists is present and unchanged: its size is the recorded size, and its
  SHA-256 the recorded hash. Hashing all of .venv (about 640 MB) takes seconds, so it is done
  once: a file whose hash matched is listed in `.venv/.verified-files.json` with its size and
  modification time, and later checks hash again only a file whose size or time changed (a
  stub `mkdocs/__main__.py` is noticed; an edit that keeps both size and time is not). Start-up
  budget: about one second for the ~21,000 files (one stat each), a few seconds after an install.
  Stronger than `pip check` (which only compares declared dependency ranges) and than importing
  the direct dependencies (which misses a deleted console script, a binary such as lychee's, or
  a transitive module imported late).
  This repository's own package (pyproject.toml) is installed too, editable from this very
  clone (not from a copy that .venv was made for) at pyproject.toml's version, its files present.
- `node_modules/`: every package in `package-lock.json` is there at its locked version
  (optional packages for other platforms excepted).

Standard library only. Run with the virtual environment's Python, it prints one line per
problem, `NAME: what is wrong`, and exits 1 (0 when all is well):
`.venv/bin/python scripts/site_tools/env_health.py [requirements.lock]`.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.metadata
import json
import os
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# In the environment: {file: [size, mtime_ns]} of every file whose SHA-256 matched its RECORD entry.
VERIFIED_FILES = ".verified-files.json"
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
    verified_list = Path(sys.prefix) / VERIFIED_FILES
    verified, still_verified = _load_verified(verified_list), {}
    problems = []
    for name, version in sorted(locked_pins(lock.read_text(encoding="utf-8")).items()):
        dist = installed.get(name)
        if dist is None:
            problems.append(f"{name}: not installed (locked at {version})")
        elif dist.version != version:
            problems.append(f"{name}: {dist.version} installed, locked at {version}")
        else:
            missing, changed = file_problems(dist, verified, still_verified)
            if missing:
                problems.append(f"{name}: {len(missing)} installed file(s) missing, e.g. {missing[0]}")
            if changed:
                problems.append(f"{name}: {len(changed)} installed file(s) changed since installed, e.g. {changed[0]}")
    if still_verified != verified:
        _save_verified(verified_list, still_verified)
    return problems


def _load_verified(path: Path) -> dict[str, list[int]]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _save_verified(path: Path, verified: dict[str, list[int]]) -> None:
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_text(json.dumps(verified), encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        pass  # a read-only environment is checked in full again next time
    finally:
        temporary.unlink(missing_ok=True)


def file_problems(dist, verified: dict, still_verified: dict) -> tuple[list[str], list[str]]:
    """(missing, changed) files of `dist`: a file whose size differs from its RECORD entry, or whose
    SHA-256 differs from it when checked (only when its size or time differs from the last check)."""
    missing, changed = [], []
    for entry in dist.files or []:
        if entry.suffix == ".pyc":
            continue
        path = dist.locate_file(entry)
        try:
            status = os.stat(path)
        except OSError:
            missing.append(str(entry))
            continue
        mark = [status.st_size, status.st_mtime_ns]
        if entry.size is not None and status.st_size != entry.size:
            changed.append(str(entry))
        elif entry.hash is not None and verified.get(str(path)) != mark:
            if _digest(Path(path), entry.hash.mode) != entry.hash.value:
                changed.append(str(entry))
                continue
        if entry.hash is not None:
            still_verified[str(path)] = mark
    return missing, changed


def _digest(path: Path, mode: str) -> str:
    """A file's digest as RECORD writes it (urlsafe base64, no padding)."""
    with path.open("rb") as file:
        return base64.urlsafe_b64encode(hashlib.file_digest(file, mode).digest()).rstrip(b"=").decode()


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
