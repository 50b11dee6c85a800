"""Pseudonyms for anonymised exports: fresh ids and P01-style names that no named export holds
and that cannot be worked out from the real ids without the cohort's secret.

Each cohort has one secret (32 random bytes, as hex) kept in the database and never exported.
A real id becomes HMAC-SHA256(secret, id) cut to a short hex, so the same secret gives the same
pseudonyms in every export of the cohort, and without it nothing links them to the real ids.
Pseudonym numbers (P01, C01...) follow the order of those HMAC values: nothing real (id order,
name order, roster order) decides them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

KEY_BYTES = 32
ID_CHARS = 16  # the hex kept of an HMAC: 64 bits, plenty for a cohort's records


@dataclass(frozen=True, slots=True)
class PseudonymSecret:
    """A cohort's secret for pseudonyms; stored once, never exported, never imported."""

    id: str
    cohort: str
    key: str  # 64 hex characters
    at: str


def new_key() -> str:
    """32 random bytes, as hex."""
    import secrets  # here, not at a start: only a cohort's first anonymised export makes one

    return secrets.token_hex(KEY_BYTES)


def key_problem(value: str) -> str | None:
    """What is wrong with a stored secret, or None."""
    if len(value) != 2 * KEY_BYTES or any(c not in "0123456789abcdef" for c in value):
        return f"is not {2 * KEY_BYTES} lower-case hex characters"
    return None


def digest(key: str, real: str) -> str:
    """The full HMAC-SHA256 of a real id under the cohort's key, as hex."""
    import hashlib  # here, not at a start (the store imports this module for its records)
    import hmac

    return hmac.new(bytes.fromhex(key), real.encode(), hashlib.sha256).hexdigest()


def pseudo_ids(key: str, reals: Iterable[str]) -> dict[str, str]:
    """Real id -> fresh id (the HMAC cut short; longer should two ever meet)."""
    full = {real: digest(key, real) for real in set(reals) if real}
    for chars in (ID_CHARS, 32, 64):
        cut = {real: value[:chars] for real, value in full.items()}
        if len(set(cut.values())) == len(cut):
            return cut
    raise ValueError("two ids have the same HMAC")  # pragma: no cover - SHA-256 collision


def numbered(key: str, people: Iterable[tuple[str, str]]) -> dict[str, str]:
    """(real id, prefix) pairs -> pseudonyms such as P01, numbered within each prefix in the
    order of the ids' HMAC values."""
    groups: dict[str, list[str]] = {}
    for real, prefix in people:
        groups.setdefault(prefix, []).append(real)
    names: dict[str, str] = {}
    for prefix, reals in groups.items():
        width = max(2, len(str(len(reals))))
        ordered = sorted(reals, key=lambda real: digest(key, real))
        for number, real in enumerate(ordered, start=1):
            names[real] = f"{prefix}{number:0{width}d}"
    return names


def to_minute(moment: str) -> str:
    """A stored moment kept to the minute, its offset kept: 2017-11-24T10:32:07.123456+00:00 ->
    2017-11-24T10:32+00:00. Seconds and microseconds would match a named export's stamps."""
    when = datetime.fromisoformat(moment)
    return when.replace(second=0, microsecond=0).isoformat(timespec="minutes")
