"""The diagrams' cache key, computed from every input that changes a drawing; nothing is set by hand.

mermaid_render.py files each drawing under `cache_key(source, fingerprint())`. The fingerprint
covers, besides the diagram's own source:

- the renderer's code: RENDERER_CODE (mermaid_render.py holds the JavaScript run in the browser,
  the font stack and the label sizes; svg_check.py decides what a drawing must pass; browser.py
  the browser's launch flags). A Python file counts by its syntax tree (`ast.dump`), so a comment
  or a rewrapped line redraws nothing, while any change to code or to a string (a JavaScript
  snippet) does. There is no version number to forget to bump, and two branches that change the
  renderer differently get different keys;
- Mermaid as installed: its version, and its integrity hash in package-lock.json;
- Material: its version, the settings read from its bundle (what it passes to
  `mermaid.initialize()`), and its two stylesheets the drawing page loads (whose light palette
  fills the standalone SVG);
- the fonts: every font file fontconfig lists for a family of mermaid_render.FONT_STACK, with its
  size (a font added, removed or updated changes what Mermaid measures).

Left out on purpose: the Chromium that draws. It is found on the machine, not pinned by a lock,
and a build whose drawings are all cached must not need one (mermaid_render.py's promise: no
browser launched); Mermaid's layout depends on the text widths, which the pinned fonts fix.

A restored CI cache (`.github/workflows/ci.yml`, restored by prefix) therefore cannot serve a
stale drawing: an entry made by other code, another Mermaid or Material, or other fonts has
another file name and is never looked up. Standard library only.
"""

from __future__ import annotations

import ast
import hashlib
import json
import shutil
import subprocess
from pathlib import Path

TOOLS = Path(__file__).resolve().parent
ROOT = TOOLS.parents[1]
RENDERER_CODE = (TOOLS / "mermaid_render.py", TOOLS / "svg_check.py", TOOLS / "browser.py", Path(__file__).resolve())


def code_digest(path: Path) -> str:
    """SHA-256 of a file of the renderer: a Python file's syntax tree (comments and layout aside), else its bytes."""
    data = path.read_bytes()
    if path.suffix == ".py":
        data = ast.dump(ast.parse(data, filename=str(path))).encode("utf-8")
    return hashlib.sha256(data).hexdigest()


def locked_integrity(package: str, lock: Path = ROOT / "package-lock.json") -> str:
    """The integrity hash package-lock.json records for `node_modules/<package>` ('' when it has none)."""
    try:
        packages = json.loads(lock.read_text(encoding="utf-8"))["packages"]
    except (OSError, ValueError, KeyError):
        return ""
    return packages.get(f"node_modules/{package}", {}).get("integrity", "")


def font_files(font_stack: str) -> list[str]:
    """`path size` of every font file fontconfig has for a family named in the CSS `font_stack`, sorted."""
    families = {name.strip().strip("'\"").lower() for name in font_stack.split(",")}
    if shutil.which("fc-list") is None:
        return ["no fc-list"]
    listed = subprocess.run(["fc-list", ":", "family", "file"], capture_output=True, text=True).stdout
    found = set()
    for line in listed.splitlines():
        file, _, names = line.partition(": ")
        if families & {name.strip().lower() for name in names.split(",")}:
            path = Path(file)
            found.add(f"{path} {path.stat().st_size if path.is_file() else 'gone'}")
    return sorted(found)


def fingerprint(*, mermaid: str, material: str, settings: str, stylesheets: list[Path], font_stack: str,
                code: tuple[Path, ...] = RENDERER_CODE) -> str:
    """SHA-256 over every input of a drawing except its source (see the module docstring)."""
    parts = [f"code {path.name} {code_digest(path)}" for path in code]
    parts += [f"mermaid {mermaid} {locked_integrity('mermaid')}", f"material {material}", f"settings {settings}"]
    parts += [f"stylesheet {path.name} {hashlib.sha256(path.read_bytes()).hexdigest()}" for path in stylesheets]
    parts += [f"font {line}" for line in font_files(font_stack)]
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


def cache_key(source: str, renderer_fingerprint: str) -> str:
    """The key a drawing of `source` is filed under (also the name of its SVG id and standalone file)."""
    return hashlib.sha256(f"{renderer_fingerprint}\0{source}".encode("utf-8")).hexdigest()
