"""String built-ins: substring, case, search, regular expressions, split/join, uuid."""

from __future__ import annotations

import re
import uuid
from functools import lru_cache
from typing import Any

from .functions import ArgumentError, FunctionTable, want_list, want_str
from .values import describe, to_number

table = FunctionTable()
define = table.define

_FLAGS = {"i": re.IGNORECASE, "s": re.DOTALL, "m": re.MULTILINE, "x": re.VERBOSE}


@lru_cache(maxsize=256)
def _compile_regex(pattern: str, flags: str) -> re.Pattern[str]:
    bits = 0
    for flag in flags:
        if flag == "q":
            pattern = re.escape(pattern)
        elif flag in _FLAGS:
            bits |= _FLAGS[flag]
        else:
            raise ArgumentError(f"unsupported regular expression flag {flag!r}")
    try:
        return re.compile(pattern, bits)
    except re.error as exc:
        raise ArgumentError(f"invalid regular expression {pattern!r}: {exc}") from None


def _regex(pattern: Any, flags: Any = None) -> re.Pattern[str]:
    flag_text = "" if flags is None else want_str("flags", flags)
    return _compile_regex(want_str("pattern", pattern), flag_text)


def _position(param: str, value: Any) -> int:
    number = to_number(value)
    if number is None:
        raise ArgumentError(f"parameter '{param}' expects a number but got {describe(value)}")
    return int(number)


@define("substring", "string", "start position", "length?")
def _substring(string: Any, start: Any, length: Any = None) -> str | None:
    text = want_str("string", string)
    position = _position("start position", start)
    if position == 0:
        return None
    begin = position - 1 if position > 0 else max(len(text) + position, 0)
    if length is None:
        return text[begin:]
    count = _position("length", length)
    return None if count < 0 else text[begin : begin + count]


@define("string length", "string")
def _string_length(string: Any) -> Any:
    return to_number(len(want_str("string", string)))


@define("upper case", "string")
def _upper_case(string: Any) -> str:
    return want_str("string", string).upper()


@define("lower case", "string")
def _lower_case(string: Any) -> str:
    return want_str("string", string).lower()


@define("substring before", "string", "match")
def _substring_before(string: Any, match: Any) -> str:
    text, needle = want_str("string", string), want_str("match", match)
    index = text.find(needle)
    return text[:index] if index > 0 else ""


@define("substring after", "string", "match")
def _substring_after(string: Any, match: Any) -> str:
    text, needle = want_str("string", string), want_str("match", match)
    index = text.find(needle)
    return text[index + len(needle) :] if index >= 0 else ""


@define("contains", "string", "match")
def _contains(string: Any, match: Any) -> bool:
    return want_str("match", match) in want_str("string", string)


@define("starts with", "string", "match")
def _starts_with(string: Any, match: Any) -> bool:
    return want_str("string", string).startswith(want_str("match", match))


@define("ends with", "string", "match")
def _ends_with(string: Any, match: Any) -> bool:
    return want_str("string", string).endswith(want_str("match", match))


def _replacement(template: str) -> list[str | int]:
    """XPath/Java replacement text: ``$1`` is a group, ``\\$`` and ``\\\\`` are literals."""
    parts: list[str | int] = []
    literal: list[str] = []
    i = 0
    while i < len(template):
        ch = template[i]
        if ch == "\\" and i + 1 < len(template):
            literal.append(template[i + 1])
            i += 2
            continue
        digits = re.match(r"\$(\d+)", template[i:])
        if digits:
            parts.extend(["".join(literal), int(digits[1])])
            literal = []
            i += len(digits[0])
            continue
        literal.append(ch)
        i += 1
    parts.append("".join(literal))
    return parts


@define("replace", "input", "pattern", "replacement", "flags?")
def _replace(input_: Any, pattern: Any, replacement: Any, flags: Any = None) -> str:
    regex = _regex(pattern, flags)
    parts = _replacement(want_str("replacement", replacement))

    def expand(match: re.Match[str]) -> str:
        return "".join(p if isinstance(p, str) else (match.group(p) or "") for p in parts)

    try:
        return regex.sub(expand, want_str("input", input_))
    except IndexError as exc:
        raise ArgumentError(f"replacement refers to a missing group: {exc}") from None


@define("matches", "input", "pattern", "flags?")
def _matches(input_: Any, pattern: Any, flags: Any = None) -> bool:
    return _regex(pattern, flags).search(want_str("input", input_)) is not None


@define("split", "string", "delimiter")
def _split(string: Any, delimiter: Any) -> list[str]:
    return _regex(delimiter).split(want_str("string", string))


@define("extract", "input", "pattern")
def _extract(input_: Any, pattern: Any) -> list[str]:
    return [m.group(0) for m in _regex(pattern).finditer(want_str("input", input_))]


@define("trim", "string")
def _trim(string: Any) -> str:
    return want_str("string", string).strip()


@define("is blank", "string")
def _is_blank(string: Any) -> bool:
    return not want_str("string", string).strip()


@define("string join", "list", "delimiter?", "prefix?", "suffix?")
def _string_join(items: Any, delimiter: Any = None, prefix: Any = None, suffix: Any = None) -> str:
    texts = [want_str("list", item) for item in want_list("list", items) if item is not None]
    glue = "" if delimiter is None else want_str("delimiter", delimiter)
    head = "" if prefix is None else want_str("prefix", prefix)
    tail = "" if suffix is None else want_str("suffix", suffix)
    return head + glue.join(texts) + tail


@define("uuid")
def _uuid() -> str:
    return str(uuid.uuid4())
