"""Check the pinned Mermaid; publish it for the browser only when diagrams cannot be drawn at build.

Mermaid comes from the npm lock (`node_modules/mermaid`, installed by `npm ci`); this hook fails
the build, with the command to run, when it is missing or is not the pinned version.

Diagrams are drawn at build time (overrides/hooks/mermaid_diagrams.py), so a published site holds
no Mermaid JavaScript: this hook drops mermaid2's loader (`docs/assets/javascripts/mermaid-loader.js`)
from the build. Only under `mkdocs serve` with no Chromium to draw with, it keeps the loader,
adds Mermaid's ESM entry point and chunks under `assets/javascripts/mermaid/`, and puts
`<link rel="modulepreload">` for the entry's static import graph on pages with a diagram.
"""

from __future__ import annotations

import json
import logging
import posixpath
import re
from pathlib import Path

from site_tools import mermaid_render
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

ROOT = Path(__file__).resolve().parents[2]
PACKAGE_JSON = ROOT / "package.json"
MERMAID_DIST = ROOT / "node_modules" / "mermaid" / "dist"
ENTRY = "mermaid.esm.min.mjs"
CHUNKS = Path("chunks") / "mermaid.esm.min"
SITE_DIR = "assets/javascripts/mermaid"  # mermaid-loader.js imports from here
LOADER = "assets/javascripts/mermaid-loader.js"  # mermaid2's `javascript:` in mkdocs.yml
# A static `import ... from "./x.mjs"`, `import "./x.mjs"` or `export ... from "./x.mjs"`
# (dynamic `import("./x.mjs")` calls are loaded on demand, by diagram type, and not followed).
STATIC_IMPORT = re.compile(r'(?:\bimport|\bexport)\s*(?:[\w*{}\s,$]+from\s*)?"(\./[^"]+\.mjs)"')
log = logging.getLogger("mkdocs.hooks.mermaid_assets")
_preloads: list[str] = []  # site URIs of the entry and its static import graph
_command = ["build"]


def on_startup(command: str, dirty: bool) -> None:
    _command[0] = command


def pinned_version() -> str:
    return json.loads(PACKAGE_JSON.read_text())["dependencies"]["mermaid"]


def installed_version() -> str | None:
    manifest = MERMAID_DIST.parent / "package.json"
    return json.loads(manifest.read_text())["version"] if manifest.is_file() else None


def on_config(config):
    pinned, installed = pinned_version(), installed_version()
    if installed is None:
        raise PluginError(
            f"{MERMAID_DIST.parent} is missing: run `npm ci` (or `python3 scripts/serve.py`) "
            f"to install Mermaid {pinned} from package-lock.json"
        )
    if installed != pinned:
        raise PluginError(
            f"node_modules has Mermaid {installed} but package.json pins {pinned}: run `npm ci`"
        )
    if not (MERMAID_DIST / ENTRY).is_file() or not (MERMAID_DIST / CHUNKS).is_dir():
        raise PluginError(f"Mermaid {installed} has no {ENTRY} with {CHUNKS}/: run `npm ci` again")
    if mermaid_render.client_side_fallback(_command[0]):
        log.info("no Chromium to draw diagrams with: Mermaid draws them in the browser (mkdocs serve only)")
        _preloads[:] = [f"{SITE_DIR}/{path.relative_to(MERMAID_DIST).as_posix()}" for path in static_graph(MERMAID_DIST / ENTRY)]
    return config


def static_graph(entry: Path) -> list[Path]:
    """The entry module and every module it imports statically, in discovery order."""
    found, pending = [], [entry.resolve()]
    while pending:
        module = pending.pop(0)
        if module in found:
            continue
        if not module.is_file():
            raise PluginError(f"{entry.name} imports {module.name}, which is not in {MERMAID_DIST}: run `npm ci` again")
        found.append(module)
        pending += [(module.parent / spec).resolve() for spec in STATIC_IMPORT.findall(module.read_text(encoding="utf-8"))]
    return found


def on_files(files: Files, config) -> Files:
    if not mermaid_render.client_side_fallback(_command[0]):
        loader = files.get_file_from_path(LOADER)
        if loader is None:
            raise PluginError(f"docs/{LOADER} is missing; it is the fallback for `mkdocs serve` without a Chromium")
        files.remove(loader)
        return files
    sources = [MERMAID_DIST / ENTRY, *sorted((MERMAID_DIST / CHUNKS).glob("*.mjs"))]
    for source in sources:
        uri = f"{SITE_DIR}/{source.relative_to(MERMAID_DIST).as_posix()}"
        files.append(File.generated(config, uri, abs_src_path=str(source)))
    return files


def on_post_page(output: str, page, config) -> str:
    if not mermaid_render.client_side_fallback(_command[0]) or '<pre class="mermaid">' not in output:
        return output
    here = posixpath.dirname(page.url) or "."
    links = "".join(f'<link rel="modulepreload" href="{posixpath.relpath(uri, here)}">' for uri in _preloads)
    return output.replace("</head>", f"{links}\n</head>", 1)
