"""Publish the locked Mermaid ESM build with the site, so diagrams never need a CDN.

Mermaid comes from the npm lock (`node_modules/mermaid`, installed by `npm ci`). This hook adds
its ESM entry point and chunk files to the build under `assets/javascripts/mermaid/`, where
`docs/assets/javascripts/mermaid-loader.js` imports them on pages that have a diagram. On those
pages it also adds `<link rel="modulepreload">` for the entry's static import graph, so the
browser fetches those chunks in parallel instead of discovering them one level at a time. It
fails the build, with the command to run, when Mermaid is missing or is not the pinned version.
"""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

ROOT = Path(__file__).resolve().parents[2]
PACKAGE_JSON = ROOT / "package.json"
MERMAID_DIST = ROOT / "node_modules" / "mermaid" / "dist"
ENTRY = "mermaid.esm.min.mjs"
CHUNKS = Path("chunks") / "mermaid.esm.min"
SITE_DIR = "assets/javascripts/mermaid"  # mermaid-loader.js imports from here
# A static `import ... from "./x.mjs"`, `import "./x.mjs"` or `export ... from "./x.mjs"`
# (dynamic `import("./x.mjs")` calls are loaded on demand, by diagram type, and not followed).
STATIC_IMPORT = re.compile(r'(?:\bimport|\bexport)\s*(?:[\w*{}\s,$]+from\s*)?"(\./[^"]+\.mjs)"')
_preloads: list[str] = []  # site URIs of the entry and its static import graph


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
    sources = [MERMAID_DIST / ENTRY, *sorted((MERMAID_DIST / CHUNKS).glob("*.mjs"))]
    for source in sources:
        uri = f"{SITE_DIR}/{source.relative_to(MERMAID_DIST).as_posix()}"
        files.append(File.generated(config, uri, abs_src_path=str(source)))
    return files


def on_post_page(output: str, page, config) -> str:
    if 'class="mermaid"' not in output:
        return output
    here = posixpath.dirname(page.url) or "."
    links = "".join(f'<link rel="modulepreload" href="{posixpath.relpath(uri, here)}">' for uri in _preloads)
    return output.replace("</head>", f"{links}\n</head>", 1)
