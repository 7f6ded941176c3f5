"""Load a YAML data file of records and validate it against its JSON Schema, with line numbers.

Every problem becomes one line of a `DataError`: the file, the line, the entry, what is wrong
and how to fix it. Every data file is read through here, so the generator, the build hooks and
the tests refuse bad data with the same words.

Parsing is bounded: a data file over MAX_BYTES, YAML anchors and aliases (an alias bomb expands
ten lines into billions of nodes) and nesting deeper than MAX_DEPTH are refused before anything
is built from them.

Every string field of a record schema names one of the FIELD_FORMATS below (`"format": "text"`,
`"linked-text"`, `"command"`, `"source-url"` or `"docs-link"`); a schema with a string field that does not is refused. The
formats are what make data safe to render: one line of visible text with no invisible or
reordering characters and nothing that could open or close a generated block, and links that
are https to a primary source with nothing that ends a Markdown link.
"""

from __future__ import annotations

import functools
import itertools
import json
import re
import unicodedata
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema
import yaml

ROOT = Path(__file__).resolve().parents[2]
# Today's largest data file is under 8 KB. At this size, parsing and checking the worst file
# (thousands of tiny broken entries) takes well under a second; MAX_PROBLEMS keeps that true.
MAX_BYTES = 64_000
MAX_PROBLEMS = 20
MAX_DEPTH = 8  # file > list > entry > value is 4 levels; more is not a data file of records
MAX_TEXT = 600  # characters in one text field: a table cell or a tooltip, not an essay
# Where a `source` may point: the primary sources (host and path prefix).
PRIMARY_SOURCES = ("docs.docker.com/", "github.com/opencontainers/", "github.com/moby/moby/", "github.com/moby/buildkit/")
PRIMARY_SOURCE_URLS = tuple(f"https://{prefix}" for prefix in PRIMARY_SOURCES)  # what pages may cite
# Unicode categories refused in text: controls, format characters (zero-width and bidirectional
# controls among them), surrogates, private use, and line and paragraph separators.
INVISIBLE = {"Cc", "Cf", "Cs", "Co", "Zl", "Zp"}
CODE_SPAN = re.compile(r"(`[^`]+`)")  # text fields may mark commands as `code`
# A Markdown link in "linked-text": [words](target), the target with no space or parenthesis.
LINK = re.compile(r"\[([^\[\]`]+)\]\(([^()\s]+)\)")
# Characters a `source` URL may hold: RFC 3986's unreserved and reserved characters and '%',
# less the ones that end a Markdown link or its text ( ( ) [ ] ) and quotes.
# A link to a page of this site: no scheme, no leading '/', no '.' but the one of `.md` (so no
# '..' climbing out of docs/), nothing that ends a Markdown link.
DOCS_LINK = re.compile(r"(?:[a-z0-9_-]+/)*[a-z0-9_-]+\.md(?:#[a-z0-9_-]+)?")
URL_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~:/?#@!$&*+,;=%")


class DataError(Exception):
    """Bad data; str(error) is the report for a person, one line per problem."""


def display_path(path: Path) -> str:
    """The path as a contributor types it: relative to the repository when inside it."""
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def text_problem(value: str) -> str | None:
    """Why `value` cannot be one line of text on a page, or None when it can."""
    if not value.strip():
        return "is empty; write a value or remove the entry"
    if "\n" in value or "\r" in value:
        return "contains a line break, which a table cell or tooltip cannot hold; write it on one line"
    for character in value:
        if unicodedata.category(character) in INVISIBLE:
            name = unicodedata.name(character, "a control character")
            return (f"contains the invisible character U+{ord(character):04X} ({name}), which can hide or "
                    "reorder text; delete it")
    if value != value.strip():
        return "starts or ends with a space; remove it"
    if "<!--" in value or "-->" in value:
        return "contains '<!--' or '-->', which could open or close a generated block; remove it"
    if len(value) > MAX_TEXT:
        return f"is {len(value)} characters long, over the limit of {MAX_TEXT}; shorten it"
    for span in CODE_SPAN.findall(value):
        if "|" in span:
            return (f"part {span!r} has a '|' inside backticks, which GitHub and MkDocs render differently; "
                    "move the '|' out of the code span")
    return None


def command_problem(value: str) -> str | None:
    """Why `value` cannot be shown as one code span, or None when it can."""
    problem = text_problem(value)
    if problem is None and ("`" in value or "|" in value):
        return "contains a '`' or '|', which a code span in a table cannot show; remove it"
    return problem


def source_problem(value: str) -> str | None:
    """Why `value` is not a link to a primary source that is safe in Markdown, or None when it is."""
    problem = text_problem(value)
    if problem is not None:
        return problem
    unsafe = sorted({c for c in value if c not in URL_CHARACTERS})
    if unsafe:
        return (f"has {', '.join(map(repr, unsafe))}, which can end a Markdown link or is not allowed in a URL; "
                "percent-encode it or link another page")
    parts = urlsplit(value)
    if parts.scheme != "https" or parts.netloc != parts.hostname or not (parts.netloc + parts.path).startswith(PRIMARY_SOURCES):
        return ("must be an https:// link to docs.docker.com, github.com/opencontainers or github.com/moby/moby, "
                f"got {value!r}")
    return None


def linked_text_problem(value: str) -> str | None:
    """Why `value` cannot be one line of text whose links (outside code spans) all go to a primary
    source, or None when it can."""
    problem = text_problem(value)
    if problem is not None:
        return problem
    for part in CODE_SPAN.split(value)[::2]:  # the even parts are outside code spans
        for match in LINK.finditer(part):
            if source_problem(match[2]) is not None:
                return (f"links to {match[2]!r}; a link must go to docs.docker.com, github.com/opencontainers "
                        "or github.com/moby/moby over https://")
    return None


def docs_link_problem(value: str) -> str | None:
    """Why `value` is not a link to a page of this site (a docs-relative `.md` path, optionally with
    a `#heading-anchor`) that is safe in Markdown, or None when it is."""
    problem = text_problem(value)
    if problem is not None:
        return problem
    if DOCS_LINK.fullmatch(value) is None:
        return (f"must be a page path relative to docs/, optionally with a #heading-anchor, in lowercase letters, "
                f"digits, '-', '_' and '/' (e.g. basics/image.md#layers), got {value!r}")
    return None


# The field types a schema may give a string field, as `"format": NAME`.
FIELD_FORMATS = {"text": text_problem, "linked-text": linked_text_problem, "command": command_problem,
                 "source-url": source_problem, "docs-link": docs_link_problem}


def _format_checker() -> jsonschema.FormatChecker:
    """A checker whose formats are FIELD_FORMATS; a failed check's ValueError says why.

    Each format's verdict on a value is remembered: a value's problem depends on the value alone,
    and the tests load the same files again and again with one value changed (the hostile-data
    table checked 400,000 values, nearly all of them seen before)."""
    checker = jsonschema.FormatChecker(formats=())
    for name, problem in FIELD_FORMATS.items():
        problem = functools.lru_cache(maxsize=8192)(problem)

        def check(value, problem=problem) -> bool:
            why = isinstance(value, str) and problem(value)
            if why:
                raise ValueError(why)
            return True
        checker.checks(name, raises=ValueError)(check)
    return checker


_CHECKER = _format_checker()


def read_text(path: Path) -> str:
    """The UTF-8 text of a data file or page; DataError naming the file and the fix otherwise."""
    name = display_path(path)
    if not path.is_file():
        raise DataError(f"{name}: file not found; restore it with `git checkout -- {name}`")
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise DataError(f"{name}: cannot be read ({error.strerror}); make it readable with `chmod u+r {name}`") from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise DataError(f"{name}:{line}: not UTF-8 (byte 0x{raw[error.start]:02x}); save the file as UTF-8") from None


def _too_deep(name: str, line: int) -> DataError:
    return DataError(f"{name}:{line}: values nested more than {MAX_DEPTH} levels deep; a data file is a list of flat entries")


def _check_bounds(text: str, name: str) -> None:
    """Refuse anchors, aliases and deep nesting, reading the document's events in order (so the
    first problem in the file is the one named), before anything is composed or built."""
    depth = 0
    for event in yaml.parse(text, Loader=yaml.CSafeLoader):
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise DataError(f"{name}:{line}: YAML anchors and aliases (&name, *name) are not allowed "
                            "in data files; write the value out in full")
        if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
        elif isinstance(event, yaml.NodeEvent):
            depth += isinstance(event, yaml.CollectionStartEvent)
            if depth + (not isinstance(event, yaml.CollectionStartEvent)) > MAX_DEPTH:
                raise _too_deep(name, line)


def _parse(text: str, name: str) -> tuple[yaml.Node | None, object]:
    """(root node, data) of a YAML document, parsed with the bounds above.

    libyaml (PyYAML's C parser) reads the file: the pure-Python one took 80 ms for lab.yml, most
    of the hostile-data table's time. PyYAML's Python reader still checks every character of the
    text first: it refuses the same characters as libyaml, but reports where as a character
    offset, which the line count below needs (libyaml's is a byte offset).
    """
    try:
        yaml.reader.Reader(text)
        _check_bounds(text, name)
        loader = yaml.CSafeLoader(text)
        try:
            root = loader.get_single_node()
            return root, (loader.construct_document(root) if root is not None else None)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        if mark and "maximum nesting depth" in str(error.problem):  # libyaml's own bound, met while reading ahead
            raise _too_deep(name, mark.line + 1) from None
        where = f"{name}:{mark.line + 1}:{mark.column + 1}" if mark else name
        raise DataError(f"{where}: malformed YAML: {error.problem or error}; fix the syntax there") from None
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position) + 1
        raise DataError(f"{name}:{line}: the character U+{error.character:04X} is not allowed in YAML; delete it") from None


def _unformatted_fields(schema: dict) -> list[str]:
    """Fields (top level or in any `$defs` object) that are strings, or lists of strings, without
    one of FIELD_FORMATS."""
    def resolved(spec: dict) -> dict:
        return {**schema.get("$defs", {}).get(spec.get("$ref", "").rpartition("/")[2], {}), **spec}

    objects = [schema, *schema.get("$defs", {}).values()]
    fields = []
    for field, spec in ((f, s) for o in objects for f, s in o.get("properties", {}).items()):
        spec = resolved(spec)
        if spec.get("type") == "array":
            spec = resolved(spec.get("items", {}))
        if spec.get("type") == "string" and spec.get("format") not in FIELD_FORMATS:
            fields.append(field)
    return fields


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
    if error.validator == "format":  # name the field, also for an item of a list field
        return f"'{next(step for step in reversed(error.path) if isinstance(step, str))}' {error.cause}"
    if error.validator == "pattern" and isinstance(error.instance, str):
        return f"'{field}' has a character it may not contain ({error.instance!r}); see its description in the schema"
    if error.validator == "maxLength":
        return (f"'{field}' is {len(error.instance)} characters long, more than {error.validator_value}; "
                f"shorten {error.instance!r}")
    if error.validator in ("minItems", "maxItems") and error.instance:
        bounds = error.schema.get("minItems", 1), error.schema.get("maxItems", "any number of")
        return f"'{field}' has {len(error.instance)} entries; it needs {bounds[0]} to {bounds[1]}"
    if error.validator == "minItems":
        return f"'{field}' is empty; add at least one entry"
    if error.validator == "enum":
        return f"'{field}' is {error.instance!r}; it must be one of {', '.join(map(str, error.validator_value))}"
    if error.validator in ("minimum", "maximum"):
        return f"'{field}' is {error.instance}; it must be from {error.schema['minimum']} to {error.schema['maximum']}"
    return error.message


def load_records(path: Path, schema_path: Path, *, key: str, unique: str) -> list[dict]:
    """The validated records under `key` in a YAML file, in file order.

    `unique` names the field that must not repeat (compared case-insensitively). Raises
    DataError listing the problems found (the first MAX_PROBLEMS), one per line, in file order.
    """
    data, _ = load_document(path, schema_path, unique={key: unique})
    return data[key]


def load_document(path: Path, schema_path: Path, *, unique: dict[str | None, str]) -> tuple[dict | list, yaml.Node]:
    """The validated data of a YAML file, and its YAML tree (for `line_of`).

    `unique` maps each list key to the field that must not repeat within it (compared
    case-insensitively); the key None means the document itself is the list. Raises DataError
    listing the problems found (the first MAX_PROBLEMS), one per line, in file order.
    """
    top = None in unique
    name = display_path(path)
    size = path.stat().st_size if path.is_file() else 0
    if size > MAX_BYTES:
        raise DataError(f"{name}: {size} bytes, over the {MAX_BYTES}-byte limit for a data file; "
                        "shorten it or split it in two")
    text = read_text(path)
    root, data = _parse(text, name)
    if root is None:
        raise DataError(f"{name}: the file is empty; it needs a {'' if top else f'`{next(iter(unique))}:` '}list")
    _validate(root, data, name, schema_path, unique)
    return data, root


def load_mapping(text: str, name: str, schema_path: Path) -> dict:
    """The validated mapping in YAML `text` (a page's front matter), parsed with the same bounds and
    checked with the same field formats as a data file; line numbers count from the text's first
    line. Raises DataError, one line per problem."""
    root, data = _parse(text, name)
    if root is None:
        return {}
    _validate(root, data, name, schema_path, {})
    return data


@functools.lru_cache(maxsize=32)
def _schema_and_validator(schema_path: Path, text: str) -> tuple[dict, jsonschema.Draft202012Validator]:
    """(the schema in `text`, a validator for it with its local `$ref`s written out in place).

    jsonschema looks a `$ref` up again at every value it checks, which was a fifth of the time
    of checking a data file; written out (see _inlined), the schema accepts and refuses the same.
    Kept per schema text, so an edited schema is read again."""
    schema = json.loads(text)
    unformatted = _unformatted_fields(schema)
    if unformatted:
        raise DataError(f"{display_path(schema_path)}: string field '{unformatted[0]}' has no \"format\"; give it "
                        f"one of {', '.join(FIELD_FORMATS)} (see scripts/site_tools/data_file.py)")
    defs = schema.get("$defs", {})
    body = {key: value for key, value in schema.items() if key != "$defs"}
    return schema, jsonschema.Draft202012Validator(_inlined(body, defs, schema_path), format_checker=_CHECKER)


def _inlined(spec, defs: dict, schema_path: Path, seen: tuple[str, ...] = ()):
    """`spec` with every `{"$ref": "#/$defs/NAME", ...}` written out: the definition itself, or,
    with keys beside the reference, those keys and the definition under `allOf` (as `$ref`
    applies both). DataError for a reference to anything else, or to a definition from inside
    itself."""
    if isinstance(spec, list):
        return [_inlined(item, defs, schema_path, seen) for item in spec]
    if not isinstance(spec, dict):
        return spec
    ref = spec.get("$ref")
    if not isinstance(ref, str):  # no reference (a property named "$ref" holds a schema, not a string)
        return {key: _inlined(value, defs, schema_path, seen) for key, value in spec.items()}
    name, where = ref.removeprefix("#/$defs/"), display_path(schema_path)
    if name == ref or name not in defs:
        raise DataError(f"{where}: \"$ref\": \"{ref}\" names no definition in this schema's $defs; "
                        f"point it at one of {', '.join(f'#/$defs/{d}' for d in defs)}")
    if name in seen:
        raise DataError(f"{where}: \"$ref\": \"{ref}\" is used inside its own definition; "
                        "a data file's entries cannot nest themselves")
    definition = _inlined(defs[name], defs, schema_path, (*seen, name))
    beside = {key: _inlined(value, defs, schema_path, seen) for key, value in spec.items() if key != "$ref"}
    return {**beside, "allOf": [definition, *beside.get("allOf", [])]} if beside else definition


def _validate(root: yaml.Node, data, name: str, schema_path: Path, unique: dict[str | None, str]) -> None:
    """Raise DataError listing what in `data` (parsed from `root`) breaks its schema or repeats."""
    top = None in unique
    schema, validator = _schema_and_validator(schema_path, read_text(schema_path))
    problems = [(line, f"{name}:{line}: key '{k}' appears twice; keep one") for k, line in _duplicate_keys(root)]
    reported: set[tuple] = set()
    for error in itertools.islice(validator.iter_errors(data), MAX_PROBLEMS):
        if tuple(error.path) in reported and error.validator != "additionalProperties":
            continue  # one problem per value: a field with a format and a pattern fails once
        reported.add(tuple(error.path))
        path = list(error.path)
        if error.validator == "additionalProperties":  # point at the unknown key itself
            path += [key_name for key_name in error.instance if key_name not in error.schema["properties"]][:1]
        line = _line(root, path)
        # A record of the file's list, or of a list under one of its keys; a page's front matter (no `unique`) has none.
        in_list = len(error.path) > 0 if top else bool(unique) and len(error.path) > 1 and isinstance(error.path[1], int)
        where = f" entry {error.path[0 if top else 1] + 1}:" if in_list else ""
        record_schema = _record_schema(schema, error.path[0] if in_list and not top else None, top_list=in_list and top)
        problems.append((line, f"{name}:{line}:{where} {_explain(error, record_schema)}"))
    if not problems:
        for key, field in unique.items():
            problems += _repeated_values(name, root, data if key is None else data[key], key, field)
    if problems:
        raise DataError("\n".join(message for _, message in sorted(problems)[:MAX_PROBLEMS]))


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
        value = unicodedata.normalize("NFKC", record[unique]).casefold()
        line = _line(root, [*([] if key is None else [key]), index, unique])
        if value in first_seen:
            problems.append((line, f"{name}:{line}: entry {index + 1} repeats {unique} '{record[unique]}' "
                                   f"(first at line {first_seen[value]}); merge the two entries"))
        else:
            first_seen[value] = line
    return problems
