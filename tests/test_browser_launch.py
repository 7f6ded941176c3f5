"""The Chromium that Playwright launches (scripts/site_tools/browser.py, PLAYWRIGHT_LAUNCH_ARGS):
Playwright's own settings kept; the tests, the PDFs and the diagrams in the headless shell where
there is one; no unseen browser pages started with every window of the full browser, which the
benchmark drives; the tests' own reaches no address but 127.0.0.1, where the local server listens
(conftest.py, LOOPBACK_ONLY)."""

from __future__ import annotations

import http.server
import os
import re
import shutil
import sys
import threading
from pathlib import Path

import pytest
from conftest import LOOPBACK_ONLY
from playwright.sync_api import Error as PlaywrightError

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
    talks to through --remote-debugging-pipe, not a renderer or another helper, nor the shell that
    runs it: Debian's /usr/bin/chromium-headless-shell is a script that starts it without exec)."""
    for pid in descendants(os.getpid()):
        try:
            line = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if "--remote-debugging-pipe" in line and "--type=" not in line and line.split()[0] not in ("/bin/sh", "sh"):
            return line
    raise AssertionError("no Chromium browser process found under this test process")


@pytest.fixture
def full_chromium(chromium):
    """The full browser (browser.find_chromium), launched as the benchmark launches it, through the
    session's Playwright, for one test; the headless shell the tests use has no windows and so no
    pop-ups, and Playwright given no path would launch a shell of its own."""
    executable = browser.find_chromium(sys.executable)
    if executable is None:
        pytest.fail(f"no full Chromium for this test: {browser.INSTALL_HINT}")
    full = chromium.browser_type.launch(executable_path=executable, args=[*browser.PLAYWRIGHT_LAUNCH_ARGS, LOOPBACK_ONLY])
    yield full
    full.close()


def test_the_tests_run_in_the_headless_shell_when_there_is_one(chromium):
    program = Path(browser_command_line().split()[0]).name
    shell = (os.environ.get("CHROMIUM_HEADLESS_PATH") or shutil.which("chromium-headless-shell")
             or shutil.which("chrome-headless-shell"))  # what is installed, read here, not by browser.py
    assert ("headless" in program) == (shell is not None), (
        f"the tests' Chromium is {program} while the headless shell is {shell}: the chromium fixture in "
        "tests/conftest.py must launch browser.find_headless_chromium(), which took a quarter less CPU")


def test_the_launch_keeps_every_feature_turned_off_before_it_and_adds_only_the_popups(chromium):
    switches = [switch.split(",") for switch in re.findall(r"--disable-features=(\S*)", browser_command_line())]
    assert len(switches) >= 2, f"expected Playwright's --disable-features and ours, found {switches}"
    before, read = set().union(*switches[:-1]), set(switches[-1])  # Chromium reads only the last
    expected = before | set(browser.UNSEEN_ADDRESS_BAR_POPUPS)
    assert read == expected, (
        f"our --disable-features switch, read instead of Playwright's and any earlier one, leaves on "
        f"{sorted(before - read)} and turns off {sorted(read - expected)} that nothing before it did: make "
        "PLAYWRIGHT_DISABLED_FEATURES in scripts/site_tools/browser.py Playwright's list again")


def test_a_new_window_of_the_full_browser_starts_no_address_bar_popup(full_chromium, site_url):
    context = full_chromium.new_context(service_workers="block")  # its first tab is a new window
    try:
        context.new_page().goto(site_url, wait_until="networkidle")
        session = full_chromium.new_browser_cdp_session()
        targets = session.send("Target.getTargets")["targetInfos"]
        session.detach()
    finally:
        context.close()
    unseen = [target["url"] for target in targets
              if target["type"] == "browser_ui" or target["url"].startswith("chrome://")]
    assert unseen == [], (
        f"a new browser window started pages no one sees, each in a renderer process of its own: {unseen}; "
        f"turn their feature off in UNSEEN_ADDRESS_BAR_POPUPS ({browser.UNSEEN_ADDRESS_BAR_POPUPS}) "
        "in scripts/site_tools/browser.py")


class _Recorder(http.server.BaseHTTPRequestHandler):
    """Answers every GET with an empty page and keeps its path in the server's `asked`."""

    def do_GET(self):
        self.server.asked.append(self.path)
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def other_host():
    """The base URL of a server on 127.0.0.2 (this machine, another address), and the paths it was asked for."""
    server = http.server.ThreadingHTTPServer(("127.0.0.2", 0), _Recorder)
    server.asked = []
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    yield f"http://127.0.0.2:{server.server_address[1]}/", server.asked
    server.shutdown()
    server.server_close()


def test_the_tests_browser_reaches_no_address_but_127_0_0_1(chromium, site_url, other_host):
    url, asked = other_host
    context = chromium.new_context(service_workers="block")  # no route: the browser alone must refuse
    try:
        page = context.new_page()
        assert page.goto(site_url, wait_until="load").ok
        failed = {}
        for address in (url + "from-a-page", url.replace("127.0.0.2", "localhost") + "by-name"):
            try:
                page.goto(address)
            except PlaywrightError as error:
                failed[address] = str(error).splitlines()[0]
    finally:
        context.close()
    assert asked == [] and len(failed) == 2 and all("ERR_NAME_NOT_RESOLVED" in e for e in failed.values()), (
        f"the tests' Chromium reached another host (asked for {asked}; refused: {failed}): the browser "
        "must resolve no name but 127.0.0.1 (LOOPBACK_ONLY in tests/conftest.py, passed to its launch)")
