"""Load a page's own script and styles on the pages that hold its block, and nowhere else.

Each block is generated from the data and reads whole without JavaScript: the self-test
(docs/revise/self-test.md, an answer key that quiz.js makes a scored quiz) and the on-screen
flashcards (docs/revise/flashcards.md, a list of questions that flashcards.js shows one card at a
time to flip and grade). On a page that has a block, this hook links its files: files from the
site itself, never an inline script or event handler, so a strict Content Security Policy holds.
It fails the build if one of them is missing.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from mkdocs.exceptions import PluginError

ASSETS = {  # the block's opening tag -> its files under docs/
    '<div class="quiz">': ("assets/stylesheets/quiz.css", "assets/javascripts/quiz.js"),
    '<div class="flashdeck">': ("assets/javascripts/flashcards.js",),
}


def _tag(path: str, here: str) -> str:
    href = posixpath.relpath(path, here)
    return f'<script src="{href}" defer></script>' if path.endswith(".js") else f'<link rel="stylesheet" href="{href}">'


def on_post_page(output: str, page, config) -> str:
    files = [path for markup, paths in ASSETS.items() if markup in output for path in paths]
    missing = [path for path in files if not (Path(config.docs_dir) / path).is_file()]
    if missing:
        raise PluginError(f"{page.file.src_uri} needs docs/{missing[0]}, which is missing; restore it "
                          f"(`git checkout -- docs/{missing[0]}`)")
    here = posixpath.dirname(page.url) or "."
    head = "".join(_tag(path, here) + "\n" for path in files if path.endswith(".css"))
    body = "".join(_tag(path, here) + "\n" for path in files if path.endswith(".js"))
    return output.replace("</head>", head + "</head>", 1).replace("</body>", body + "</body>", 1)
