"""Load the self-test's script and styles on the page that holds the quiz, and nowhere else.

The quiz block (generated into docs/revise/self-test.md from docs/data/quiz.yml) is an answer key
that reads whole without JavaScript. On a page that has it, this hook links
docs/assets/stylesheets/quiz.css and docs/assets/javascripts/quiz.js, which make it a scored quiz:
files from the site itself, never an inline script or event handler, so a strict Content
Security Policy holds (site_tools.page_assets). It fails the build if either file is missing.
"""

from __future__ import annotations

import _scripts  # noqa: F401  (puts scripts/ on sys.path)
from site_tools import page_assets


def on_post_page(output: str, page, config) -> str:
    return page_assets.linked(output, page, config, markup='<div class="quiz">', feature="a quiz",
                              script="assets/javascripts/quiz.js", styles="assets/stylesheets/quiz.css")
