"""The Chromium that Playwright launches for the tests, the PDFs and the diagrams
(scripts/site_tools/browser.py, PLAYWRIGHT_LAUNCH_ARGS): Playwright's own settings kept, and no
unseen browser pages started with every tab."""

from __future__ import annotations

import os
import re
from pathlib import Path

from site_tools import browser


def descendants(pid: int) -> list[int]:
    """Every process below `pid`, read from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError):
            continue
        children.setdefault(parent, []).append(int(entry.name))
    found, stack = [], list(children.get(pid, []))
    while stack:
        found.append(stack.pop())
        stack.extend(children.get(found[-1], []))
    return found


def browser_command_line() -> str:
    """The command line of this test process's Chromium (the browser process: the one Playwright
    talks to through --remote-debugging-pipe, not a renderer or another helper)."""
    for pid in descendants(os.getpid()):
        try:
            line = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if "--remote-debugging-pipe" in line and "--type=" not in line:
            return line
    raise AssertionError("no Chromium browser process found under this test process")


def test_the_launch_keeps_every_feature_playwright_turns_off(chromium):
    switches = re.findall(r"--disable-features=(\S*)", browser_command_line())
    assert len(switches) >= 2, f"expected Playwright's --disable-features and ours, found {switches}"
    playwrights, read = set(switches[0].split(",")), set(switches[-1].split(","))  # Chromium reads the last
    missing = sorted(playwrights - read)
    assert not missing, (
        f"Playwright turns off {missing}, which our --disable-features switch (read instead of Playwright's) "
        "leaves on: add them to PLAYWRIGHT_DISABLED_FEATURES in scripts/site_tools/browser.py")


def test_a_new_tab_starts_no_address_bar_popup(chromium, new_tab):
    tab = new_tab()
    try:
        session = chromium.new_browser_cdp_session()
        targets = session.send("Target.getTargets")["targetInfos"]
        session.detach()
    finally:
        tab.close()
    unseen = [target["url"] for target in targets if target["type"] == "browser_ui"]
    assert unseen == [], (
        f"a new tab started browser pages no one sees, each in a renderer process of its own: {unseen}; "
        f"turn their feature off in UNSEEN_ADDRESS_BAR_POPUPS ({browser.UNSEEN_ADDRESS_BAR_POPUPS}) "
        "in scripts/site_tools/browser.py")
