"""Keep commands whole on a narrow screen: inline code breaks only at the spaces between its words.

Material lets inline code break anywhere once a word overflows (`word-break: break-word`), and the
browser breaks after `/`, `-` and `.` anyway, so a phone showed `docker build -t user/app:1.` and
then `0` on the next line. Each word of an inline code span that has such a break opportunity is
wrapped in `<span class="code-token">`, which site.css keeps on one line (`white-space: nowrap`):
a long command still wraps, between its words, and a table of commands scrolls sideways instead
(with the scroll cue site.css draws). A word longer than LONGEST characters (a whole reference
such as `[HOST[:PORT]/]NAMESPACE/REPOSITORY[:TAG]`) is left free to break: kept whole, it would
push the page wider than a phone. Code blocks (`<pre>`) are untouched: they scroll sideways.
Applied to each page's HTML by overrides/hooks/code_tokens.py.
"""

from __future__ import annotations

import html as html_text
import re

CLASS = "code-token"
# The longest word kept on one line: about 290 px of 16 px monospace, so it fits a 390 px phone's
# column, in a table cell or an admonition too.
LONGEST = 30
# A code block (skipped whole) or an inline code span with plain text only. Material writes bare
# <code> for inline code; one with attributes or markup inside (inlinehilite) is left alone.
BLOCK_OR_INLINE = re.compile(r"<pre\b.*?</pre>|<code>(?P<body>[^<]*)</code>", re.DOTALL)
# A character after or before which a browser may break a line inside a word.
BREAKS_INSIDE = re.compile(r"[^\w]")
WORDS = re.compile(r"(\s+)")


def _word(word: str) -> str:
    text = html_text.unescape(word)
    if len(text) < 2 or word.isspace() or len(text) > LONGEST or not BREAKS_INSIDE.search(text):
        return word
    return f'<span class="{CLASS}">{word}</span>'


def kept_whole(html: str) -> str:
    """The page's HTML with each breakable word of its inline code wrapped to stay on one line."""

    def wrap(match: re.Match) -> str:
        body = match["body"]
        if body is None:
            return match[0]
        return "<code>" + "".join(_word(part) for part in WORDS.split(body)) + "</code>"

    return BLOCK_OR_INLINE.sub(wrap, html)
