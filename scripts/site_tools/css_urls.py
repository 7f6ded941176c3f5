"""Every address a stylesheet can load from, found by a CSS parser (tinycss2), not by regexes.

Shared by the link checker (scripts/check_links.py) and the drawing checks (svg_check.py).
"""

from __future__ import annotations

import tinycss2


def css_references(css_text: str) -> list[tuple[int, str]]:
    """(line, url) of every resource a stylesheet can load: url(), @import and image-set() strings."""
    found = []

    def walk(tokens):
        for token in tokens:
            if token.type == "url":
                found.append((token.source_line, token.value))
            elif token.type == "function" and token.lower_name in ("url", "image-set", "-webkit-image-set"):
                found.extend((t.source_line, t.value) for t in token.arguments if t.type == "string")
            elif token.type == "at-rule" and token.lower_at_keyword == "import":
                found.extend((t.source_line, t.value) for t in token.prelude if t.type == "string")
            for attribute in ("prelude", "content", "arguments"):
                if getattr(token, attribute, None):
                    walk(getattr(token, attribute))

    walk(tinycss2.parse_stylesheet(css_text, skip_comments=True, skip_whitespace=True))
    return found
