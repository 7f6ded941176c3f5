"""Serve a folder (a built site) over HTTP on 127.0.0.1, on a free port, in a background thread.

Shared by the tests, the PDF builder and the benchmark, which all load the built site the way
a browser does: from a server, not from files. It answers as GitHub Pages, where the site is
published, does: text files gzip-compressed to clients that accept it, so page weights and
Lighthouse scores measured here are those a reader gets, and every answer cacheable for ten
minutes (Cache-Control: max-age=600), so a browser going from page to page here reuses what it
has, as a reader's does (the offline copy's worker must fetch afresh: tests/test_offline.py).
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import os
import sys
import threading
from collections.abc import Iterator
from pathlib import Path


COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")
CACHE_CONTROL = "max-age=600"  # what GitHub Pages sends with every file (it lets no site set its own)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".mjs": "text/javascript"}

    def log_message(self, *args):  # one line per request would drown the output
        pass

    def end_headers(self):
        self.send_header("Cache-Control", CACHE_CONTROL)
        super().end_headers()

    def do_GET(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not self.path.split("?")[0].endswith("/"):
                return super().do_GET()  # redirects to the address with a trailing slash
            path = os.path.join(path, "index.html")
        content_type = self.guess_type(path)
        if (not os.path.isfile(path) or "gzip" not in self.headers.get("Accept-Encoding", "")
                or not content_type.startswith(COMPRESSED_TYPES)):
            return super().do_GET()
        modified = os.stat(path).st_mtime_ns
        body = _compressed(path, modified)
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Last-Modified", self.date_time_string(modified // 10**9))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@functools.lru_cache(maxsize=1024)
def _compressed(path: str, mtime_ns: int) -> bytes:
    """The gzip body of a file, made once per version of the file (like a host's cache)."""
    with open(path, "rb") as source:
        return gzip.compress(source.read(), 6)


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        """Say nothing when the browser went away mid-answer (a closed page, a service worker's
        downloads cut short); any other error is printed as usual."""
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve `folder` while the block runs; yields its base URL, ending in /."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = _Server(("127.0.0.1", 0), handler)
    # A short poll: shutdown() waits for the loop to notice, half a second at the default.
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
