"""Offline use: after one visit online the whole site works with the network off, and a new build replaces it.

The network is really off: the local server that served the first visit is shut down (nothing
listens on its port any more) and the browser context is set offline, so a file the service
worker did not keep fails to load instead of quietly coming from the server.
"""

from __future__ import annotations

import contextlib
import shutil
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from site_pages import hooks, page_paths
from site_tools import local_server, offline_cache
from conftest import RECORD_VIOLATIONS
from test_content_security_policy import directives

CONTROLLED = "() => navigator.serviceWorker.controller !== null"
CACHED_URLS = """async () => {
    const names = await caches.keys();
    const kept = {};
    for (const name of names) kept[name] = (await (await caches.open(name)).keys()).map(r => r.url);
    return kept;
}"""
# Asks the browser to look for a new worker, then waits (up to 30 s) until one cache is left.
UPDATE_AND_WAIT_FOR_ONE_CACHE = """async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    const old = (await caches.keys())[0];
    await registration.update();
    for (let tries = 0; tries < 300; tries++) {
        const names = await caches.keys();
        if (names.length === 1 && names[0] !== old) return names;
        await new Promise(done => setTimeout(done, 100));
    }
    return caches.keys();
}"""


@dataclass
class Browser:
    """A browser context on one origin, with what went wrong in it: other origins asked for, failed loads."""

    context: object
    url: str
    foreign_requests: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    first_page: object = None

    def open(self, path: str):
        """`path` in a new tab."""
        page = self.context.new_page()
        page.on("requestfailed", lambda request: self.failures.append(f"{request.url}: {request.failure}"))
        page.on("console", lambda message: message.type == "error" and self.failures.append(message.text))
        page.on("pageerror", lambda error: self.failures.append(str(error)))
        page.goto(self.url + path, wait_until="load")
        return page


def first_visit(chromium, url: str, path: str = "", record: bool = True) -> tuple[Browser, object]:
    """A new browser context that opens `path` and waits until the service worker has kept the site.

    record=True routes every request, to record those to other origins (routing turns the browser's
    cache off); record=False leaves the cache on, as a reader's browser has it on GitHub Pages (every
    file cacheable for ten minutes; the tests' browser reaches no address but 127.0.0.1 anyway)."""
    context = chromium.new_context()
    context.add_init_script(RECORD_VIOLATIONS)
    browser = Browser(context, url)

    def route(route):
        if route.request.url.startswith(url):
            route.continue_()
        else:
            browser.foreign_requests.append(route.request.url)
            route.abort()

    if record:
        context.route("**/*", route)
    page = browser.open(path)
    with contextlib.suppress(PlaywrightTimeoutError):  # the tests say what is missing
        page.wait_for_function(CONTROLLED, timeout=30_000)
    return browser, page


@pytest.fixture(scope="module")
def offline(chromium, built_site):
    """A browser that visited the home page once online, and then lost the network."""
    with contextlib.ExitStack() as online:
        url = online.enter_context(local_server.serve(built_site.site))
        browser, page = first_visit(chromium, url)
        browser.first_page = page
    browser.context.set_offline(True)
    yield browser
    browser.context.close()


def test_the_first_visit_registers_a_worker_for_the_whole_site(offline):
    registration = offline.first_page.evaluate(
        "navigator.serviceWorker.getRegistration().then(r => r ? [r.scope, r.active && r.active.scriptURL] : null)")
    assert registration == [offline.url, offline.url + offline_cache.WORKER], (
        f"service worker registration: {registration}; check that mkdocs.yml's extra_javascript loads "
        f"assets/javascripts/offline.js and that the build wrote {offline_cache.WORKER} (overrides/hooks/offline_cache.py)")


def test_the_first_visit_keeps_every_page_and_the_search_index(offline):
    kept = offline.first_page.evaluate(CACHED_URLS)
    assert len(kept) == 1, f"expected one cache, found {list(kept)}"
    urls = next(iter(kept.values()))
    missing = [path for path in [*page_paths(), "search/search_index.json"] if offline.url + path not in urls]
    assert missing == [], f"not kept for offline use: {missing}"


def test_registering_the_worker_raises_no_policy_violation(offline, built_site):
    assert offline.first_page.evaluate("window.__violations") == []
    assert directives(built_site.site / "index.html")["worker-src"] == ["'self'"]


def test_the_offline_version_is_made_from_the_pages_as_published():
    """The worker's version hashes the built files: its hook must run after every hook that changes
    a page, the policy's last of all, or a new policy would leave readers on the old copy."""
    assert hooks()[-2:] == ["overrides/hooks/policy_meta.py", "overrides/hooks/offline_cache.py"], (
        f"mkdocs.yml's hooks end with {hooks()[-2:]}: keep policy_meta.py and then offline_cache.py last")


@pytest.mark.parametrize("path", page_paths())
def test_every_page_loads_with_the_network_off(offline, path):
    # A new tab per page: in one tab going from page to page, the last page's late requests (the
    # search worker) are cut off by the next navigation and read as this page's failures.
    offline.failures.clear()
    page = offline.open(path)
    assert page.locator("article h1").first.inner_text().strip(), f"/{path}: no heading offline"
    assert offline.failures == [], f"/{path} offline: {offline.failures}"
    assert page.evaluate("window.__violations") == []
    page.close()


def test_search_finds_a_known_word_and_opens_the_result_with_the_network_off(offline):
    page = offline.open("")
    page.keyboard.press("/")  # Material's search shortcut
    page.keyboard.type("writable layer")
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    with page.expect_navigation(timeout=15_000):
        page.click(".md-search-result__link >> nth=0")
    assert "?h=" in page.url, "a search result links to its page with the words to highlight"
    assert page.locator("article h1").first.inner_text().strip()
    page.close()


def test_the_self_test_scores_an_answer_with_the_network_off(offline):
    page = offline.open("revise/self-test/")
    page.wait_for_selector(".quiz--live")
    question = page.locator(".quiz-question").first
    question.locator("input[type=radio]").first.check()
    question.locator("button[type=submit]").click()
    assert "Answer:" in question.locator(".quiz-feedback").inner_text()
    page.close()


def test_no_request_goes_to_another_origin(offline):
    assert offline.foreign_requests == []


def test_a_changed_build_installs_a_new_version_and_deletes_the_old_cache(chromium, built_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built_site.site, site)
    conclusion = site / "revise/conclusion/index.html"
    with contextlib.ExitStack() as online:
        url = online.enter_context(local_server.serve(site))
        # The browser's cache on: the new worker must fetch the changed page afresh, not take the
        # copy the first visit left in it (service_worker.js: cache: "reload").
        browser, page = first_visit(chromium, url, "revise/conclusion/", record=False)
        (old_cache,) = page.evaluate(CACHED_URLS)
        conclusion.write_text(conclusion.read_text(encoding="utf-8").replace("</h1>", " (new build)</h1>", 1),
                              encoding="utf-8")
        new = offline_cache.write_worker(site)
        caches = page.evaluate(UPDATE_AND_WAIT_FOR_ONE_CACHE)
    browser.context.set_offline(True)
    page = browser.open("revise/conclusion/")
    assert page.locator("article h1").first.inner_text().endswith("(new build)"), (
        "offline, the changed page shows its old text: the new worker kept the copy in the browser's cache "
        "(fetch each URL with cache: \"reload\" in scripts/site_tools/service_worker.js)")
    assert old_cache not in caches and len(caches) == 1 and caches[0].endswith(new.version), caches
    browser.context.close()


def test_the_worker_keeps_neither_the_pdfs_nor_search_languages_nor_itself(tmp_path):
    for name in ("index.html", "basics/image/index.html", "pdf/revision-pack.pdf", offline_cache.WORKER,
                 "assets/javascripts/lunr/min/lunr.fr.min.js", "search/search_index.json"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    kept = offline_cache.precache(tmp_path, "template").urls
    assert sorted(kept) == ["./", "basics/image/", "search/search_index.json"]


def test_the_version_changes_with_any_kept_file(tmp_path):
    (tmp_path / "index.html").write_text("one", encoding="utf-8")
    before = offline_cache.precache(tmp_path, "template").version
    (tmp_path / "index.html").write_text("two", encoding="utf-8")
    assert offline_cache.precache(tmp_path, "template").version != before


# About 0.7 MB gzip to download on a phone's first visit (3.3 MB as stored) with 22 pages and the lab.
OFFLINE_BUDGET_BYTES = 4_000_000


def test_the_site_kept_offline_stays_under_its_budget(built_site):
    kept = offline_cache.precache(built_site.site, offline_cache.TEMPLATE.read_text(encoding="utf-8"))
    assert kept.size < OFFLINE_BUDGET_BYTES, f"{kept.size / 1e6:.1f} MB precached; leave out what students do not need " \
                                  "offline (NOT_PRECACHED in scripts/site_tools/offline_cache.py)"


def test_under_mkdocs_serve_the_worker_keeps_nothing(tmp_path):
    (tmp_path / "index.html").write_text("page", encoding="utf-8")
    assert offline_cache.write_worker(tmp_path, keep_site=False).urls == []
    assert '"urls": []' in (tmp_path / offline_cache.WORKER).read_text(encoding="utf-8")
