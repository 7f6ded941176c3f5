"""Link a feature's script and styles into the one page that uses it, and nowhere else.

A hook names the markup that marks the feature and its two files; `linked` adds a stylesheet
`<link>` to the head and a deferred `<script src>` to the end of the body of a page that has the
markup: files from the site itself, never inline code, so the strict Content Security Policy
holds. A missing file fails the build with the command that restores it.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from mkdocs.exceptions import PluginError


def linked(output: str, page, config, *, markup: str, script: str, styles: str, feature: str) -> str:
    """`output` with `styles` and `script` linked when it contains `markup`; unchanged otherwise."""
    if markup not in output:
        return output
    missing = [path for path in (script, styles) if not (Path(config.docs_dir) / path).is_file()]
    if missing:
        raise PluginError(f"{page.file.src_uri} has {feature} but docs/{missing[0]} is missing; restore it "
                          f"(`git checkout -- docs/{missing[0]}`)")
    here = posixpath.dirname(page.url) or "."
    head = f'<link rel="stylesheet" href="{posixpath.relpath(styles, here)}">\n</head>'
    body = f'<script src="{posixpath.relpath(script, here)}" defer></script>\n</body>'
    return output.replace("</head>", head, 1).replace("</body>", body, 1)
