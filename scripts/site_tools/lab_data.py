"""The lab's data: docs/data/lab.yml checked against the lifecycle and the pages, and the JSON the lab script loads.

The lab script (docs/assets/javascripts/lab.js) holds no Docker facts of its own: the container
states and transitions come from lifecycle.yml, and the images, the Dockerfile, the refusals and
the exercises from lab.yml. `model()` joins them into one document, which the build publishes as
assets/javascripts/lab-data.json (overrides/hooks/lab_assets.py).
"""

from __future__ import annotations

import json
from pathlib import Path

from site_tools import site_data
from site_tools.data_file import ROOT, DataError, display_path, line_of, load_document

LAB_FILE = site_data.DATA / "lab.yml"
LAB_PAGE = "beyond/lab.md"  # the page that holds the lab; `taught_at` links start from it
DATA_URI = "assets/javascripts/lab-data.json"  # where the build publishes model()
# Conditions a refusal may name besides the container states of lifecycle.yml.
EMBED_BLOCK = "<!-- generated:lab-embed"  # the block an embed's page holds (scripts/generate_pages.py)
IMAGE_CONDITIONS = ("image-used", "image-used-by-running", "image-multiple-refs", "name-taken")


def lab(path: Path = LAB_FILE, docs: Path = ROOT / "docs") -> dict:
    """lab.yml, validated against its schema, lifecycle.yml and the pages it links."""
    data, root = load_document(path, site_data.DATA / "lab.schema.json",
                               unique={"images": "name", "exercises": "id", "embeds": "id"})
    states = {state.state for state in site_data.lifecycle(docs / "data" / site_data.LIFECYCLE_FILE.name).states}
    names = {image["name"] for image in data["images"]}
    problems = []

    def problem(where: list, text: str) -> None:
        problems.append(f"{display_path(path)}:{line_of(root, where)}: {text}")

    if data["build"]["from"] not in names:
        problem(["build", "from"], f"'from' names image '{data['build']['from']}', which is not under images; "
                                   f"use one of {', '.join(sorted(names))}")
    for index, refusal in enumerate(data["refusals"]):
        for condition in refusal["when"]:
            if condition not in states and condition not in IMAGE_CONDITIONS:
                problem(["refusals", index, "when"], f"refusal {index + 1}: 'when' names '{condition}', which is neither "
                        f"a state of lifecycle.yml nor one of {', '.join(IMAGE_CONDITIONS)}; fix the name")
    for index, exercise in enumerate(data["exercises"]):
        if exercise["answer"] > len(exercise["choices"]):
            problem(["exercises", index, "answer"], f"exercise {index + 1}: 'answer' is {exercise['answer']} but there "
                    f"are {len(exercise['choices'])} choices; give the number of the right choice, counting from 1")
        page = exercise["taught_at"].split("#")[0]
        if not (docs / page).is_file():
            problem(["exercises", index, "taught_at"], f"exercise {index + 1}: 'taught_at' names docs/{page}, which "
                    "does not exist; give a page path relative to docs/")
    _check_embeds(data, docs, problem)
    if problems:
        raise DataError("\n".join(problems))
    return data


def _check_embeds(data: dict, docs: Path, problem) -> None:
    """Each embed's page exists and holds its block; a `predict` names an exercise whose set-up is the
    steps before it and whose command is this step, so the embed asks it in the state it is about."""
    exercises = {exercise["id"]: exercise for exercise in data["exercises"]}
    pages = [embed["page"] for embed in data["embeds"]]
    for index, embed in enumerate(data["embeds"]):
        where = ["embeds", index]
        page = docs / embed["page"]
        if pages.count(embed["page"]) > 1:
            problem([*where, "page"], f"embed '{embed['id']}': page docs/{embed['page']} has another embed; "
                    "give each page one embed")
        if not page.is_file():
            problem([*where, "page"], f"embed '{embed['id']}': page docs/{embed['page']} does not exist; "
                    "give a page path relative to docs/")
        elif EMBED_BLOCK not in page.read_text(encoding="utf-8"):
            problem([*where, "page"], f"embed '{embed['id']}': docs/{embed['page']} has no `{EMBED_BLOCK} -->` "
                    "block; add one (with its `<!-- end generated:lab-embed -->` line) where the lab should be")
        for number, step in enumerate(embed["steps"]):
            if "predict" not in step:
                continue
            exercise = exercises.get(step["predict"])
            before = [s["command"] for s in embed["steps"][:number]]
            if exercise is None:
                problem([*where, "steps", number, "predict"], f"embed '{embed['id']}' step {number + 1}: 'predict' "
                        f"names exercise '{step['predict']}', which is not under exercises; use one of {', '.join(exercises)}")
            elif exercise["setup"] != before or exercise["command"] != step["command"]:
                problem([*where, "steps", number, "predict"], f"embed '{embed['id']}' step {number + 1}: exercise "
                        f"'{exercise['id']}' sets up {exercise['setup']} and runs '{exercise['command']}', but the steps "
                        f"before run {before} and this one '{step['command']}'; make them the same")


def model(docs: Path = ROOT / "docs") -> dict:
    """Everything the lab script needs: the lifecycle's states and transitions, and lab.yml (of `docs`, a docs/ folder)."""
    cycle = site_data.lifecycle(docs / "data" / site_data.LIFECYCLE_FILE.name)
    return {
        "states": [state.state for state in cycle.states],
        "before": site_data.BEFORE,
        "after": site_data.AFTER,
        "transitions": [{"from": list(t.sources), "to": t.to, "label": t.label} for t in cycle.transitions],
        **lab(docs / "data" / LAB_FILE.name, docs),
    }


def model_json(docs: Path = ROOT / "docs") -> str:
    return json.dumps(model(docs), separators=(",", ":"), ensure_ascii=False)
