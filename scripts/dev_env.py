"""Bring the development environment up to date, skipping every step already done.

Standard library only, because it runs before the virtual environment exists. It installs:
the Python lock (`requirements.lock`, hashes required) into `.venv/`; the npm lock
(`package-lock.json`: Mermaid, axe-core, ...) into `node_modules/`; and, when asked, a Chromium
(it draws the diagrams at build time and runs the browser tests) with a font metric-compatible
with Arial for the diagrams' labels. A step is skipped when a stamp file records that the lock it installed is
unchanged, so a second run takes about a second. A missing prerequisite stops it with one line
saying what to install.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import browser  # noqa: E402  (a sibling module; this file runs as a plain script)

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
VENV_PYTHON = VENV / "bin" / "python"
PYTHON_LOCK = ROOT / "requirements.lock"
NPM_LOCK = ROOT / "package-lock.json"
NODE_MODULES = ROOT / "node_modules"
MIN_PYTHON = (3, 11)
MIN_NODE = 20


class SetupError(Exception):
    """A prerequisite is missing or an install step failed; the message says what to do."""


def say(message: str) -> None:
    print(f"setup: {message}", flush=True)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def up_to_date(stamp: Path, lock: Path) -> bool:
    return stamp.is_file() and stamp.read_text().strip() == digest(lock)


def run(command: list[str], what: str) -> None:
    if subprocess.run(command, cwd=ROOT).returncode != 0:
        raise SetupError(f"{what} failed (command: {' '.join(command)}); see the output above")


def check_prerequisites() -> None:
    if sys.version_info < MIN_PYTHON:
        raise SetupError(f"Python {'.'.join(map(str, MIN_PYTHON))}+ is required, this is {sys.version.split()[0]}")
    node = shutil.which("node")
    if not node or not shutil.which("npm"):
        raise SetupError(f"Node.js {MIN_NODE}+ with npm is required: install it from your package manager or nodejs.org")
    version = subprocess.run([node, "--version"], capture_output=True, text=True).stdout.strip()
    major = int(version.lstrip("v").split(".")[0] or 0)
    if major < MIN_NODE:
        raise SetupError(f"Node.js {MIN_NODE}+ is required, found {version}: upgrade Node.js")


def ensure_python_env() -> Path:
    stamp = VENV / ".requirements.lock.sha256"
    if VENV_PYTHON.exists() and up_to_date(stamp, PYTHON_LOCK):
        say("Python environment up to date (.venv)")
        return VENV_PYTHON
    if not VENV_PYTHON.exists():
        say("creating the virtual environment .venv")
        run([sys.executable, "-m", "venv", str(VENV)], "creating .venv (on Debian/Ubuntu: apt-get install python3-venv)")
    say("installing requirements.lock into .venv")
    run([str(VENV_PYTHON), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         "--require-hashes", "--no-deps", "-r", str(PYTHON_LOCK)], "pip install -r requirements.lock")
    stamp.write_text(digest(PYTHON_LOCK))
    return VENV_PYTHON


def ensure_node_modules() -> None:
    stamp = NODE_MODULES / ".package-lock.json.sha256"
    if up_to_date(stamp, NPM_LOCK):
        say("npm packages up to date (node_modules)")
        return
    say("installing package-lock.json into node_modules")
    run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], "npm ci")
    stamp.write_text(digest(NPM_LOCK))


def ensure_browser(python: Path) -> str:
    found = browser.find_chromium(str(python))
    if found:
        say(f"browser found ({found})")
        return found
    if os.geteuid() == 0 and shutil.which("apt-get"):
        say("no Chromium found: installing Debian's chromium package")
        run(["apt-get", "update", "-qq"], "apt-get update")
        run(["apt-get", "install", "-y", "-qq", "chromium"], "apt-get install chromium")
    else:
        say("no Chromium found: trying `playwright install chromium`")
        subprocess.run([str(python), "-m", "playwright", "install", "chromium"], cwd=ROOT)
    found = browser.find_chromium(str(python))
    if not found:
        raise SetupError(browser.INSTALL_HINT)
    say(f"browser installed ({found})")
    return found


# Fonts with Arial's metrics: the diagrams are measured in one of these at build time
# (scripts/mermaid_render.py, FONT_STACK), so labels fit their boxes wherever they are shown.
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


def prepare(*, with_browser: bool) -> Path:
    """Install what is missing and return the virtual environment's Python."""
    check_prerequisites()
    python = ensure_python_env()
    ensure_node_modules()
    if with_browser:
        os.environ["CHROMIUM_PATH"] = ensure_browser(python)
        ensure_diagram_font()
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


def main_guard(fn) -> None:
    """Run a command's main(), turning a SetupError into one line on stderr and exit status 2."""
    try:
        fn()
    except SetupError as error:
        print(f"setup: error: {error}", file=sys.stderr)
        sys.exit(2)
