"""The external link checker's logic, against a local server (the suite never uses the network)."""

from __future__ import annotations

import http.server
import threading
import time

import pytest
import requests

import check_external_links as external


class Handler(http.server.BaseHTTPRequestHandler):
    def do_HEAD(self):
        if self.path == "/ok":
            self.send_response(200)
        elif self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
        elif self.path == "/slow":
            time.sleep(1.5)
            self.send_response(200)
        elif self.path == "/no-head":
            self.send_response(405)
        else:
            self.send_response(404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self):
        if self.path == "/no-head":
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            self.do_HEAD()

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def check(url: str, **options) -> external.Result:
    settings = {"timeout": 0.5, "retries": 0, "pacer": external.HostPacer(0)} | options
    return external.check_url(requests.Session(), url, **settings)


def test_a_page_that_answers_200_is_fine(server):
    assert check(f"{server}/ok") == external.Result(f"{server}/ok", True, "HTTP 200")


def test_a_missing_page_is_broken_with_its_status(server):
    assert check(f"{server}/missing") == external.Result(f"{server}/missing", False, "HTTP 404")


def test_a_redirect_is_followed_and_reported(server):
    result = check(f"{server}/moved")
    assert result.ok and result.reason == f"HTTP 200 (redirected to {server}/ok)"


def test_a_slow_page_times_out_after_every_retry(server):
    result = check(f"{server}/slow", retries=1)
    assert not result.ok and result.reason == "timed out after 0.5 s (2 attempts)"


def test_a_server_that_refuses_head_is_asked_with_get(server):
    assert check(f"{server}/no-head").ok


def test_requests_to_one_host_are_spaced_by_the_delay():
    now = [0.0]
    slept = []
    pacer = external.HostPacer(1.0, clock=lambda: now[0], sleep=lambda s: slept.append(s))
    pacer.wait("https://docs.docker.com/a")
    now[0] = 0.25
    pacer.wait("https://docs.docker.com/b")
    pacer.wait("https://github.com/opencontainers/image-spec")
    assert slept == [0.75]


def test_links_are_collected_from_the_built_site_without_placeholders(built_site):
    links = external.external_links(built_site.site)
    assert "https://docs.docker.com/engine/storage/drivers/" in links
    assert not [url for url in links if url.startswith(tuple(external.SKIPPED))]


def test_every_cited_source_is_a_primary_source(built_site):
    """Content links go to the Docker docs or the OCI specs; anything else needs a reason here."""
    other = {"https://squidfunk.github.io/mkdocs-material/"}  # Material's "Made with" footer
    links = external.external_links(built_site.site)
    assert [u for u in links if not u.startswith(("https://docs.docker.com/", "https://github.com/opencontainers/", *other))] == []
