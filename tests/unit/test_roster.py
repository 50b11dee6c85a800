import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lp_tui.domain.model import Experience, PresenterKind, Role
from lp_tui.domain.roster import InputError, parse_roster_csv
from lp_tui.domain.text import clean_name, control_character, name_key

HEADER = "name,role,presenter_kind,organisation,experience,access_needs,followup_call\n"


def parse(body: str, header: str = HEADER, existing=()):
    return parse_roster_csv(header + body, "roster.csv", existing)


def error_of(body: str, header: str = HEADER, existing=()) -> str:
    with pytest.raises(InputError) as caught:
        parse(body, header, existing)
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_a_full_row_is_read() -> None:
    [row] = parse("Ann Lee,participant,,Riverside CCG,new,Hearing loop,yes\n")
    assert (row.name, row.role, row.organisation) == ("Ann Lee", Role.PARTICIPANT, "Riverside CCG")
    assert row.experience is Experience.NEW
    assert row.access_needs == "Hearing loop"
    assert row.followup_call is True
    assert row.row == 2


def test_only_name_is_required_and_role_defaults_to_participant() -> None:
    [row] = parse("Ann Lee\n", header="Name\n")
    assert row.role is Role.PARTICIPANT
    assert row.experience is None
    assert row.followup_call is None


def test_headers_ignore_case_and_spaces_and_a_byte_order_mark() -> None:
    rows = parse_roster_csv("\ufeff NAME , Role\nAnn,COACH\n", "r.csv")
    assert rows[0].role is Role.COACH


def test_presenters_carry_their_kind() -> None:
    [row] = parse("Dr Bo,presenter,darzi_fellow,,,,\n")
    assert row.presenter_kind is PresenterKind.DARZI_FELLOW


def test_blank_lines_are_skipped_and_rows_keep_spreadsheet_numbers() -> None:
    rows = parse("Ann,,,,,,\n\nBob,,,,,,\n")
    assert [r.row for r in rows] == [2, 4]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (",participant,,,,,\n", "roster.csv: row 2, field 'name': a name is required"),
        ("Ann,patient,,,,,\n", "row 2, field 'role': 'patient' is not one of"),
        ("Ann,presenter,,,,,\n", "row 2, field 'presenter_kind': a presenter needs"),
        ("Ann,participant,manager,,,,\n", "row 2, field 'presenter_kind': only presenters"),
        ("Ann,,,,veteran,,\n", "row 2, field 'experience': 'veteran' is not one of"),
        ("Ann,,,,,,maybe\n", "row 2, field 'followup_call': 'maybe' is not yes or no"),
        ("Ann,,,,,,\nBob,,,,,,\nann,,,,,,\n", "row 4, field 'name': 'ann' is already on row 2"),
        ("Ann,,,,,,,,extra\n", "row 2: 9 values for 7 columns"),
        ("Ann,,,,,,\nBob,,,,new,,no\nCy,,,,,,sometimes\n", "row 4, field 'followup_call'"),
    ],
)
def test_a_bad_row_is_named_by_row_and_field(body: str, expected: str) -> None:
    assert expected in error_of(body)


def test_an_unknown_column_is_named() -> None:
    assert "row 1, field 'acess_needs': unknown column" in error_of(
        "Ann,x\n", header="name,acess_needs\n"
    )


def test_a_missing_name_column_is_named() -> None:
    assert "row 1, field 'name': required column is missing" in error_of(
        "participant\n", header="role\n"
    )


def test_a_name_already_on_the_roster_is_refused() -> None:
    assert "'Ann Lee' is already on the cohort's roster" in error_of(
        "Ann Lee,,,,,,\n", existing=["ann lee"]
    )


def test_an_empty_file_is_refused() -> None:
    with pytest.raises(InputError, match="the file is empty"):
        parse_roster_csv("", "roster.csv")
    with pytest.raises(InputError, match="no people in the file"):
        parse_roster_csv("name\n\n", "roster.csv")


names = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Cf", "Zl", "Zp")),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip())


@given(st.lists(names, min_size=1, max_size=30, unique_by=name_key))
def test_any_names_survive_the_csv_as_typed(raw_names: list[str]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["name"])
    for name in raw_names:
        writer.writerow([name])
    rows = parse_roster_csv(buffer.getvalue(), "r.csv")
    assert [r.name for r in rows] == [clean_name(n) for n in raw_names]


def test_names_that_look_like_code_or_formulas_import_like_anyone_else() -> None:
    rows = parse('<script>alert(1)</script>,,,,,,\n"=HYPERLINK(""http://x"",""y"")",,,,,,\n')
    assert [r.name for r in rows] == ["<script>alert(1)</script>", '=HYPERLINK("http://x","y")']


@pytest.mark.parametrize(
    ("cell", "code"), [("Ann\x1b[2J", "001B"), ("Bo\x00", "0000"), ("Cy\x9b2J", "009B")]
)
def test_control_characters_are_refused_naming_row_and_field(cell: str, code: str) -> None:
    message = error_of(f"Ann Lee,participant,,,,,\n{cell},participant,,,,,\n")
    assert message == (
        f"roster.csv: row 3, field 'name': holds a control character (U+{code}); "
        "names and notes are plain text"
    )


def test_control_characters_in_needs_are_refused_too() -> None:
    message = error_of("Ann Lee,participant,,,,Hearing\x07 loop,\n")
    assert message.startswith("roster.csv: row 2, field 'access_needs': holds a control")


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cf", "Cs")), max_size=30))
def test_text_without_control_characters_is_never_refused_for_them(text: str) -> None:
    assert control_character(text) is None
    assert control_character(text + "\x1b") == "U+001B"


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cf", "Cs")), max_size=10))
def test_a_lone_surrogate_anywhere_is_refused_as_not_utf8(text: str) -> None:
    # a byte that was not UTF-8 reaches Python as a lone surrogate (surrogateescape)
    assert control_character(text + "\udc80" + text) == "U+DC80, a byte that is not UTF-8"


@pytest.mark.parametrize(("cell", "code"), [("Ann\u202eeeL", "202E"), ("Bo\u2067b", "2067")])
def test_bidi_overrides_and_isolates_are_refused(cell: str, code: str) -> None:
    message = error_of(f"{cell},participant,,,,,\n")
    assert message == (
        f"roster.csv: row 2, field 'name': holds a control character (U+{code}); "
        "names and notes are plain text"
    )


def test_a_carriage_return_inside_a_quoted_cell_reads_as_a_line_end() -> None:
    [row] = parse('"Ann\rLee",participant,,,,"loop\rfront",\n')
    assert (row.name, row.access_needs) == ("Ann Lee", "loop\nfront")


def test_a_control_character_in_the_header_is_refused_naming_the_column() -> None:
    message = error_of("Ann Lee,participant,,,,,\n", header="name,ro\x1ble\n")
    assert message == (
        "roster.csv: row 1, field 'column 2': holds a control character (U+001B); "
        "names and notes are plain text"
    )


def test_a_windows_file_with_a_line_break_inside_a_cell_imports() -> None:
    text = HEADER + 'Ann Lee,participant,,,,"Hearing loop\r\nfront row",\r\n'
    [row] = parse_roster_csv(text.replace(",\n", ",\r\n"), "roster.csv")
    assert row.access_needs == "Hearing loop\nfront row"


@pytest.mark.parametrize(
    "twin",
    ["Ann\u200b Lee", "\ufeffAnn Lee", "Ann  Lee\u2060", "ANN LEE", "An\u00adn Lee"],
)
def test_names_differing_only_invisibly_are_the_same_name(twin: str) -> None:
    message = error_of(f"Ann Lee,participant,,,,,\n{twin},participant,,,,,\n")
    assert message.startswith("roster.csv: row 3, field 'name': ")
    assert message.endswith("is already on row 2")
    on_roster = error_of(f"{twin},participant,,,,,\n", existing=["Ann Lee"])
    assert on_roster.endswith("is already on the cohort's roster")


def test_a_name_is_stored_clean_and_one_of_nothing_but_invisibles_is_no_name() -> None:
    nfd = "Zoe\u0308 Lee"
    [row] = parse(f"\u200b{nfd}\u200b,participant,,,,,\n")
    assert row.name == "Zo\u00eb Lee"
    assert error_of("\u200b\u2060,participant,,,,,\n").endswith("a name is required")
    assert error_of(f"Zo\u00eb Lee,participant,,,,,\n{nfd},participant,,,,,\n").endswith(
        "is already on row 2"
    )


# ---------------------------------------------------------------- consent_quotes


CONSENT_HEADER = "name,consent_quotes\n"


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("yes", True), ("Y", True), ("TRUE", True), ("1", True), ("no", False), ("N", False),
     ("false", False), ("0", False), ("", False), ("  yes  ", True)],
)  # fmt: skip
def test_consent_quotes_reads_yes_and_no_like_the_other_yes_no_columns(
    cell: str, expected: bool
) -> None:
    [row] = parse(f"Ann Lee,{cell}\n", header=CONSENT_HEADER)
    assert row.consent_quotes is expected
    assert row.person("c1").consent_quotes is expected


def test_consent_quotes_defaults_to_no_when_the_column_is_missing() -> None:
    [row] = parse("Ann Lee\n", header="name\n")
    assert row.consent_quotes is False
    assert row.person("c1").consent_quotes is False


def test_consent_quotes_header_is_case_insensitive() -> None:
    [row] = parse("Ann Lee,yes\n", header="Name,Consent_Quotes\n")
    assert row.consent_quotes is True


@pytest.mark.parametrize("cell", ["maybe", "ok", "2", "yes please"])
def test_consent_quotes_other_than_yes_or_no_stops_the_import_naming_row_and_field(
    cell: str,
) -> None:
    message = error_of(f"Ann Lee,yes\nBob,{cell}\n", header=CONSENT_HEADER)
    assert f"row 3, field 'consent_quotes': '{cell}' is not yes or no" in message


def test_consent_quotes_error_reads_like_the_accessible_table_error() -> None:
    consent = error_of("Ann,maybe\n", header="name,consent_quotes\n")
    table = error_of("Ann,maybe\n", header="name,accessible_table\n")
    assert consent.replace("consent_quotes", "X") == table.replace("accessible_table", "X")


def test_consent_quotes_is_named_among_the_known_columns() -> None:
    message = error_of("Ann,yes\n", header="name,consent\n")
    assert "consent_quotes" in message


@given(st.sampled_from(["yes", "y", "true", "1", "no", "n", "false", "0", ""]), st.booleans())
def test_consent_quotes_any_case_gives_the_same_answer(cell: str, upper: bool) -> None:
    shown = cell.upper() if upper else cell
    [row] = parse(f"Ann Lee,{shown}\n", header=CONSENT_HEADER)
    assert row.consent_quotes is (cell in {"yes", "y", "true", "1"})
