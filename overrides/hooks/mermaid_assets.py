"""Publish the locked Mermaid ESM build with the site, so diagrams never need a CDN.

Mermaid comes from the npm lock (`node_modules/mermaid`, installed by `npm ci`). This hook adds
its ESM entry point and chunk files to the build under `assets/javascripts/mermaid/`, where
`docs/assets/javascripts/mermaid-loader.js` imports them on pages that have a diagram. It
fails the build, with the command to run, when Mermaid is missing or is not the pinned version.
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

ROOT = Path(__file__).resolve().parents[2]
PACKAGE_JSON = ROOT / "package.json"
MERMAID_DIST = ROOT / "node_modules" / "mermaid" / "dist"
ENTRY = "mermaid.esm.min.mjs"
CHUNKS = Path("chunks") / "mermaid.esm.min"
SITE_DIR = "assets/javascripts/mermaid"  # mermaid-loader.js imports from here


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
    return config


def on_files(files: Files, config) -> Files:
    sources = [MERMAID_DIST / ENTRY, *sorted((MERMAID_DIST / CHUNKS).glob("*.mjs"))]
    for source in sources:
        uri = f"{SITE_DIR}/{source.relative_to(MERMAID_DIST).as_posix()}"
        files.append(File.generated(config, uri, abs_src_path=str(source)))
    return files
