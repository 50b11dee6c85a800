"""``self-assessment import`` fuzzed as tests/cli/test_import_fuzz.py fuzzes the other
importers: any bytes, and a valid file with its cells replaced by control characters, huge
text, "²", 70-bit numbers, blanks, a BOM, CRLF... Whatever comes in, the command exits 0 having
stored clean records, or exits 2 with one line naming the file, the database byte for byte as
it was. Never a traceback, never exit 1."""

from __future__ import annotations

import csv
import io
import json
from functools import cache

from hypothesis import given

from tests.cli.test_import_fuzz import FUZZ, _demo_db, _run, any_of, csv_mutations


@cache
def _valid() -> str:
    """Four of the demo's participants, rated against keys and statement texts alike."""
    people = json.loads(_demo_db())["people"].values()
    names = [p["name"] for p in people if p.get("role", "participant") == "participant"][:4]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["name", "c1", "Willingness to challenge professionals", "o6", "O1"])
    for number, name in enumerate(names):
        writer.writerow([name, str(1 + number), "", str(5 - number), "3"])
    return buffer.getvalue()


def test_the_valid_file_imports_at_each_stage() -> None:
    for stage in ("before", "end", "3-months"):
        result = _run(
            ["self-assessment", "import", "FILE", "--stage", stage],
            _valid().encode(),
            "self.csv",
            _demo_db(),
        )
        assert result.exit_code == 0, result.stderr
        assert "imported 4 self-assessments" in result.stdout


@FUZZ
@given(any_of(_valid(), csv_mutations))
def test_self_assessment_import_takes_any_bytes(data: bytes) -> None:
    result = _run(
        ["self-assessment", "import", "FILE", "--stage", "before"], data, "self.csv", _demo_db()
    )
    if result.exit_code == 2:
        assert result.stderr.rstrip().endswith("; nothing imported"), result.stderr
