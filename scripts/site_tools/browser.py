"""Find the Chromium that tests, the PDF builder and the benchmark drive (standard library only).

Order: $CHROMIUM_PATH, a system Chromium on PATH (Debian's `chromium`), then Playwright's own
downloaded browser. Shared by `scripts/site_tools/dev_env.py`, `scripts/build_pdfs.py`, `scripts/site_tools/mermaid_render.py` and the
tests so that all agree on one browser.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

SYSTEM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")

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
# The address bar's two pop-ups, which Chromium 156 draws as web pages: headless, every new
# browser window (a new context's first tab, or a tab opened in a context with none open, as each
# test's is) starts both in renderer processes of their own, though no one can see them. They
# took about half of Chromium's CPU for such a page (measured 2026-12-07, the self-test loaded as
# the tests load it: 2.8 to 3.1 CPU-seconds with them, 1.5 to 1.6 without).
UNSEEN_ADDRESS_BAR_POPUPS = ("WebUIOmniboxPopup", "WebUIOmniboxAimPopup")

# For a Chromium that Playwright launches (the tests, the PDFs, the build's diagrams, the benchmark's
# page figures). Lighthouse launches its own, with LAUNCH_ARGS and its own --disable-features.
PLAYWRIGHT_LAUNCH_ARGS = [
    *LAUNCH_ARGS,
    "--disable-features=" + ",".join(PLAYWRIGHT_DISABLED_FEATURES + UNSEEN_ADDRESS_BAR_POPUPS),
]

INSTALL_HINT = (
    "no Chromium found: install Debian's `chromium` package (apt-get install chromium), "
    "or run `.venv/bin/python -m playwright install chromium`, or set CHROMIUM_PATH"
)


def system_chromium() -> str | None:
    """Path of $CHROMIUM_PATH or of a Chromium on PATH, or None."""
    explicit = os.environ.get("CHROMIUM_PATH")
    if explicit:
        return explicit if Path(explicit).is_file() else None
    for name in SYSTEM_NAMES:
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
    """The Chromium to use: a system one first, else Playwright's own; None when neither exists."""
    return system_chromium() or playwright_chromium(python)
