"""The README's commands set up what is missing, skip what is done, and name what cannot be had."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import ROOT

PREPARE = "import sys; sys.path.insert(0, 'scripts'); import dev_env; dev_env.main_guard(lambda: dev_env.prepare(with_browser=False))"


def test_a_second_setup_skips_everything_already_installed():
    subprocess.run([sys.executable, "-c", PREPARE], cwd=ROOT, capture_output=True, check=True)
    result = subprocess.run([sys.executable, "-c", PREPARE], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0
    assert result.stdout.splitlines() == ["setup: Python environment up to date (.venv)",
                                          "setup: npm packages up to date (node_modules)"]


def test_a_missing_prerequisite_stops_with_one_line_saying_what_to_install(tmp_path):
    result = subprocess.run([sys.executable, "scripts/serve.py"], cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, "PATH": str(tmp_path)})
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "setup: error: Node.js 20+ with npm is required: install it from your package manager or nodejs.org"]
