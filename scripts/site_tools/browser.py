"""Find the Chromium that tests, the PDF builder, the diagrams and the benchmark drive (standard library only).

Two builds of the same Chromium, both from Debian's `chromium` source package:

- find_headless_chromium(): for work no one watches (the tests, the printed PDFs, the build's
  diagrams): $CHROMIUM_HEADLESS_PATH, else Debian's `chromium-headless-shell`, the same engine
  (Blink, V8, the PDF printer) without the browser's windows, tabs and address bar: what
  Playwright itself launches for headless work. Else the full browser below.
- find_chromium(): the browser a reader runs, for the benchmark's Lighthouse and page figures and
  for the test that the launch flags keep the full browser's unseen pop-ups shut:
  $CHROMIUM_PATH, a system Chromium on PATH (Debian's `chromium`), then Playwright's own download.

Shared by `scripts/site_tools/dev_env.py` (which installs both), `scripts/build_pdfs.py`,
`scripts/site_tools/mermaid_render.py`, `scripts/benchmark.py` and the tests so that all agree.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

SYSTEM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# Measured 2026-12-07 on 66a40ca, one file after the other: the machine's CPU-seconds for
# tests/test_print.py were 95 with the headless shell and 128 with the full browser, for
# tests/test_accessibility.py 149 and 176; the whole suite took 1,085 (Chromium's own 532) against
# 1,253 (727) on the same code in the session before, every test passing on both; the diagrams it draws
# are byte for byte the full browser's.
HEADLESS_SHELL_NAMES = ("chromium-headless-shell", "chrome-headless-shell")

# Flags a headless Chromium needs as root in a container with no display and a closed network:
# without the background-networking ones it keeps dialling Google's hosts.
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]

# What Playwright 1.65 turns off itself (chromiumSwitches.ts). Chromium reads only the last
# --disable-features switch, so ours, which comes after Playwright's, repeats its list;
# tests/test_browser_launch.py fails when Playwright disables a feature this list lacks.
PLAYWRIGHT_DISABLED_FEATURES = (
    "AvoidUnnecessaryBeforeUnloadCheckSync", "DestroyProfileOnBrowserClose", "HttpsUpgrades",
    "HttpsFirstBalancedModeAutoEnable", "LensOverlay", "MediaRouter", "PaintHolding",
    "ThirdPartyStoragePartitioning", "AvoidCorsURLLoaderRestartOnRedirect", "TcpPortRandomizationWin",
    "OptimizationHints", "NetworkTimeServiceQuerying", "AimEnabled", "PreconnectToSearch",
    "msForceBrowserSignIn", "msEdgeUpdateLaunchServicesPreferredVersion",
)
# The address bar's two pop-ups, which the full Chromium 156 draws as web pages: headless, every
# new browser window (a new context's first tab, or a tab opened in a context with none open)
# starts both in renderer processes of their own, though no one can see them. They took about
# half of Chromium's CPU for such a page (measured 2026-12-07, the self-test loaded as the tests
# load it: 2.8 to 3.1 CPU-seconds with them, 1.5 to 1.6 without). The headless shell has no
# address bar; the benchmark's full browser, and any run without a shell, need this.
UNSEEN_ADDRESS_BAR_POPUPS = ("WebUIOmniboxPopup", "WebUIOmniboxAimPopup")

# For a Chromium that Playwright launches (the tests, the PDFs, the build's diagrams, the benchmark's
# page figures). Lighthouse launches its own, with LAUNCH_ARGS and its own --disable-features.
PLAYWRIGHT_LAUNCH_ARGS = [
    *LAUNCH_ARGS,
    "--disable-features=" + ",".join(PLAYWRIGHT_DISABLED_FEATURES + UNSEEN_ADDRESS_BAR_POPUPS),
]

INSTALL_HINT = (
    "no Chromium found: install Debian's `chromium` and `chromium-headless-shell` packages "
    "(apt-get install chromium chromium-headless-shell), "
    "or run `.venv/bin/python -m playwright install chromium`, or set CHROMIUM_PATH"
)


def system_chromium(variable: str = "CHROMIUM_PATH", names: tuple[str, ...] = SYSTEM_NAMES) -> str | None:
    """Path in $`variable` (None when that is not a file), else of the first of `names` on PATH, or None."""
    explicit = os.environ.get(variable)
    if explicit:
        return explicit if Path(explicit).is_file() else None
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    return None


def playwright_chromium(python: str) -> str | None:
    """Path of the browser `playwright install chromium` downloaded for `python`, or None."""
    probe = (
        "from playwright.sync_api import sync_playwright\n"
        "with sync_playwright() as p: print(p.chromium.executable_path)"
    )
    try:
        out = subprocess.run([python, "-c", probe], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    path = out.stdout.strip()
    return path if out.returncode == 0 and path and Path(path).is_file() else None


def find_chromium(python: str) -> str | None:
    """The full browser: a system one first, else Playwright's own; None when neither exists."""
    return system_chromium() or playwright_chromium(python)


def headless_shell() -> str | None:
    """Path in $CHROMIUM_HEADLESS_PATH, else of a headless shell on PATH, or None."""
    return system_chromium("CHROMIUM_HEADLESS_PATH", HEADLESS_SHELL_NAMES)


def find_headless_chromium(python: str) -> str | None:
    """The headless shell when there is one, else the full browser; None when neither exists."""
    return headless_shell() or find_chromium(python)
