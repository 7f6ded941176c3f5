"""The specification of what the site teaches (tests/spec/teaches.yml), read and applied.

The spec is written by hand, never derived from docs/data/, so tests that compare the data and
the built pages with it fail on a wrong fact even when the fact was changed consistently and
every page regenerated. This module only reads the spec and says where a text breaks a rule;
tests/test_teaches.py decides what each text is.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml

SPEC_FILE = Path(__file__).resolve().parent / "spec" / "teaches.yml"
SPEC = "tests/spec/teaches.yml"
CLI_REFERENCE = "https://docs.docker.com/reference/cli/"
MOVE = re.compile(r"^(?P<source>[\w-]+) --(?P<label>[^>]+?)--> (?P<target>[\w-]+)$")
# What to do when a text breaks its rule: the two honest ways out.
FIX = (f"fix the text to say what Docker does; if the site's teaching changes on purpose, change the rule in {SPEC} "
       "in the same pull request (CONTRIBUTING.md, 'Changing what the site teaches')")


@cache
def spec() -> dict:
    """The spec as loaded from tests/spec/teaches.yml."""
    return yaml.safe_load(SPEC_FILE.read_text(encoding="utf-8"))


def says(text: str, term: str) -> bool:
    """Whether `text` has `term` as whole words, in any case (`mutable` is not in `immutable`)."""
    if not isinstance(term, str):
        raise TypeError(f"{SPEC}: the term {term!r} is not text; quote it (YAML reads a bare yes, no or 38.75 as a boolean or a number)")
    words = r"\s+".join(re.escape(word) for word in term.split())
    plain = text.replace("`", "").replace("**", "")
    return re.search(rf"(?<![\w-]){words}(?![\w-])", plain, re.IGNORECASE) is not None


def broken(text: str, rule: dict) -> list[str]:
    """What `text` breaks of `rule`: each missing must_say term and each must_never_say term found."""
    return ([f"lacks {term!r}" for term in rule.get("must_say", []) if not says(text, term)]
            + [f"says {term!r}, which it must never say" for term in rule.get("must_never_say", []) if says(text, term)])


def problem(where: str, rule_name: str, text: str, breaks: list[str]) -> str:
    """One line: the place, the rule, what was found, and what to do."""
    shown = " ".join(text.split())
    shown = shown if len(shown) <= 160 else shown[:157] + "..."
    return f"{where}: breaks {SPEC} rule {rule_name}: {'; '.join(breaks)} (found: {shown!r}); {FIX}"


def parse_move(move: str) -> tuple[str, str, str]:
    """("from", "command or event", "to") of a spec move written `from --label--> to`."""
    match = MOVE.match(move.strip())
    if not match:
        raise ValueError(f"{SPEC}: {move!r} is not a move; write it `from --command--> to`")
    return match["source"], match["label"], match["target"]


def allowed_moves() -> set[tuple[str, str, str]]:
    return {parse_move(move) for move in spec()["lifecycle"]["moves"]}


def never_moves() -> dict[tuple[str, str, str], str]:
    """Each move Docker does not make -> why (the daemon's refusal, with its source)."""
    return {parse_move(entry["move"]): entry["because"] for entry in spec()["lifecycle"]["never"]}


def move_target(source: str, label: str) -> str:
    """The state Docker moves a container to from `source` by `label`, per the spec."""
    targets = {target for s, lab, target in allowed_moves() if (s, lab) == (source, label)}
    if len(targets) != 1:
        raise KeyError(f"{SPEC}: lifecycle.moves has {len(targets)} moves '{source} --{label}-->'; it must have one")
    return targets.pop()


def cli_url(command: str) -> str:
    """The CLI reference address of `docker container run#init`-style names."""
    name, _, anchor = command.partition("#")
    return CLI_REFERENCE + "/".join(name.split()) + "/" + (f"#{anchor}" if anchor else "")


def command_named(text: str) -> str | None:
    """The canonical command (`docker container ls`) a link text such as `docker ps -a` names, if any."""
    words = " ".join(text.replace("`", "").split())
    aliases = spec()["command_aliases"]
    known = {*aliases, *aliases.values(), *(c.partition("#")[0] for c in spec()["cli_links"].values())}
    names = [name for name in known if words == name or words.startswith(name + " ")]
    if not names:
        return None
    longest = max(names, key=len)
    return aliases.get(longest, longest)


def page_of(url: str) -> str | None:
    """The command whose CLI reference page `url` opens (`docker container stop`), or None."""
    if not url.startswith(CLI_REFERENCE):
        return None
    return " ".join(url[len(CLI_REFERENCE):].split("#")[0].strip("/").split("/"))
