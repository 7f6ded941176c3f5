"""Publish the lab's data: assets/javascripts/lab-data.json, made at every build from
docs/data/lifecycle.yml and docs/data/lab.yml (site_tools.lab_data), so the lab's state machine is
the lifecycle's data, never a copy in the script. Bad data stops the build with the data file's
one-line message. The lab's script and styles are linked by page_assets.py, on the lab page only.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from site_tools import lab_data
from site_tools.data_file import DataError


def on_files(files: Files, config) -> Files:
    try:
        text = lab_data.model_json(Path(config.docs_dir))  # the build's own data, not the installed package's
    except DataError as error:
        raise PluginError(str(error)) from None
    files.append(File.generated(config, lab_data.DATA_URI, content=text))
    return files
