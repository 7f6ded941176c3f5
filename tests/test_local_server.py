"""The local server the tests, the PDFs and the benchmark load the site from answers as GitHub Pages
does (scripts/site_tools/local_server.py)."""

from __future__ import annotations

import urllib.request


def answer(url: str, **headers: str):
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers)) as response:
        return response.headers, response.read()


def test_every_file_may_be_kept_by_the_browser_for_ten_minutes(site_url):
    for path, encoding in (("index.html", "gzip"), ("assets/images/favicon.png", "gzip"), ("index.html", "identity")):
        headers, _ = answer(site_url + path, **{"Accept-Encoding": encoding})
        assert headers["Cache-Control"] == "max-age=600" and headers["Last-Modified"], (
            f"/{path} ({encoding}) came with Cache-Control {headers['Cache-Control']!r} and Last-Modified "
            f"{headers['Last-Modified']!r}: GitHub Pages sends max-age=600 and a date "
            "(CACHE_CONTROL in scripts/site_tools/local_server.py)")


def test_text_files_are_sent_gzip_compressed_to_a_browser_that_accepts_it(site_url):
    headers, body = answer(site_url + "index.html", **{"Accept-Encoding": "gzip, deflate, br"})
    assert headers["Content-Encoding"] == "gzip" and body[:2] == b"\x1f\x8b", (
        "the home page was sent uncompressed to a browser that accepts gzip: page weights measured here would not "
        "be those a reader gets (COMPRESSED_TYPES in scripts/site_tools/local_server.py)")
