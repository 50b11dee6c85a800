"""Domain dataclasses to and from stored documents: small, with empty fields left out."""

from __future__ import annotations

import dataclasses
import types
import typing
from enum import Enum
from functools import cache
from typing import Any, TypeVar

from lp_tui.domain.text import find_control, shown

T = TypeVar("T")


def to_doc(record: Any) -> dict[str, Any]:
    """A dataclass as a JSON-ready dict; None, and empty values left at their default
    ("", 0, False, ()), are not stored."""
    doc: dict[str, Any] = {}
    for field in dataclasses.fields(record):
        value = getattr(record, field.name)
        if value is None or (not value and value == field.default):
            continue
        doc[field.name] = _plain(value)
    return doc


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, str):  # typed text (an app's input) is stored with no control character
        return shown(value)
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return to_doc(value)
    return value


def from_doc(cls: type[T], doc: dict[str, Any]) -> T:
    """Rebuild a dataclass; unknown keys are ignored, missing ones take their defaults."""
    kwargs = {}
    for name, convert, none_when_missing in _converters(cls):
        if name in doc:
            kwargs[name] = convert(doc[name])
        elif none_when_missing:
            kwargs[name] = None
    return cls(**kwargs)


class BadField(ValueError):
    def __init__(self, field: str, problem: str) -> None:
        super().__init__(problem)
        self.field = field


def check_doc(cls: type[T], doc: Any) -> T:
    """``from_doc`` for a document from outside: raises BadField naming the field at fault."""
    if not isinstance(doc, dict):
        raise BadField("", "must be a JSON object")
    hints = typing.get_type_hints(cls)
    for field in dataclasses.fields(cls):
        required = (
            field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING
        )
        if field.name not in doc:
            if required and type(None) not in typing.get_args(hints[field.name]):
                raise BadField(field.name, "missing")
            continue
        value = doc[field.name]
        try:
            _converter(hints[field.name])(value)
        except (TypeError, ValueError):
            raise BadField(field.name, f"{value!r} is not valid here") from None
        if not _matches(hints[field.name], value):
            raise BadField(field.name, f"{value!r} has the wrong type")
    return from_doc(cls, doc)


def _matches(hint: Any, value: Any) -> bool:
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        return any(_matches(arg, value) for arg in typing.get_args(hint))
    if hint is type(None):
        return value is None
    if isinstance(hint, type) and issubclass(hint, Enum):
        return isinstance(value, str)
    if typing.get_origin(hint) is tuple:
        inner = typing.get_args(hint)[0]
        if dataclasses.is_dataclass(inner):
            return isinstance(value, list) and all(isinstance(v, dict) for v in value)
        return isinstance(value, list) and all(_matches(inner, v) for v in value)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, hint)


@cache
def _converters(cls: type) -> tuple[tuple[str, Any, bool], ...]:
    """(field, converter, whether a missing value means None) for each field."""
    hints = typing.get_type_hints(cls)
    out = []
    for field in dataclasses.fields(cls):
        hint = hints[field.name]
        required = (
            field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING
        )
        optional = type(None) in typing.get_args(hint)
        out.append((field.name, _converter(hint), required and optional))
    return tuple(out)


def _converter(hint: Any) -> Any:
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        inner = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        convert = _converter(inner[0])
        return lambda value: None if value is None else convert(value)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint
    if typing.get_origin(hint) is tuple:
        inner = typing.get_args(hint)[0]
        if dataclasses.is_dataclass(inner):
            return lambda value: tuple(from_doc(inner, v) for v in value)
        if isinstance(inner, type) and issubclass(inner, Enum):
            return lambda value: tuple(inner(v) for v in value)
        return lambda value: tuple(_shown(v) for v in value)
    if hint in (int, float, bool):
        return lambda value: value
    if hint is str:
        return _shown_text
    return _shown


def _shown_text(value: Any) -> Any:
    """A stored string as it may be shown: one search, and the very same string when it holds
    no control character (the usual case: reads happen often)."""
    return shown(value) if type(value) is str and find_control(value) else value


def _shown(value: Any) -> Any:
    """A stored value as it may be shown: every string in it with its control characters
    (ESC, NUL, C1, bidi overrides) replaced by U+FFFD, so none reaches a terminal raw."""
    if type(value) is str:
        return shown(value)
    if isinstance(value, list):
        return [_shown(v) for v in value]
    if isinstance(value, dict):
        return {k: _shown(v) for k, v in value.items()}
    return value
