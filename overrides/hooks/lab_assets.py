"""The lab: its script and styles on the page that holds it only, and its data published as JSON.

The page docs/beyond/lab.md has `<div class="lab-app">`; this hook links
docs/assets/javascripts/lab.js and docs/assets/stylesheets/lab.css there (site_tools.page_assets),
and publishes assets/javascripts/lab-data.json, made at every build from docs/data/lifecycle.yml
and docs/data/lab.yml (site_tools.lab_data): the lab's state machine is the lifecycle's data,
never a copy in the script. Bad data stops the build with the data file's one-line message.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

import _scripts  # noqa: F401  (puts scripts/ on sys.path)
from site_tools import lab_data, page_assets
from site_tools.data_file import DataError


def on_files(files: Files, config) -> Files:
    try:
        text = lab_data.model_json()
    except DataError as error:
        raise PluginError(str(error)) from None
    files.append(File.generated(config, lab_data.DATA_URI, content=text))
    return files


def on_post_page(output: str, page, config) -> str:
    return page_assets.linked(output, page, config, markup='<div class="lab-app"', feature="the lab",
                              script="assets/javascripts/lab.js", styles="assets/stylesheets/lab.css")
