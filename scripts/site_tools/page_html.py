"""The HTML a page's Markdown may produce: an allow-list of tags, attributes and addresses, enforced by nh3.

Raw HTML in Markdown, attribute lists (`{ onclick=... }`), link definitions and Markdown links all
end up as HTML, so the check runs on what the Markdown of a page renders to, includes expanded
(overrides/hooks/page_sources.py, at on_page_content, before any other hook adds its own markup):
the tags and attributes the pages use, and addresses that stay on the site or go over https to a
primary source (the data files' rule: scripts/site_tools/data_file.py). Everything else is refused,
naming the file and line it came from.

The deciding is done by nh3 (Python bindings of the Rust sanitizer ammonia, a well-kept HTML5
parser and allow-list), not by regexes: whatever nh3 takes out of the page is what is refused.
Only to name what was taken out, both versions are listed with the standard library's parser;
a construct that parser reads differently from a browser is still never trusted by the
Content-Security-Policy, which hashes only the scripts on its own allow-list.
"""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import nh3

from site_tools.data_file import source_problem

TAGS = {"a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del", "details",
        "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
        "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span", "strong", "sub", "summary",
        "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr",
        # controls a self-test or flashcards may show; never <form> (it could send data) nor formaction
        "button", "fieldset", "input", "label", "legend", "output"}
ATTRIBUTES = {
    "*": {"class", "id", "title", "lang", "role", "hidden"},  # hidden: a block a page script shows (the lab)
    "a": {"href", "download"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "ol": {"start"},
    "details": {"open"},
    "time": {"datetime"},
    "button": {"type", "disabled"},
    "input": {"type", "name", "value", "checked", "disabled"},
    "label": {"for"},
    "output": {"for"},
}
GENERIC_PREFIXES = {"data-", "aria-"}
URL_ATTRIBUTES = {"href", "src"}


def value_problem(tag: str, attribute: str, value: str) -> str | None:
    """Why `value` may not be the value of `attribute` on `tag` in a page, or None when it may."""
    if attribute in URL_ATTRIBUTES:
        parts = urlsplit(value.strip())
        if parts.scheme not in ("", "https"):
            return f"a {parts.scheme}: address; link a page of the site, or a primary source over https://"
        if parts.scheme or parts.netloc or value.strip().startswith("//"):
            return source_problem(value)  # https, a primary source: no look-alike host, no raw IP
        return None
    if attribute == "id" and value.startswith("__"):
        return "ids starting with '__' are Material's own (its settings, drawer and search); choose another id"
    if attribute.startswith("data-md"):
        return "data-md-* attributes drive Material's JavaScript; remove it"
    return None


class _Elements(HTMLParser):
    """Counts the tags and the (tag, attribute, value) triples of an HTML fragment."""

    def __init__(self, fragment: str) -> None:
        super().__init__()
        self.tags: Counter = Counter()
        self.attributes: Counter = Counter()
        self.feed(fragment)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags[tag] += 1
        for name, value in attrs:
            self.attributes[(tag, name, value or "")] += 1


def refusals(fragment: str) -> list[tuple[str, str]]:
    """(what was refused, a text to find it by in the source) for each kind of thing nh3 takes out of `fragment`."""
    refused: list[tuple[str, str]] = []

    def keep(tag: str, attribute: str, value: str) -> str | None:
        why = value_problem(tag, attribute, value)
        if why is not None:
            refused.append((f'<{tag} {attribute}="{value}">: {why}', value))
            return None
        return value

    cleaned = nh3.clean(fragment, tags=TAGS, attributes=ATTRIBUTES, attribute_filter=keep, generic_attribute_prefixes=GENERIC_PREFIXES,
                        link_rel=None, strip_comments=False, url_schemes={"https"})
    before, after = _Elements(fragment), _Elements(cleaned)
    for tag in before.tags - after.tags:
        refused.append((f"<{tag}> is not allowed in a page", f"<{tag}"))
    for tag, attribute, value in before.attributes - after.attributes:
        if tag in after.tags:  # an attribute of a tag that was itself refused adds nothing
            if not any(value == found for _, found in refused):
                refused.append((f'<{tag} {attribute}="{value[:60]}"> is not allowed in a page', value or attribute))
    return refused


def located(refusal: tuple[str, str], sources: list[Path], name_of) -> str:
    """The refusal as one line `file:line: what; fix`, the line the first one of `sources` holding its text."""
    what, needle = refusal
    fix = ("use Markdown, or only the tags and attributes allowed in scripts/site_tools/page_html.py; links go to a page "
           "of the site or over https to a primary source")
    for source in sources:
        lines = source.read_text(encoding="utf-8").split("\n")
        for number, line in enumerate(lines, start=1):
            if needle and needle.lower() in line.lower():
                return f"{name_of(source)}:{number}: {what}; {fix}"
    return f"{name_of(sources[0])}: {what}; {fix}"
