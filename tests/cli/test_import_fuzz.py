"""Every file a person hands to lp-tui, fuzzed: any bytes in, and valid files with cells
replaced by control characters, huge text, "²", "³", 70-bit numbers, blanks, a BOM, CRLF...

Whatever comes in, the command either exits 0 having stored clean records (no control
character anywhere in the database), or exits 2 with exactly one line on stderr naming the
file, the database byte for byte as it was. Never a traceback, never exit 1.

The importers: ``roster import`` (CSV), ``ratings import`` (CSV), ``import`` (an export's
JSON), and a programme file (TOML, from $LP_TUI_SESSIONS) read by ``cohort create``.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context

from lp_tui.cli import cli
from lp_tui.domain.text import control_character
from tests.conftest import REPO_ROOT

SESSIONS = str(REPO_ROOT / "sessions")
FUZZ = settings(
    max_examples=int(os.environ.get("LP_TUI_FUZZ_EXAMPLES", "100")),  # more for a longer hunt
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

CONTROLS = (
    [chr(c) for c in range(0x20) if chr(c) not in "\n\t"]
    + [chr(c) for c in range(0x7F, 0xA0)]
    + ["\u202a", "\u202e", "\u2066", "\u2069"]
)
ODD_CELLS = [
    "²",
    "³",
    "¹",
    "٣",
    "３",
    "4²",
    str(2**70),
    str(-(2**70)),
    "1e3",
    "4.0",
    " 4 ",
    "-1",
    "0",
    "NaN",
    "",
    " ",
    "\ufeff",
    "\u200b",
    "\u200bAnn Lee",
    "Ann Lee",
    "ann lee",
    '"',
    "a,b",
    "line\r\nbreak",
    "cr\ronly",
    "yes",
    "no",
    "participant",
    "presenter",
    "coach",
    "darzi_fellow",
    "new",
    '=HYPERLINK("x")',
    "<b>x</b>",
    "[b]x[/b]",
]
# a cell that should be refused, or kept as it is, but never stored raw or crash
NASTY = st.one_of(
    st.tuples(st.text(max_size=5), st.sampled_from(CONTROLS), st.text(max_size=5)).map("".join),
    st.just("x" * 70_000),
    st.sampled_from(ODD_CELLS),
    st.text(max_size=20),
)


# ---------------------------------------------------------------- the databases


def _cli(args: list[str], sessions: str = SESSIONS) -> Result:
    return CliRunner().invoke(cli, args, env={"LP_TUI_SESSIONS": sessions})


_KEPT = tempfile.TemporaryDirectory(prefix="lp-tui-import-fuzz-")  # removed when the tests end


@cache
def _demo_db() -> bytes:
    """A database holding the demo cohort (64 people), as bytes."""
    path = Path(_KEPT.name) / "base.json"
    assert _cli(["--db", str(path), "demo", "--no-launch"]).exit_code == 0
    return path.read_bytes()


@cache
def _demo_export() -> str:
    """The demo cohort with a run of its days, exported as json."""
    folder = Path(_KEPT.name)
    db, out = folder / "db.json", folder / "export.json"
    assert _cli(["--db", str(db), "demo", "--no-launch", "--with-activity"]).exit_code == 0
    result = _cli(["--db", str(db), "export", "--format", "json", "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    return out.read_text()


VALID_ROSTER = """name,role,presenter_kind,organisation,experience,access_needs,followup_call,\
project,accessible_table
Ann Lee,participant,,Riverside CCG,new,Hearing loop,yes,Discharge,no
Dr Omar Said,coach,,,,,,,
Dr Bo Chan,presenter,darzi_fellow,,,,,,
Cy Dee,participant,,North Trust,some,"Step-free
access",no,,yes
"""
VALID_FORMS = (REPO_ROOT / "tests" / "fixtures" / "evaluation-day3-report.csv").read_text()
VALID_PROGRAMME = (
    (REPO_ROOT / "sessions" / "effective-lay-partner.toml")
    .read_text()
    .replace('key = "effective-lay-partner"', 'key = "fuzz"', 1)
)


# ---------------------------------------------------------------- the check


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (*_strings(k), *_strings(v))]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _state(db: Path) -> bytes | None:
    return db.read_bytes() if db.exists() else None


def _assert_clean_or_one_line(result: Result, file: Path, db: Path, before: bytes | None) -> None:
    out = result.stdout + result.stderr
    assert "Traceback" not in out, out
    assert result.exit_code in (0, 2), (result.exit_code, out[-2000:])
    if result.exit_code == 0:
        stored = json.loads(db.read_text())
        bad = [s for s in _strings(stored) if control_character(s)]
        assert not bad, f"control characters stored: {bad[:3]!r}"
        assert control_character(result.stdout) is None, result.stdout[-500:]
    else:
        lines = result.stderr.splitlines()
        assert len(lines) == 1, lines
        [line] = lines
        assert line.startswith("lp-tui: ")
        assert file.name in line, line
        assert control_character(line) is None, line
        assert _state(db) == before, "the database changed on a refused import"


def _run(args: list[str], data: bytes, name: str, base: bytes | None, sessions: str = SESSIONS):
    with tempfile.TemporaryDirectory(prefix="lp-tui-import-fuzz-") as folder:
        file = Path(folder) / name
        file.write_bytes(data)
        db = Path(folder) / "data" / "lp-tui.json"
        if base is not None:
            db.parent.mkdir()
            db.write_bytes(base)
        before = _state(db)
        result = _cli(["--db", str(db), *[str(file) if a == "FILE" else a for a in args]], sessions)
        _assert_clean_or_one_line(result, file, db, before)
        if currently_in_test_context():  # what happened, for --hypothesis-show-statistics
            event(result.stderr.split(": ", 2)[-1][:50] if result.exit_code else "imported")
        return result


# ---------------------------------------------------------------- mutations


@st.composite
def csv_mutations(draw: st.DrawFn, valid: str) -> bytes:
    """``valid`` with some cells replaced (header included), rows dropped or widened, then
    written with LF or CRLF, with or without a BOM, maybe cut short or in another encoding."""
    rows = list(csv.reader(io.StringIO(valid)))
    for _ in range(draw(st.integers(0, 3))):
        header = draw(st.integers(0, 5)) == 0
        row = 0 if header else draw(st.integers(min(1, len(rows) - 1), len(rows) - 1))
        if not rows[row]:
            continue
        action = draw(st.sampled_from(["cell", "cell", "cell", "drop", "widen", "shorten"]))
        if action == "cell":
            col = draw(st.integers(0, len(rows[row]) - 1))
            rows[row][col] = draw(NASTY)
        elif action == "drop" and len(rows) > 1:
            del rows[row]
        elif action == "widen":
            rows[row].append(draw(NASTY))
        elif action == "shorten":
            rows[row] = rows[row][: draw(st.integers(0, len(rows[row])))]
    buffer = io.StringIO()
    csv.writer(
        buffer, lineterminator=draw(st.sampled_from(["\n", "\n", "\r\n", "\r\n", "\r"]))
    ).writerows(rows)
    text = buffer.getvalue()
    if draw(st.booleans()):
        text = "\ufeff" + text
    encoding = draw(st.sampled_from(["utf-8"] * 12 + ["utf-16", "latin-1", "cp1252"]))
    data = text.encode(encoding, errors="replace")
    if draw(st.integers(0, 19)) == 0:
        data = data[: draw(st.integers(0, len(data)))]
    return data


@st.composite
def byte_mutations(draw: st.DrawFn, valid: str) -> bytes:
    """``valid`` as UTF-8 with a few bytes overwritten, inserted or deleted."""
    data = bytearray(valid.encode("utf-8"))
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, max(0, len(data) - 1)))
        byte = draw(st.integers(0, 255))
        action = draw(st.sampled_from(["set", "insert", "delete"]))
        if action == "set" and data:
            data[at] = byte
        elif action == "insert":
            data.insert(at, byte)
        elif data:
            del data[at]
    return bytes(data)


def _leaves(value: Any, path: tuple = ()) -> list[tuple]:
    if isinstance(value, dict):
        return [leaf for k, v in value.items() for leaf in _leaves(v, (*path, k))]
    if isinstance(value, list):
        return [leaf for i, v in enumerate(value) for leaf in _leaves(v, (*path, i))]
    return [path]


ODD_JSON = st.one_of(
    NASTY,
    st.sampled_from([2**70, -(2**70), -1, 0, 99, 1.5, True, None, [], {}, "../../x/evil"]),
)


@st.composite
def json_mutations(draw: st.DrawFn, valid: str) -> bytes:
    """The export with some values replaced (strings, numbers, lists), or keys dropped."""
    document = json.loads(valid)
    leaves = _leaves(document)
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(leaves))
        parent = document
        for step in path[:-1]:
            parent = parent[step]
        if not path:
            continue
        if draw(st.integers(0, 4)) == 0 and isinstance(parent, dict):
            parent.pop(path[-1], None)
            leaves = _leaves(document)
        else:
            parent[path[-1]] = draw(ODD_JSON)
    return json.dumps(document, ensure_ascii=draw(st.booleans())).encode()


_TOML_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')
_TOML_NUMBER = re.compile(r"(?<== )-?\d+\b")


def _toml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # JSON's escapes are TOML's (\uXXXX, \n, \")


@st.composite
def toml_mutations(draw: st.DrawFn, valid: str) -> bytes:
    """The shipped programme with quoted strings and numbers replaced, or lines dropped."""
    text = valid
    for _ in range(draw(st.integers(1, 4))):
        action = draw(st.sampled_from(["string", "string", "number", "line"]))
        if action == "string":
            found = list(_TOML_STRING.finditer(text))
            match = found[draw(st.integers(0, len(found) - 1))]
            value = _toml_string(draw(NASTY))
            text = text[: match.start()] + value + text[match.end() :]
        elif action == "number":
            found = list(_TOML_NUMBER.finditer(text))
            match = found[draw(st.integers(0, len(found) - 1))]
            value = str(draw(st.sampled_from([2**70, -(2**70), -1, 0, 1, 99, 601, 10**6])))
            text = text[: match.start()] + value + text[match.end() :]
        else:
            lines = text.split("\n")
            del lines[draw(st.integers(0, len(lines) - 1))]
            text = "\n".join(lines)
    return text.encode("utf-8")


def any_of(valid: str, structured: Any) -> st.SearchStrategy[bytes]:
    """Any bytes at all (a fifth), bytes of the valid file changed (a fifth), and mostly the
    valid file with its cells changed (three fifths)."""
    return st.one_of(
        st.binary(max_size=2000),
        byte_mutations(valid),
        structured(valid),
        structured(valid),
        structured(valid),
    )


# ---------------------------------------------------------------- the importers


def test_the_valid_files_import() -> None:
    """The files the fuzzing starts from are good: what is refused is what was changed."""
    result = _run(["roster", "import", "FILE"], VALID_ROSTER.encode(), "roster.csv", _demo_db())
    assert result.exit_code == 0, result.stderr
    result = _run(
        ["ratings", "import", "FILE", "--day", "3"], VALID_FORMS.encode(), "forms.csv", _demo_db()
    )
    assert result.exit_code == 0, result.stderr
    result = _run(["import", "FILE"], _demo_export().encode(), "export.json", None)
    assert result.exit_code == 0, result.stderr


@FUZZ
@given(any_of(VALID_ROSTER, csv_mutations))
def test_roster_import_takes_any_bytes(data: bytes) -> None:
    _run(["roster", "import", "FILE"], data, "roster.csv", _demo_db())


@FUZZ
@given(any_of(VALID_FORMS, csv_mutations))
def test_ratings_import_takes_any_bytes(data: bytes) -> None:
    _run(["ratings", "import", "FILE", "--day", "3"], data, "forms.csv", _demo_db())


@FUZZ
@given(any_of(_demo_export(), json_mutations))
def test_import_of_an_export_takes_any_bytes(data: bytes) -> None:
    _run(["import", "FILE"], data, "export.json", None)


@FUZZ
@given(any_of(VALID_PROGRAMME, toml_mutations))
def test_a_programme_file_takes_any_bytes(data: bytes) -> None:
    with tempfile.TemporaryDirectory(prefix="lp-tui-import-fuzz-") as sessions:
        (Path(sessions) / "fuzz.toml").write_bytes(data)
        _run(["cohort", "create", "X", "--programme", "fuzz"], b"", "fuzz.toml", None, sessions)
