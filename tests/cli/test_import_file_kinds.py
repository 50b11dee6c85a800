"""A CSV saved the wrong way (semicolon- or tab-separated, or UTF-16) is refused by every CSV
import in one line that says what the file looks like and how to save it; exit 2, nothing
written."""

from __future__ import annotations

from pathlib import Path

import pytest

from lp_tui.store.files import looks_utf16
from tests.conftest import one_line

# each import, with a header it would take
IMPORTS = {
    "roster": (("roster", "import"), ["name", "role"], ["Ann Lee", "participant"]),
    "ratings": (("ratings", "import", "--day", "3"), ["form", "small_groups"], ["1", "5"]),
    "self-assessment": (
        ("self-assessment", "import", "--stage", "before"),
        ["name", "c1"],
        ["Ann Lee", "4"],
    ),
}
UTF16 = "looks like UTF-16 text, not UTF-8: save it as UTF-8 CSV"


def refused(run_cli, db_path: Path, command: tuple[str, ...], file: Path) -> str:
    before = db_path.read_bytes()
    result = run_cli(*command[:2], str(file), *command[2:])
    assert result.exit_code == 2, result.output
    assert db_path.read_bytes() == before
    return one_line(result.stderr)


@pytest.mark.parametrize("kind", IMPORTS)
@pytest.mark.parametrize(
    ("separator", "said"),
    [
        (";", "one column with ';' in it: the file looks semicolon-separated"),
        ("\t", "one column with a tab in it: the file looks tab-separated"),
    ],
)
def test_a_file_separated_otherwise_is_named_so(
    run_cli, db_path, demo, tmp_path, kind, separator, said
) -> None:
    command, header, row = IMPORTS[kind]
    file = tmp_path / "in.csv"
    file.write_text(f"{separator.join(header)}\n{separator.join(row)}\n", encoding="utf-8")
    line = refused(run_cli, db_path, command, file)
    assert line.startswith(f"lp-tui: {file}: row 1: the header row is {said}")
    assert "save it as comma-separated CSV" in line


@pytest.mark.parametrize("kind", IMPORTS)
@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_a_utf16_file_is_named_so(run_cli, db_path, demo, tmp_path, kind, encoding) -> None:
    command, header, row = IMPORTS[kind]
    file = tmp_path / "in.csv"
    file.write_bytes(f"{','.join(header)}\r\n{','.join(row)}\r\n".encode(encoding))
    line = refused(run_cli, db_path, command, file)
    assert line.startswith(f"lp-tui: {file}: {UTF16}")


def test_a_file_in_another_8_bit_encoding_is_asked_for_as_utf8(
    run_cli, db_path, demo, tmp_path
) -> None:
    file = tmp_path / "in.csv"
    file.write_bytes("name\nRenée Lee\n".encode("cp1252"))
    line = refused(run_cli, db_path, ("roster", "import"), file)
    assert line == f"lp-tui: {file}: not UTF-8 text (byte 8): save it as UTF-8 CSV " + (
        "(Excel: Save As, CSV UTF-8)"
    )


@pytest.mark.parametrize(
    ("data", "utf16"),
    [
        (b"\xff\xfename", True),
        (b"\xfe\xff\x00n", True),
        ("name,role\nRenée,coach\n".encode("utf-16-le"), True),
        ("name,role\nRenée,coach\n".encode("utf-16-be"), True),
        ("name,role\nRenée,coach\n".encode(), False),
        (b"name\x00,role\n", False),  # a stray NUL: refused later as a control character
        (b"", False),
        (b"n\x00", False),
    ],
)
def test_utf16_is_told_by_its_mark_or_its_nul_bytes(data: bytes, utf16: bool) -> None:
    assert looks_utf16(data) is utf16
