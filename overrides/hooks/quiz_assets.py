"""Load the self-test's script and styles on the page that holds the quiz, and nowhere else.

The quiz block (generated into docs/revise/self-test.md from docs/data/quiz.yml) is an answer key
that reads whole without JavaScript. On a page that has it, this hook links
docs/assets/stylesheets/quiz.css and docs/assets/javascripts/quiz.js, which make it a scored quiz:
files from the site itself, never an inline script or event handler, so a strict Content
Security Policy holds. It fails the build if either file is missing.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from mkdocs.exceptions import PluginError

SCRIPT = "assets/javascripts/quiz.js"
STYLES = "assets/stylesheets/quiz.css"
QUIZ_MARKUP = '<div class="quiz">'


def on_post_page(output: str, page, config) -> str:
    if QUIZ_MARKUP not in output:
        return output
    missing = [path for path in (SCRIPT, STYLES) if not (Path(config.docs_dir) / path).is_file()]
    if missing:
        raise PluginError(f"{page.file.src_uri} has a quiz but docs/{missing[0]} is missing; restore it "
                          f"(`git checkout -- docs/{missing[0]}`)")
    here = posixpath.dirname(page.url) or "."
    head = f'<link rel="stylesheet" href="{posixpath.relpath(STYLES, here)}">\n</head>'
    body = f'<script src="{posixpath.relpath(SCRIPT, here)}" defer></script>\n</body>'
    return output.replace("</head>", head, 1).replace("</body>", body, 1)
