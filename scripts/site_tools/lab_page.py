"""The lab's generated blocks: the lab page's exercises as an answer key and the refusals the lab
shows, and the small lab embedded in a page (its steps, and its prediction with the answer).

Each reads whole without JavaScript (and printed); docs/assets/javascripts/lab.js turns each
`.lab-exercise` into a predict-then-run exercise and each `.lab-embed` into a lab run step by step,
finding their commands in the lab's JSON by id.
"""

from __future__ import annotations

import posixpath

from site_tools.data_file import DataError
from site_tools.lab_data import LAB_PAGE
from site_tools.renderings import NOT_SEARCHED, inline, line_start, linked_inline, source_label


def _page_link(taught_at: str, here: str = LAB_PAGE) -> str:
    page, _, anchor = taught_at.partition("#")
    return posixpath.relpath(page, posixpath.dirname(here)) + (f"#{anchor}" if anchor else "")


def _commands(commands: list[str]) -> str:
    return ", then ".join(f"`docker {command}`" for command in commands)


def exercises(lab: dict) -> str:
    """Each exercise: its set-up, its question and choices, then its answer, why, and where it is taught."""
    lines = ['<div class="lab-exercises" markdown>', ""]
    for number, ex in enumerate(lab["exercises"], start=1):
        lines += _exercise(ex, f"{number}.", f"lab-{ex['id']}", LAB_PAGE)
    return "\n".join([*lines, "</div>"])


def _exercise(ex: dict, lead: str, element_id: str, here: str) -> list[str]:
    """One exercise's lines: its question (after `lead`), set-up and choices, then its answer and why."""
    setup = f"After {_commands(ex['setup'])}, you run `docker {ex['command']}`." if ex["setup"] else \
        f"On a fresh machine, you run `docker {ex['command']}`."
    lines = [f'<div class="lab-exercise" id="{element_id}" data-answer="{ex["answer"]}" markdown>', "",
             f"**{lead} {linked_inline(ex['question'])}**", "", setup, ""]
    lines += [f"{index}. {line_start(linked_inline(choice))}" for index, choice in enumerate(ex["choices"], start=1)]
    return lines + ["", f'<div class="lab-answer" {NOT_SEARCHED} markdown>', "",
                    f"**Answer: {ex['answer']}.** {linked_inline(ex['choices'][ex['answer'] - 1])}", "",
                    f"{line_start(linked_inline(ex['explanation']))} [Where it is taught]({_page_link(ex['taught_at'], here)}).",
                    "", "</div>", "", "</div>", ""]


def embed(lab: dict, page: str) -> str:
    """The small lab on docs/`page`: a heading, its steps (each command and what it shows), then the
    prediction asked before a step, with its answer; lab.js runs the steps one by one."""
    found = [e for e in lab["embeds"] if e["page"] == page]
    if not found:
        raise DataError(f"docs/{page}: a `<!-- generated:lab-embed -->` block, but no embed in docs/data/lab.yml "
                        f"has `page: {page}`; add one under embeds, or remove the block")
    e, exercises = found[0], {ex["id"]: ex for ex in lab["exercises"]}
    lines = [f'<div class="lab-embed" id="lab-embed-{e["id"]}" data-embed="{e["id"]}" markdown>', "",
             f"## {inline(e['title'])}", "",
             f"{line_start(linked_inline(e['intro']))} Without Docker: the lab simulates it in this page "
             f"([the full lab]({_page_link(LAB_PAGE, page)}) has every command and more exercises).", ""]
    for number, step in enumerate(e["steps"], start=1):
        ask = " Predict what it does first (below)." if "predict" in step else ""
        lines.append(f"{number}. Run `docker {step['command']}`.{ask} "
                     f'<span class="lab-shows">{linked_inline(step["shows"])}</span>')
    lines.append("")
    for number, step in enumerate(e["steps"], start=1):
        if "predict" in step:
            lines += _exercise(exercises[step["predict"]], f"Before step {number}, predict:",
                               f"lab-embed-{e['id']}-predict", page)
    return "\n".join([*lines, "</div>"])


def refusals(lab: dict) -> str:
    """A table: the command, when Docker refuses it, and its message, with the source."""
    rows = ["| Command | Refused when | Docker says |", "| --- | --- | --- |"]
    for refusal in lab["refusals"]:
        when = ", ".join(f"`{condition}`" for condition in refusal["when"])
        rows.append(f"| `docker {refusal['command']}` | {when} | {inline(refusal['message'])} "
                    f"([{source_label(refusal['source'])}]({refusal['source']})) |")
    return "\n".join(rows)
