"""Link a feature's script and styles into the pages that hold its block, and nowhere else.

Each block is generated from the data and reads whole without JavaScript: the self-test
(docs/revise/self-test.md, a practice sheet that quiz.js makes a scored quiz), the on-screen
flashcards (docs/revise/flashcards.md, a list of questions that flashcards.js shows one card at a
time), the lab (docs/beyond/lab.md, exercises with their answers that lab.js makes a command
line) and the lab's embeds (on the pages docs/data/lab.yml names, steps with their answers that
lab.js runs one by one); and every diagram's "Open the diagram full size" link (diagram-viewer.js
opens the drawing in the page to zoom and pan; without it the link opens the SVG file). On a page
that has a block, `linked` adds its stylesheets to the head and its scripts,
deferred, to the end of the body: files from the site itself, never inline code, so the strict
Content Security Policy holds. A missing file fails the build with the command that restores it.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

ASSETS = {  # the block's opening markup -> its files under docs/
    '<div class="quiz">': ("assets/stylesheets/quiz.css", "assets/javascripts/quiz.js"),
    '<div class="flashdeck">': ("assets/javascripts/flashcards.js",),
    '<div class="lab-app"': ("assets/stylesheets/lab.css", "assets/javascripts/lab.js"),
    '<div class="lab-embed"': ("assets/stylesheets/lab.css", "assets/javascripts/lab.js"),
    '<a class="diagram-full-size"': ("assets/javascripts/diagram-viewer.js",),
}


class MissingAsset(Exception):
    """A page holds a block whose file is not in docs/; the message says how to restore it."""


def _tag(path: str, here: str) -> str:
    href = posixpath.relpath(path, here)
    return f'<script src="{href}" defer></script>' if path.endswith(".js") else f'<link rel="stylesheet" href="{href}">'


def linked(output: str, page_url: str, source: str, docs_dir: Path) -> str:
    """The built page `output` (at `page_url`, built from docs/`source`) with its blocks' files linked."""
    files = list(dict.fromkeys(path for markup, paths in ASSETS.items() if markup in output for path in paths))
    missing = [path for path in files if not (docs_dir / path).is_file()]
    if missing:
        raise MissingAsset(f"{source} needs docs/{missing[0]}, which is missing; restore it "
                           f"(`git checkout -- docs/{missing[0]}`)")
    here = posixpath.dirname(page_url) or "."
    head = "".join(_tag(path, here) + "\n" for path in files if path.endswith(".css"))
    body = "".join(_tag(path, here) + "\n" for path in files if path.endswith(".js"))
    return output.replace("</head>", head + "</head>", 1).replace("</body>", body + "</body>", 1)
