"""Load a YAML data file of records and validate it against its JSON Schema, with line numbers.

Every problem becomes one line of a `DataError`: the file, the line, the entry, what is wrong
and how to fix it. Every data file in docs/data/ is read through here, so the
generator, the build hooks and the tests refuse bad data with the same words.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import yaml

ROOT = Path(__file__).resolve().parent.parent


class DataError(Exception):
    """Bad data; str(error) is the report for a person, one line per problem."""


def display_path(path: Path) -> str:
    """The path as a contributor types it: relative to the repository when inside it."""
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def _node_at(node: yaml.Node, path) -> yaml.Node:
    """The deepest YAML node along a JSON path (keys and indexes), for its line number."""
    for step in path:
        if isinstance(node, yaml.MappingNode):
            match = next((value for key, value in node.value if key.value == step), None)
            if match is None:
                return node
            node = match
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
        else:
            return node
    return node


def _line(root: yaml.Node, path) -> int:
    return _node_at(root, path).start_mark.line + 1


def _duplicate_keys(node: yaml.Node):
    """(key, line) for every key that appears twice in one mapping (YAML keeps only the last)."""
    if isinstance(node, yaml.MappingNode):
        seen = set()
        for key, value in node.value:
            if key.value in seen:
                yield key.value, key.start_mark.line + 1
            seen.add(key.value)
            yield from _duplicate_keys(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _duplicate_keys(item)


def _explain(error: jsonschema.ValidationError, record_schema: dict) -> str:
    """A schema violation in words a contributor can act on."""
    fields = {"required": record_schema.get("required", []), "allowed": list(record_schema.get("properties", {}))}
    field = next((step for step in reversed(error.path) if isinstance(step, str)), None)
    if error.validator == "required":
        missing = error.message.split("'")[1]
        return f"missing field '{missing}': required fields are {', '.join(fields['required'])}"
    if error.validator == "additionalProperties":
        unknown = error.message.split("'")[1]
        return f"unknown field '{unknown}': allowed fields are {', '.join(fields['allowed'])}"
    if error.validator == "type":
        how = "write it as text in quotes" if error.validator_value == "string" else f"write it as {error.validator_value}"
        return (f"'{field or 'value'}' must be {error.validator_value}, not {type(error.instance).__name__} "
                f"({error.instance!r}); {how}")
    if error.validator in ("minLength", "pattern") and isinstance(error.instance, str):
        if field == "source":
            hosts = "docs.docker.com, github.com/opencontainers or github.com/moby/moby" if "moby" in str(error.validator_value) \
                else "docs.docker.com or github.com/opencontainers"
            return f"'source' must be an https:// link to {hosts}, got {error.instance!r}"
        if "\n" in error.instance or "\r" in error.instance:
            return f"'{field}' contains a line break, which a table cell or tooltip cannot hold; write it on one line"
        if not error.instance.strip():
            return f"'{field}' is empty; write a value or remove the entry"
        return f"'{field}' has a character it may not contain ({error.instance!r}); see its description in the schema"
    if error.validator == "maxLength":
        return (f"'{field}' is {len(error.instance)} characters long, more than {error.validator_value}; "
                f"shorten {error.instance!r}")
    if error.validator in ("minItems", "maxItems") and error.instance:
        bounds = error.schema.get("minItems", 1), error.schema.get("maxItems", "any number of")
        return f"'{field}' has {len(error.instance)} entries; it needs {bounds[0]} to {bounds[1]}"
    if error.validator == "minItems":
        return f"'{field}' is empty; add at least one entry"
    if error.validator in ("minimum", "maximum"):
        return f"'{field}' is {error.instance}; it must be from {error.schema['minimum']} to {error.schema['maximum']}"
    return error.message


def load_records(path: Path, schema_path: Path, *, key: str, unique: str) -> list[dict]:
    """The validated records under `key` in a YAML file, in file order.

    `unique` names the field that must not repeat (compared case-insensitively). Raises
    DataError listing every problem found, one per line, in file order.
    """
    data, _ = load_document(path, schema_path, unique={key: unique})
    return data[key]


def load_document(path: Path, schema_path: Path, *, unique: dict[str | None, str]) -> tuple[dict | list, yaml.Node]:
    """The validated data of a YAML file, and its YAML tree (for `line_of`).

    `unique` maps each list key to the field that must not repeat within it (compared
    case-insensitively); the key None means the document itself is the list. Raises DataError
    listing every problem found, one per line, in file order.
    """
    top = None in unique
    name = display_path(path)
    if not path.is_file():
        raise DataError(f"{name}: file not found; restore it with `git checkout -- {name}`")
    text = path.read_text(encoding="utf-8")
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f"{name}:{mark.line + 1}:{mark.column + 1}" if mark else name
        raise DataError(f"{where}: malformed YAML: {error.problem or error}; fix the syntax there") from None
    if root is None:
        raise DataError(f"{name}: the file is empty; it needs a {'' if top else f'`{next(iter(unique))}:` '}list")

    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    problems = [(line, f"{name}:{line}: key '{k}' appears twice; keep one") for k, line in _duplicate_keys(root)]
    for error in jsonschema.Draft202012Validator(schema).iter_errors(data):
        path = list(error.path)
        if error.validator == "additionalProperties":  # point at the unknown key itself
            path += [key_name for key_name in error.instance if key_name not in error.schema["properties"]][:1]
        line = _line(root, path)
        in_list = len(error.path) > 0 if top else len(error.path) > 1 and error.path[0] in unique
        where = f" entry {error.path[0 if top else 1] + 1}:" if in_list else ""
        record_schema = _record_schema(schema, error.path[0] if in_list and not top else None, top_list=in_list and top)
        problems.append((line, f"{name}:{line}:{where} {_explain(error, record_schema)}"))
    if not problems:
        for key, field in unique.items():
            problems += _repeated_values(name, root, data if key is None else data[key], key, field)
    if problems:
        raise DataError("\n".join(message for _, message in sorted(problems)))
    return data, root


def line_of(root: yaml.Node, path) -> int:
    """The line number of the value at `path` (keys and indexes) in a file read by `load_document`."""
    return _line(root, path)


def _record_schema(schema: dict, key: str | None, *, top_list: bool = False) -> dict:
    """The schema of one record of the list under `key`, or of the document's own list with
    top_list (the top-level schema when key is None otherwise)."""
    if key is None and not top_list:
        return schema
    items = schema["items"] if top_list else schema["properties"][key]["items"]
    return schema["$defs"][items["$ref"].rsplit("/", 1)[-1]] if "$ref" in items else items


def _repeated_values(name: str, root: yaml.Node, records: list[dict], key: str | None, unique: str):
    first_seen: dict[str, int] = {}
    problems = []
    for index, record in enumerate(records):
        value = record[unique].strip().casefold()
        line = _line(root, [*([] if key is None else [key]), index, unique])
        if value in first_seen:
            problems.append((line, f"{name}:{line}: entry {index + 1} repeats {unique} '{record[unique]}' "
                                   f"(first at line {first_seen[value]}); merge the two entries"))
        else:
            first_seen[value] = line
    return problems
