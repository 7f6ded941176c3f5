"""Shared fixtures: the site built once per session, a local server for it, one headless Chromium.

The browser reaches no address but 127.0.0.1, where the local server listens (LOOPBACK_ONLY);
the fixtures that load a page for a test (open_page, page_visit) also record every request it
makes, and which went to another origin, so a test can assert that the site is self-contained.
"""

from __future__ import annotations

import fcntl
import functools
import importlib.util
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from site_tools import browser as browser_discovery
from site_tools import local_server

ROOT = Path(__file__).resolve().parent.parent


# The files that take longest (summed test time of a full run, 2026-12-07: every file over 20 s),
# sent to the workers first. pytest-xdist's --dist loadfile hands whole files to whichever worker
# is free, in collection order (pytest.ini turns off its own reordering, by number of tests); with
# the longest first, the last ones handed out are short and both workers finish together.
LONGEST_FIRST = ("test_accessibility.py", "test_setup.py", "test_quiz.py", "test_hostile_contributions.py",
                 "test_print.py", "test_browsing.py", "test_offline.py", "test_diagrams.py", "test_lab.py",
                 "test_print_paper.py", "test_contributing.py", "test_flashcards_on_screen.py",
                 "test_diagrams_on_a_phone.py", "test_lab_embeds.py")


def pytest_collection_modifyitems(items) -> None:
    """Put the tests of LONGEST_FIRST's files first, in that order; the rest keep theirs."""
    rank = {name: index for index, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))


# The generator the tests build with: MkDocs, or ProperDocs (its fork, which reads the same
# mkdocs.yml) in CI's fallback job (the `properdocs` job of .github/workflows/ci.yml).
GENERATOR = os.environ.get("SITE_GENERATOR", "mkdocs")


def build_site(site_dir: Path, config: Path = ROOT / "mkdocs.yml", **variables: str) -> subprocess.CompletedProcess:
    """Run `mkdocs build --strict` (or ProperDocs', see GENERATOR) into site_dir, with these environment
    variables set, and return the finished process."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **variables}
    return subprocess.run(
        [sys.executable, "-m", GENERATOR, "build", "--strict", "--clean",
         "--config-file", str(config), "--site-dir", str(site_dir)],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )


@dataclass
class Build:
    site: Path
    log: str


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Build:
    """The site, built once per run: the first pytest-xdist worker to need it builds it and the other
    waits for it and reads the same folder (pytest-xdist's recipe for a session fixture made once:
    https://pytest-xdist.readthedocs.io/en/stable/how-to.html), saving a build of some 9 CPU-seconds.
    The tests only read it; a test that changes a site copies it first. A build that fails is not
    kept, so each worker reports it."""
    shared = tmp_path_factory.getbasetemp()
    if "PYTEST_XDIST_WORKER" in os.environ:
        shared = shared.parent  # the folder every worker's own temporary folder is in
    site, log = shared / "build" / "site", shared / "build" / "build.log"
    with open(shared / "build.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not log.is_file():
            result = build_site(site)
            if result.returncode != 0:
                pytest.fail(build_failure(result.stderr), pytrace=False)
            log.write_text(result.stderr, encoding="utf-8")
    return Build(site=site, log=log.read_text(encoding="utf-8"))


def build_failure(log: str) -> str:
    """What stopped a build: its warnings and errors, without the INFO lines around them."""
    problems = [line for line in log.splitlines() if line.strip() and not line.startswith(("INFO", "DEBUG"))]
    return ("mkdocs build --strict failed; fix what each line names, then check with "
            "`.venv/bin/python -m mkdocs build --strict -d /tmp/site`:\n" + "\n".join(problems))


def load_hook(monkeypatch, name: str):
    """The hook overrides/hooks/NAME.py, loaded as MkDocs loads it (by path, with its folder on sys.path)."""
    monkeypatch.syspath_prepend(str(ROOT / "overrides/hooks"))
    spec = importlib.util.spec_from_file_location(f"{name}_hook", ROOT / "overrides/hooks" / f"{name}.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    return hook


def html_pages(site: Path) -> list[Path]:
    """Every page of the built site (the 404 page included), in a stable order."""
    return sorted(site.rglob("*.html"))


# What each page parsed() returned looked like then, to see that no test changed it.
PARSED_AS: dict[Path, int] = {}


@functools.cache
def parsed(page: Path):
    """A page of the session's built site (built_site), parsed with lxml once per worker for every
    test that reads it: some twenty tests read every page. Shared, so read it and never change it
    (change a copy.copy of an element); a test that edits a page, or reads another build's, parses
    its own. parsed_pages_stay_as_parsed fails the run when a test changed one."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
    PARSED_AS[page] = hash(str(soup))
    return soup


@pytest.fixture(scope="session", autouse=True)
def parsed_pages_stay_as_parsed():
    """After the session: every page parsed() shared is as it was parsed, or the tests that read it
    after the one that changed it read a page the site does not have."""
    yield
    changed = [str(page) for page, looked in PARSED_AS.items() if hash(str(parsed(page))) != looked]
    assert changed == [], (f"a test changed the shared parse of {len(changed)} page(s), which later tests read "
                           f"(first: {changed[:3]}): change a copy (copy.copy) instead; see parsed() in tests/conftest.py")


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    """Base URL (ending in /) of a local HTTP server for the built site."""
    with local_server.serve(built_site.site) as url:
        yield url


# Every host name but 127.0.0.1 (any port), where the local server listens, fails to resolve in the
# tests' Chromium (IP addresses too: 127.0.0.2 and localhost fail), so no page reaches another
# machine whatever a test forgets. A tab that only looks at pages (reader_tab, print_tab) needs no
# Playwright route then, and a route turns the browser's cache off and sends every request of the
# page through this process: measured 2026-12-07, a page visited in such a tab took 1.17 CPU-seconds
# with a blocking route, 0.95 without (tests/test_browser_launch.py checks the block).
LOOPBACK_ONLY = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"
# The tabs of one browser context in one renderer process (Chromium never shares one between
# contexts): a test's new tab in new_tab's shared contexts (160 a run) then starts no process.
# Measured 2026-12-07, the self-test opened in a new tab as open_page opens it: 1.02 and 1.08
# CPU-seconds of Chromium this way, 1.30 and 1.21 with a process per tab.
ONE_RENDERER = "--renderer-process-limit=1"


@pytest.fixture(scope="session")
def chromium():
    """One headless Chromium for the session; a missing browser is an error, never a skip."""
    from playwright.sync_api import sync_playwright

    executable = browser_discovery.find_headless_chromium(sys.executable)
    if executable is None:
        pytest.fail(browser_discovery.INSTALL_HINT + " (or run python3 scripts/test.py, which installs one)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable,
                                             args=[*browser_discovery.PLAYWRIGHT_LAUNCH_ARGS, LOOPBACK_ONLY, ONE_RENDERER])
        yield browser
        browser.close()


@dataclass
class Visit:
    """What one page load did: every request it made, requests to other origins, console errors and
    page errors, and what broke the page's Content-Security-Policy or opened a dialog."""

    requests: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    policy_problems: list[str] = field(default_factory=list)

    def record(self, url: str, site_url: str) -> bool:
        """Keep `url` as one of this visit's requests; False, and kept as foreign too, when it leaves
        the site (data: URLs stay in the page)."""
        self.requests.append(url)
        own = url.startswith((site_url, "data:"))
        if not own:
            self.foreign_requests.append(url)
        return own


# Records every CSP violation the page reports, before any of the page's own scripts run.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", e =>
  window.__violations.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`));
"""
DIAGRAMS_DRAWN_AS_SVG = """() => document.querySelectorAll('pre.mermaid').length === 0 &&
  [...document.querySelectorAll('div.mermaid')].every(d => d.shadowRoot && d.shadowRoot.querySelector('svg'))"""


def recording_route(site_url: str, visit_now):
    """A route handler for every request: recorded in visit_now() (a Visit), and blocked when it goes
    to another origin."""
    return lambda route: route.continue_() if visit_now().record(route.request.url, site_url) else route.abort()


def load_page(page, site_url: str, path: str, wait_until: str = "networkidle", before_load=None):
    """(page, visit): `path` loaded in `page`, a new tab, every request it makes recorded (Visit.record).
    The browser reaches no other machine (LOOPBACK_ONLY; another port of 127.0.0.1 answers, and is
    recorded as foreign). Recorded from the page's events, not a route, so the browser keeps its
    cache as a reader's does: measured 2026-12-07, the self-test, lab and on-screen flashcard files
    took 218 CPU-seconds this way against 234 with a route.

    `before_load(page)`, when given, runs before the page's first navigation (to fix its clock, say),
    so the page is loaded once, as it is to be tested."""
    visit = Visit()
    page.on("request", lambda request: visit.record(request.url, site_url))
    page.on("console", lambda m: m.type == "error" and visit.console_errors.append(m.text))
    page.on("pageerror", lambda e: visit.console_errors.append(str(e)))
    if before_load:
        before_load(page)
    page.goto(site_url + path, wait_until=wait_until)
    return page, visit


def kept_in_storage(site_url: str, key: str, value: str) -> dict:
    """A browser context's storage_state holding `value` under `key` in the site's localStorage,
    as a student's browser holds it when the page loads."""
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(site_url))
    return {"cookies": [], "origins": [{"origin": origin, "localStorage": [{"name": key, "value": value}]}]}


@pytest.fixture(scope="session")
def new_tab(chromium, site_url):
    """new_tab(**context_options) -> a new tab in the session's browser context for these options,
    the site's storage wiped first (localStorage, IndexedDB, caches, cookies: Chromium's
    Storage.clearDataForOrigin), so that a test starts as in a new browser profile.

    Measured 2026-12-07 (11971fe), the self-test file took 5 % less CPU this way than with a new
    context per page, Playwright's and pytest's CPU included. Chromium's own CPU for one self-test
    load is now about the same either way (1.0 to 1.4 CPU-seconds); it was 2.4 either way while
    every new window, which a tab opened in a context with none open is, started the address
    bar's pop-ups (see site_tools/browser.py). The offline copy's worker
    is not started unless `service_workers="allow"` is passed: it would download the whole site in
    the background of every test (tests/test_offline.py checks it)."""
    contexts: dict = {}
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(site_url))

    def _tab(**context_options):
        options = {"service_workers": "block", **context_options}
        key = repr(sorted(options.items()))
        if key not in contexts:
            contexts[key] = chromium.new_context(**options)
        page = contexts[key].new_page()
        session = contexts[key].new_cdp_session(page)
        session.send("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "all"})
        session.detach()
        return page

    yield _tab
    for context in contexts.values():
        context.close()


@pytest.fixture
def open_page(chromium, site_url, new_tab):
    """open_page(path, wait_until=..., before_load=None, **context_options) -> (page, visit): the
    page in a new tab (new_tab), its requests recorded (see load_page); with `storage_state` (what
    the browser keeps before the first load), in a new context of its own.

    The default waits for the network to fall idle, so every request the page makes has been
    attempted; tests that wait for something specific pass wait_until="load".
    """
    opened = []

    def _open(path: str, wait_until: str = "networkidle", before_load=None, **context_options):
        if "storage_state" in context_options:
            page = chromium.new_context(**{"service_workers": "block", **context_options}).new_page()
            opened.append(page.context)
        else:
            page = new_tab(**context_options)
            opened.append(page)
        return load_page(page, site_url, path, wait_until, before_load)

    yield _open
    for tab_or_context in opened:
        tab_or_context.close()


# For a tab that only looks at pages (reader_tab, print_tab): the page as a reader sees it before its
# search is ready. On every page Material starts a worker that builds the whole search index at once;
# it shows nothing until a reader types, and took 0.3 of the 0.9 CPU-seconds of a page visited in
# such a tab (measured 2026-12-07). Here the worker is made but never started; any other worker
# starts as usual (tests/test_looking_tabs.py). Search runs wherever a test uses the page
# (open_page: the keyboard tests), in test_search.py's search_box, under the policy's search test
# and in tests/test_offline.py, and every page's plain load (page_visit) runs it.
SEARCH_NOT_STARTED = """
const StartWorker = window.Worker;
window.Worker = class extends EventTarget {
  constructor(url, options) {
    super();
    if (!new URL(url, location.href).pathname.includes("/assets/javascripts/workers/search.")) {
      return new StartWorker(url, options);
    }
  }
  postMessage() {}
  terminate() {}
};
"""


def looking_tab(chromium, **context_options):
    """A new tab for a test that only looks at pages: search not started (SEARCH_NOT_STARTED), the
    offline copy's worker blocked (tests/test_offline.py checks it; it is not printed), no route (the
    browser reaches no address but 127.0.0.1, LOOPBACK_ONLY), so the cache is kept from page to page."""
    context = chromium.new_context(service_workers="block", **context_options)
    context.add_init_script(SEARCH_NOT_STARTED)
    return context.new_page()


@pytest.fixture(scope="session")
def reader_tab(chromium, site_url):
    """reader_tab(path, width=1280, scheme="light", javascript=True, bypass_csp=False) -> a page showing `path`.

    One tab per width, palette and scripting setting, going from page to page as a reader's does:
    a new browser context per page cost about as much again as the page itself. For tests that only
    look at a page (evaluate, measure, read); a test that clicks, types, stores or changes the page
    opens its own (open_page); what a test adds to a page (axe-core, a style) goes with the next
    page. bypass_csp=True is for tools added as inline scripts, which the site's policy rightly
    blocks. Each tab is a looking_tab."""
    tabs = {}

    def _show(path: str, width: int = 1280, scheme: str = "light", javascript: bool = True, bypass_csp: bool = False):
        key = (width, scheme, javascript, bypass_csp)
        if key not in tabs:
            tabs[key] = looking_tab(chromium, viewport={"width": width, "height": 844 if width < 600 else 900},
                                    color_scheme=scheme, java_script_enabled=javascript, bypass_csp=bypass_csp)
        tabs[key].goto(site_url + path, wait_until="load")
        return tabs[key]

    yield _show
    for tab in tabs.values():
        tab.context.close()


@pytest.fixture(scope="session")
def page_visit(chromium, site_url):
    """page_visit(path) -> Visit: what the page did when loaded once with the defaults (network idle,
    diagrams drawn), its policy violations and dialogs included.

    Loaded once per session and shared, so the checks on a plain page load (its requests, its
    console, its policy) do not load every page again; one tab goes from page to page as a reader's
    does. Routing turns the browser's cache off, so each page still requests everything it needs.
    The offline copy's service worker is blocked here (it would answer the page's requests itself);
    tests/test_offline.py checks it."""
    cache: dict[str, Visit] = {}
    context = chromium.new_context(service_workers="block")
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    current: list[Visit] = []

    def console(message):
        if message.type == "error":
            current[-1].console_errors.append(message.text)
        if "Content Security Policy" in message.text:
            current[-1].policy_problems.append(message.text)

    context.route("**/*", recording_route(site_url, lambda: current[-1]))
    page.on("console", console)
    page.on("pageerror", lambda e: current[-1].console_errors.append(str(e)))
    page.on("dialog", lambda d: (current[-1].policy_problems.append(f"dialog: {d.message}"), d.dismiss()))

    def _visit(path: str) -> Visit:
        if path not in cache:
            current.append(Visit())
            page.goto(site_url + path, wait_until="networkidle")
            page.wait_for_function(DIAGRAMS_DRAWN_AS_SVG, timeout=15_000)
            current[-1].policy_problems += page.evaluate("window.__violations")
            cache[path] = current[-1]
        return cache[path]

    yield _visit
    context.close()


@pytest.fixture
def scratch_repo(tmp_path) -> Path:
    """A copy of the repository's scripts, pages and data, to run commands on and break freely."""
    for part in ("scripts", "docs", "includes", "overrides"):
        shutil.copytree(ROOT / part, tmp_path / part, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


def run_script(repo: Path, script: str, *args: str) -> subprocess.CompletedProcess:
    """Run scripts/<script> inside `repo` the way a contributor would."""
    return subprocess.run([sys.executable, str(repo / "scripts" / script), *args],
                          cwd=repo, capture_output=True, text=True)


@pytest.fixture(scope="session")
def print_tab(chromium):
    """print_tab(scheme="light") -> one tab per palette (a looking_tab) that prints page after page,
    as a reader's browser would."""
    tabs: dict = {}

    def _tab(scheme: str = "light"):
        if scheme not in tabs:
            tabs[scheme] = looking_tab(chromium, color_scheme=scheme)
        return tabs[scheme]

    yield _tab
    for page in tabs.values():
        page.context.close()


# print-site's page number, alone on its line in the revision pack's bottom margin ("Page 12"):
# the text of a printed page of the pack starts with it.
PAGE_NUMBER = r"Page \d+"


@pytest.fixture(scope="session")
def printed_file(print_tab, site_url, tmp_path_factory):
    """printed_file(path, paper="A4", scheme="light") -> the PDF file of the page printed to PDF.

    Printed as a reader prints: in Chromium, with other hosts unreachable, after the diagrams
    are drawn, the page's own CSS page size and margins winning. Each PDF is made once per session.
    """
    from site_tools import print_pdf

    folder = tmp_path_factory.mktemp("pdf")
    cache: dict = {}

    def _print(path: str, paper: str = "A4", scheme: str = "light") -> Path:
        key = (path, paper, scheme)
        if key not in cache:
            cache[key] = folder / f"{len(cache)}.pdf"
            print_pdf.print_to_pdf(print_tab(scheme), site_url + path, cache[key], paper)
        return cache[key]

    return _print


@pytest.fixture(scope="session")
def printed_pdf(printed_file):
    """printed_pdf(path, paper="A4", scheme="light") -> the pypdf pages of the page printed to PDF
    (for what is drawn where, and how big)."""
    from pypdf import PdfReader

    cache: dict = {}

    def _pages(path: str, paper: str = "A4", scheme: str = "light") -> list:
        key = (path, paper, scheme)
        if key not in cache:
            cache[key] = PdfReader(printed_file(path, paper, scheme)).pages
        return cache[key]

    return _pages


@pytest.fixture(scope="session")
def printed(printed_file):
    """printed(path, paper="A4", scheme="light") -> list of page texts of the page printed to PDF."""
    from site_tools import print_pdf

    cache: dict = {}

    def _text(path: str, paper: str = "A4", scheme: str = "light") -> list[str]:
        key = (path, paper, scheme)
        if key not in cache:
            cache[key] = print_pdf.page_texts(printed_file(path, paper, scheme))
        return cache[key]

    return _text
