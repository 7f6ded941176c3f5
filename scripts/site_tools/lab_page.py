"""The lab page's generated blocks: the exercises as an answer key, and the refusals the lab shows.

Both read whole without JavaScript (and printed); docs/assets/javascripts/lab.js turns each
`.lab-exercise` into a predict-then-run exercise, finding its commands in the lab's JSON by id.
"""

from __future__ import annotations

import posixpath

from site_tools.lab_data import LAB_PAGE
from site_tools.renderings import inline, line_start, linked_inline, source_label


def _page_link(taught_at: str) -> str:
    page, _, anchor = taught_at.partition("#")
    return posixpath.relpath(page, posixpath.dirname(LAB_PAGE)) + (f"#{anchor}" if anchor else "")


def _commands(commands: list[str]) -> str:
    return ", then ".join(f"`docker {command}`" for command in commands)


def exercises(lab: dict) -> str:
    """Each exercise: its set-up, its question and choices, then its answer, why, and where it is taught."""
    lines = ['<div class="lab-exercises" markdown>', ""]
    for number, ex in enumerate(lab["exercises"], start=1):
        setup = f"After {_commands(ex['setup'])}, you run `docker {ex['command']}`." if ex["setup"] else \
            f"On a fresh machine, you run `docker {ex['command']}`."
        lines += [f'<div class="lab-exercise" id="lab-{ex["id"]}" data-answer="{ex["answer"]}" markdown>', "",
                  f"**{number}. {linked_inline(ex['question'])}**", "", setup, ""]
        lines += [f"{index}. {line_start(linked_inline(choice))}" for index, choice in enumerate(ex["choices"], start=1)]
        lines += ["", '<div class="lab-answer" markdown>', "",
                  f"**Answer: {ex['answer']}.** {linked_inline(ex['choices'][ex['answer'] - 1])}", "",
                  f"{line_start(linked_inline(ex['explanation']))} [Where it is taught]({_page_link(ex['taught_at'])}).",
                  "", "</div>", "", "</div>", ""]
    return "\n".join([*lines, "</div>"])


def refusals(lab: dict) -> str:
    """A table: the command, when Docker refuses it, and its message, with the source."""
    rows = ["| Command | Refused when | Docker says |", "| --- | --- | --- |"]
    for refusal in lab["refusals"]:
        when = ", ".join(f"`{condition}`" for condition in refusal["when"])
        rows.append(f"| `docker {refusal['command']}` | {when} | {inline(refusal['message'])} "
                    f"([{source_label(refusal['source'])}]({refusal['source']})) |")
    return "\n".join(rows)
