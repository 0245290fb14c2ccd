"""Turning pydantic's validation errors into sentences a clerk can act on, at the right line."""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import ValidationError

from .models import MODELS, UNION_TAGS, Source, field_names
from .problem_codes import Code, registered
from .problems import Problems
from .vocabulary import (
    BodyKind,
    Confidence,
    DocumentKind,
    MeetingKind,
    MeetingStatus,
    MotionKind,
    OtherDocumentKind,
    Recommendation,
    RecordKind,
    SopStatus,
    SopText,
    SourceKind,
    TechnologyCategory,
    TechnologyStatus,
    Vocabulary,
    VoteOption,
    VoteResult,
)
from .yaml_reader import PositionMap

_ALL_FIELDS = sorted(
    {name for model in MODELS.values() for name in field_names(model)}
    | set(field_names(Source))
    | {"item", "outcome", "speakers", "written", "identifier", "path", "url", "body", "start", "end", "district"}
)

_TYPE_WORDS = {
    "string_type": "text",
    "list_type": "a list",
    "dict_type": "a mapping (key: value lines)",
    "model_type": "a mapping (key: value lines)",
    "model_attributes_type": "a mapping (key: value lines)",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
}


def describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str):
        return f"the text '{value[:60]}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return repr(value)


def did_you_mean(word: str, choices: list[str]) -> str | None:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else None


def report_validation_error(
    error: ValidationError, what: str, path: str, positions: PositionMap, problems: Problems
) -> None:
    """Add one problem per pydantic error, pointing at the key or value concerned."""
    empty: set[tuple[Any, ...]] = set()
    for item in error.errors():
        loc = tuple(part for part in item["loc"] if part not in UNION_TAGS)
        is_key = bool(loc) and loc[-1] == "[key]"
        if item.get("input", 0) is None and item["type"] not in ("missing", "extra_forbidden") and not is_key:
            # A key written with nothing after it (``result:``), as ``build_site.py new`` marks a
            # field still to fill: one problem per field, whatever the union's branches said.
            at = loc[:-1] if loc and isinstance(loc[-1], str) and loc[-1].endswith("]") else loc
            if at in empty:
                continue
            empty.add(at)
            pos = positions.of_value(at)
            name = str(at[-1]) if at else what
            where = " ".join(_format_loc(at))
            problems.error(
                path, pos.line, pos.column, Code.SCHEMA_EMPTY_FIELD, f"'{where}' has no value", _empty_hint(item, name)
            )
            continue
        if is_key:
            loc = loc[:-1]
        name = str(loc[-1]) if loc else what
        where = " ".join(_format_loc(loc))
        kind_type = item["type"]
        value = item.get("input")
        if kind_type == "extra_forbidden":
            pos = positions.of_key(loc)
            hint = did_you_mean(name, _ALL_FIELDS)
            hint = f"{hint} Otherwise " if hint else ""
            problems.error(
                path,
                pos.line,
                pos.column,
                Code.SCHEMA_UNKNOWN_FIELD,
                f"unknown field '{where}' in {what}",
                f"{hint}check the spelling against the \"Writing records\" page, or move it under 'extra:'",
            )
        elif kind_type == "missing":
            pos = positions.of_value(loc[:-1])
            parent = " ".join(_format_loc(loc[:-1]))
            inside = f" in '{parent}'" if parent else ""
            problems.error(
                path,
                pos.line,
                pos.column,
                Code.SCHEMA_MISSING_FIELD,
                f"{what} needs '{name}'{inside}",
                f"add a line '{name}: ...'",
            )
        elif kind_type == "enum":
            pos = positions.of_key(loc) if is_key else positions.of_value(loc)
            expected = item.get("ctx", {}).get("expected", "")
            choices = [c.strip().strip("'") for c in expected.replace(" or ", ", ").split(",")]
            hint = (
                _VALUE_HINTS.get((name, str(value).lower()))
                or did_you_mean(str(value), choices)
                or other_vocabulary(str(value), choices)
            )
            what = f"'{value}' is not a valid {'option' if is_key else name.replace('_', ' ')}"
            problems.error(
                path,
                pos.line,
                pos.column,
                Code.SCHEMA_INVALID_VALUE,
                f"{what} in '{where}'; use one of: {', '.join(choices)}",
                hint,
            )
        elif kind_type in _TYPE_WORDS:
            pos = positions.of_value(loc)
            problems.error(
                path,
                pos.line,
                pos.column,
                Code.SCHEMA_WRONG_TYPE,
                f"'{where}' must be {_TYPE_WORDS[kind_type]}, not {describe(value)}",
                _type_hint(kind_type),
            )
        elif kind_type == "too_short" and name == "sources":
            pos = positions.of_key(loc)
            problems.error(
                path,
                pos.line,
                pos.column,
                Code.RECORD_NO_SOURCES,
                "a dated record needs at least one source",
                "add an entry under 'sources:' with url, title and kind",
            )
        elif "." in kind_type:  # a code our validators raise (Code.DATE_INVALID...): it must be registered
            code = registered(kind_type)
            pos = positions.of_key(loc) if is_key else positions.of_value(loc)
            problems.error(
                path,
                pos.line,
                pos.column,
                code,
                f"{item['msg']} (in '{where}')" if where else item["msg"],
                _FIELD_HINTS.get((code, name)) or _CODE_HINTS.get(code),
            )
        else:
            pos = positions.of_value(loc)
            problems.error(
                path,
                pos.line,
                pos.column,
                Code.SCHEMA_INVALID_VALUE,
                f"'{where}': {item['msg'][0].lower()}{item['msg'][1:]}",
            )


def _empty_hint(item: Any, name: str) -> str:
    """What to write after ``name:``, from what pydantic expected there."""
    expected = item.get("ctx", {}).get("expected", "")
    if item["type"] == "enum" and expected:
        choices = [c.strip().strip("'") for c in expected.replace(" or ", ", ").split(",")]
        return f"write one of: {', '.join(choices)}"
    if name == "sources":
        return "write at least one source on the lines below, each starting with '- url: ...' (with title and kind)"
    if item["type"] in ("list_type", "too_short"):
        return "write the list on the lines below, each item starting with '- ', or remove the line"
    if item["type"] in ("model_type", "dict_type", "model_attributes_type"):
        return "write its fields on the lines below, indented, or remove the line"
    if name == "date" or item["type"].startswith("date."):
        return "write the date as YYYY-MM-DD, YYYY-MM or YYYY, e.g. 2025-05-14"
    return f"write the {name.replace('_', ' ')} after '{name}:'"


_VOCABULARIES: tuple[tuple[type[Vocabulary], str], ...] = (
    (SourceKind, "a source's kind"),
    (OtherDocumentKind, "a document's kind"),
    (MeetingKind, "a meeting's kind"),
    (MeetingStatus, "a meeting's status"),
    (VoteResult, "a vote's result"),
    (MotionKind, "a vote's motion_kind"),
    (Recommendation, "a recommendation's 'recommends'"),
    (VoteOption, "a roll-call option"),
    (DocumentKind, "a policy version's document_kind"),
    (SopStatus, "a policy version's status"),
    (SopText, "a policy version's text"),
    (BodyKind, "a body's kind"),
    (TechnologyCategory, "a technology's category"),
    (TechnologyStatus, "a technology's status"),
    (Confidence, "a record's confidence"),
    (RecordKind, "a kind of record"),
)
"""Every vocabulary, in words: a value written in the wrong field is named for where it belongs."""


def other_vocabulary(value: str, choices: list[str]) -> str | None:
    """``'news' is a document's kind, not one of these`` when ``value`` belongs to another vocabulary."""
    word = value.strip().lower()
    owners = [
        words for vocabulary, words in _VOCABULARIES if word in set(vocabulary) and set(vocabulary) != set(choices)
    ]
    if not owners:
        return None
    return f"'{word}' is {' and '.join(owners)}, not a value for this field (its values are listed above)"


def _format_loc(loc: tuple[Any, ...]) -> list[str]:
    """``('sources', 0, 'kind')`` -> ``['sources[1].kind']`` (items counted from 1, as people do)."""
    text = ""
    for part in loc:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return [text] if text else []


_FIELD_HINTS = {
    (Code.URL_NOT_HTTP, "corrections"): "give a web address starting with https://, an e-mail address, or one "
    "sentence saying how to send a correction",
    (Code.VALUE_INVALID_SLUG, "requirements"): "write the requirement's id with lowercase letters, digits and single "
    "hyphens, e.g. 'privacy-board-review: Privacy Advisory Board review'",
}
"""Hints for a code in one field, where the code's own hint would point elsewhere."""

_VALUE_HINTS = {
    ("motion_kind", "referral"): "a motion to refer is 'procedural'",
    ("motion_kind", "refer"): "a motion to refer is 'procedural'",
    ("motion_kind", "hold"): "a motion to hold is 'procedural'",
    ("motion_kind", "closed-session"): "a motion to go into closed session is 'procedural'",
    ("motion_kind", "adjourn"): "a motion to adjourn is 'procedural'",
    ("motion_kind", "advisory"): "an advisory body's vote is a 'recommendation' (and says what it recommends)",
    ("motion_kind", "amend"): "use 'amendment'",
    ("motion_kind", "adopt"): "a vote on the matter itself is 'substantive' (the default: leave the line out)",
    ("motion_kind", "final"): "a vote on the matter itself is 'substantive' (the default: leave the line out)",
    ("kind", "news"): "'news' is a document kind; a source's kind is one of primary, press, secondary: "
    "a news report is 'press'",
    ("kind", "official"): "the body's own record is 'primary'",
}
"""Hints for a value that belongs elsewhere or is a clerk's word for one of ours, by field."""

_CODE_HINTS = {
    Code.SITE_REQUIREMENT_BUILT_IN: "give the city's own requirement another id (e.g. 'council-vote-on-contract'); "
    "the built-in one is met by its kind of record and needs no entry",
    Code.SITE_UNKNOWN_TIMEZONE: "write the zone's IANA name, e.g. 'America/Chicago' or 'America/Los_Angeles'",
    Code.SITE_IDENTIFIER_LINK_WITHOUT_ID: "write the address with {id} where the identifier goes, e.g. "
    "'https://example.legistar.com/gateway.aspx?M=F&ID={id}'",
    Code.DOCUMENT_AMOUNT_NOT_A_NUMBER: "write the amount in digits without commas or words, e.g. "
    "'amount: {value: 1200000, currency: USD}'",
    Code.DOCUMENT_INVALID_CURRENCY: "write the ISO 4217 code, e.g. USD",
    Code.DATE_INVALID: "write the date as YYYY-MM-DD, YYYY-MM or YYYY, e.g. 2025-05-14",
    Code.DATE_INVALID_TIME: 'write the local time on a 24-hour clock, in quotes: time: "18:00"',
    Code.URL_NOT_HTTP: "give the page's full web address, starting with https://",
    Code.VALUE_CONTROL_CHARACTER: "remove it: it is often left by an escape such as \\x1b in a quoted value, "
    "or pasted from another program",
    Code.VALUE_BIDI_CONTROL: "remove it: browsers lay out right-to-left text by themselves, and this "
    "character can make the text read in another order than it is written",
    Code.VALUE_LINE_BREAK: "write the value on one line (the summary, caveats and notes may be longer text)",
    Code.VALUE_TOO_LONG: "shorten it: the full text of a document goes in the record's Markdown body or an attachment",
    Code.VALUE_INVALID_SLUG: "write it with lowercase letters, digits and single hyphens, "
    "e.g. 'mpd-sop-facial-recognition'",
    Code.ROLE_INVALID_SOURCE: "write the id of the letter, vote or document that shows the role, or a source entry "
    "(url, title, kind) on the lines below 'source:'",
    Code.COUNT_ONE_BOUND: "write one of them, e.g. 'speakers: {at_least: 180}', or the exact number",
    Code.SOURCE_NO_LOCATION: "add 'url: https://...' or 'attachment: <file under records/attachments/>'",
}


def _type_hint(kind_type: str) -> str | None:
    if kind_type == "list_type":
        return "write a list as '[a, b]' or as lines starting with '- '"
    if kind_type == "string_type":
        return "put the value in quotes"
    if kind_type in ("bool_type", "bool_parsing"):
        return "write true or false (yes and no are read as words, as in a roll call)"
    return None
