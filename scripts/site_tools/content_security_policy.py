"""The Content-Security-Policy of a built page, computed from the page itself.

The site is hosted where response headers cannot be set (GitHub Pages), so the policy goes in a
`<meta http-equiv="Content-Security-Policy">` at the top of `<head>`, before any script, style
or link it governs. overrides/hooks/policy_meta.py adds it to every built page.

Scripts run only from the site itself plus the inline scripts actually in the page, each
allowed by its SHA-256 hash (no 'unsafe-inline' for scripts, so an injected `<script>` or
`onerror=` does not run). Inline `<style>` elements are allowed by hash the same way, and style
attributes only where the page has one. The exception is a page where Mermaid draws diagrams
in the reader's browser: Material inserts each drawing, whose `<style>` element and style
attributes depend on the reader's palette, so no build-time hash can match them; those pages
allow inline styles ('unsafe-inline' for style-src-elem and style-src-attr, never for
scripts). CSS cannot run script, and with img-src and font-src limited to the site it cannot
send data elsewhere. Once diagrams are drawn at build time, their styles are in the HTML and
get hashes like any other.
Under `mkdocs serve` (live_reload=True) scripts may also be inline: MkDocs injects its
live-reload script, with a fresh timestamp, into every page as it serves it, so no hash made
at build time can match it. Only the built site is published, and it never has that exception.
A meta policy cannot set frame-ancestors (nor report-uri or sandbox); browsers ignore them
there, so framing can only be refused by headers the host would have to send.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from html.parser import HTMLParser

META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*"\s*/?>\n?', re.IGNORECASE)
HEAD = re.compile(r"<head\b[^>]*>\s*(<meta charset=[^>]*>\s*)?", re.IGNORECASE)
LOADS = re.compile(r"<(script|style|link)\b", re.IGNORECASE)
# Script types the browser runs (and CSP governs); other types, such as JSON, are data blocks.
SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module", "importmap"}
# A diagram Mermaid draws in the reader's browser (Material replaces it with the drawing).
RUNTIME_DIAGRAM = re.compile(r'<pre\b[^>]*\bclass="mermaid"')


class PolicyError(Exception):
    """The page cannot carry a policy; str(error) says why."""


class _InlineCode(HTMLParser):
    """Collects the text of inline scripts and styles, and whether any element has a style attribute."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self.style_attributes = False
        self._open: tuple[list[str], list[str]] | None = None  # (destination, chunks)
        self._svg_depth = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.style_attributes |= "style" in attributes
        if tag == "svg":
            self._svg_depth += 1
        elif tag == "script" and "src" not in attributes and (attributes.get("type") or "").lower() in SCRIPT_TYPES:
            self._open = (self.scripts, [])
        elif tag == "style":
            self._open = (self.styles, [])

    def handle_startendtag(self, tag, attrs):
        self.style_attributes |= "style" in dict(attrs)

    def handle_data(self, data):
        if self._open is not None:
            self._open[1].append(data)

    def handle_endtag(self, tag):
        if tag == "svg":
            self._svg_depth -= 1
        elif tag in ("script", "style") and self._open is not None:
            destination, chunks = self._open
            text = "".join(chunks)
            # In SVG, <style> is not raw text: the browser decodes character references first.
            destination.append(html.unescape(text) if tag == "style" and self._svg_depth else text)
            self._open = None


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def policy(page: str, live_reload: bool = False) -> str:
    """The policy for the HTML `page` (without any policy it already has)."""
    found = _InlineCode()
    found.feed(page)
    found.close()
    scripts = "'unsafe-inline'" if live_reload else " ".join(dict.fromkeys(map(_hash, found.scripts)))
    runtime_styles = RUNTIME_DIAGRAM.search(page) is not None
    style_elements = "'unsafe-inline'" if runtime_styles else " ".join(dict.fromkeys(map(_hash, found.styles)))
    style_attributes = "'unsafe-inline'" if runtime_styles or found.style_attributes else "'none'"
    directives = {
        "default-src": "'self'",
        "script-src": f"'self' {scripts}",
        "style-src": "'self'",
        "style-src-elem": f"'self' {style_elements}",
        "style-src-attr": style_attributes,
        "img-src": "'self' data:",  # Material's icons are data: SVGs in its CSS
        "font-src": "'self'",
        # The site's service worker (offline copy) and Material's search worker; said outright,
        # not left to fall back to script-src, whose hashes mean nothing for a worker.
        "worker-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'none'",  # the only form, search, never submits
    }
    return "; ".join(f"{name} {value.strip()}" for name, value in directives.items())


def with_policy(page: str, live_reload: bool = False) -> str:
    """`page` with its policy as the first element of <head> after the charset (replacing any old one)."""
    page = META.sub("", page)
    head = HEAD.search(page)
    if head is None:
        raise PolicyError("no <head> to put the Content-Security-Policy in")
    earlier = LOADS.search(page, 0, head.end())
    if earlier is not None:
        raise PolicyError(f"a <{earlier.group(1)}> comes before <head>, where the policy cannot govern it")
    meta = f'<meta http-equiv="Content-Security-Policy" content="{html.escape(policy(page, live_reload), quote=False)}">\n'
    return page[:head.end()] + meta + page[head.end():]
