"""``lp-tui coach --as NAME``: an id or a whole name wins; else enough of a coach's name to
name one coach (case and accents ignored), as the app's search; only coaches are matched in
part, several are refused naming them, none as a name nobody has. The SSH forced command
(``coach --as 'Full Name'``) so always opens that coach's view and nobody else's."""

from __future__ import annotations

import pytest

from lp_tui.cli.common import Failure, coach_named
from lp_tui.domain.model import Person, Role
from tests.conftest import one_line

NEEDS = "lp-tui: this view needs a terminal"  # the name was taken: the view is what stops it

PEOPLE = [
    Person("c-rao", "c", "Dr Anjali Rao", Role.COACH, organisation="Barts Health"),
    Person("c-lee", "c", "Ann Lee", Role.COACH),
    Person("c-leeson", "c", "Ann Leeson", Role.COACH),
    Person("c-kelly", "c", "Siobhán Kelly", Role.COACH),
    Person("p-patel", "c", "Anjali Patel"),
    Person("p-siobhan", "c", "Siobhan"),
    Person("s-novak", "c", "Dr Ellie Novak", Role.PRESENTER),
]


@pytest.mark.parametrize(
    ("typed", "coach"),
    [
        ("anjali", "c-rao"),  # a participant is an Anjali too: only coaches match in part
        ("RAO", "c-rao"),
        ("dr anj", "c-rao"),
        ("kelly", "c-kelly"),
        ("SIOBHÁN K", "c-kelly"),  # accents ignored either way
        ("siobhan kel", "c-kelly"),
        ("Ann Lee", "c-lee"),  # the whole name wins over Ann Leeson, which it starts
        ("  ann   LEE ", "c-lee"),
        ("leeson", "c-leeson"),
        ("c-leeson", "c-leeson"),  # an id
    ],
)
def test_a_name_or_enough_of_it_names_one_coach(typed: str, coach: str) -> None:
    assert coach_named(PEOPLE, typed, "--as").id == coach


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("ann", "--as: 2 coaches match 'ann' ('Ann Lee', 'Ann Leeson'); give more of the name"),
        ("an", "--as: 4 coaches match 'an' ("),
        # a whole name that is not a coach's is refused, though it names a coach in part
        ("Siobhan", "--as: 'Siobhan' is a participant, not a coach"),
        ("Anjali Patel", "--as: 'Anjali Patel' is a participant, not a coach"),
        ("p-patel", "--as: 'Anjali Patel' is a participant, not a coach"),
        ("Dr Ellie Novak", "--as: 'Dr Ellie Novak' is a presenter, not a coach"),
        # matching in part only others' names names no coach (and says whose); another
        # field (an organisation) names nobody
        ("patel", "--as: no coach called 'patel' ('Anjali Patel' is a participant)"),
        ("ellie", "--as: no coach called 'ellie' ('Dr Ellie Novak' is a presenter)"),
        ("barts", "--as: no person called 'barts'"),
        ("coach", "--as: no person called 'coach'"),
        ("", "--as: no person called ''"),
        ("   ", "--as: no person called '   '"),
    ],
)
def test_anything_else_is_refused(typed: str, said: str) -> None:
    with pytest.raises(Failure) as caught:
        coach_named(PEOPLE, typed, "--as")
    assert str(caught.value.args[0]).startswith(said)


def test_the_command_takes_part_of_a_coachs_name_and_refuses_as_it_should(run_cli, demo) -> None:
    # the demo's coaches are all "Dr ...": one of them is Dr Anjali Rao
    for typed in ("anjali", "ANJALÍ", "Dr Anjali Rao"):
        result = run_cli("coach", "--as", typed)
        assert result.exit_code == 2 and one_line(result.stderr).startswith(NEEDS), typed
    result = run_cli("coach", "--as", "dr")
    assert result.exit_code == 2
    assert one_line(result.stderr).startswith("lp-tui: --as: 8 coaches match 'dr' ('Dr ")
    result = run_cli("coach", "--as", "Dr Ellie Novak")  # a presenter
    assert one_line(result.stderr) == "lp-tui: --as: 'Dr Ellie Novak' is a presenter, not a coach"
    assert run_cli("coach", "--as", "ellie").exit_code == 2
