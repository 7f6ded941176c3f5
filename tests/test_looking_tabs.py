"""The tabs of tests that only look at pages (conftest's looking_tab, behind reader_tab and print_tab):
the page as a reader sees it before its search is ready, and the browser's cache kept from page to
page; the tabs of tests that use a page (open_page) start search as a reader's browser does."""

from __future__ import annotations

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


def test_a_looking_tab_reuses_what_it_loaded_on_the_page_before(reader_tab):
    reader_tab("basics/image/")
    page = reader_tab("basics/container/")
    fetched = page.evaluate("""() => performance.getEntriesByType('resource')
        .filter(e => e.name.includes('/assets/stylesheets/') && e.transferSize > 0).map(e => e.name)""")
    assert fetched == [], (f"the second page fetched again the stylesheets the first had loaded: {fetched}; a looking "
                           "tab has no route (routing turns the cache off) and the local server lets files be cached "
                           "(CACHE_CONTROL in scripts/site_tools/local_server.py)")
