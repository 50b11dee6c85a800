"""The behaviours exercise folds append-only edits into the cohort's list."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from lp_tui.domain.behaviours import fold, key
from lp_tui.domain.model import BehaviourEdit, EditKind


def edit(kind: str, text: str = "", target: str = "", places: int = 0) -> BehaviourEdit:
    return BehaviourEdit("id", "c", EditKind(kind), "t", text=text, target=target, places=places)


def test_appreciated_phrases_keep_their_order_and_are_not_repeated() -> None:
    result = fold(
        [
            edit("appreciate", "listens"),
            edit("appreciate", "asks  questions"),
            edit("appreciate", "LISTENS"),
        ]
    )
    assert result.appreciated == ("Listens", "Asks questions")


def test_adopting_a_phrase_puts_it_on_the_list() -> None:
    result = fold([edit("appreciate", "listens"), edit("adopt", "listens")])
    assert result.names == ["Listens"]
    assert result.home_of("listens") == "Listens"


def test_fold_rename_merge_keep_every_phrase_pointing_home() -> None:
    result = fold(
        [
            edit("adopt", "Listens"),
            edit("adopt", "Asks what others think"),
            edit("fold", "lets people finish", target="listens"),
            edit("rename", "Listening to understand", target="Listens"),
            edit("merge", "Asks what others think", target="Listening to understand"),
        ]
    )
    assert result.names == ["Asks what others think"]
    for phrase in ("Listens", "lets people finish", "Listening to understand"):
        assert result.canonical(phrase) == "Asks what others think"


def test_moves_reorder_and_stop_at_the_ends() -> None:
    edits = [edit("adopt", n) for n in ("A", "B", "C")]
    assert fold([*edits, edit("move", target="C", places=-1)]).names == ["A", "C", "B"]
    assert fold([*edits, edit("move", target="A", places=-9)]).names == ["A", "B", "C"]
    assert fold([*edits, edit("move", target="A", places=9)]).names == ["B", "C", "A"]


def test_edits_on_a_behaviour_that_has_gone_are_ignored() -> None:
    result = fold([edit("adopt", "A"), edit("remove", target="A"), edit("rename", "B", target="A")])
    assert result.names == []


def test_a_rename_onto_another_name_is_ignored() -> None:
    result = fold([edit("adopt", "A"), edit("adopt", "B"), edit("rename", "b", target="A")])
    assert result.names == ["A", "B"]


def test_pick_takes_a_number_or_words() -> None:
    result = fold([edit("adopt", "Listens"), edit("adopt", "Challenges kindly")])
    assert result.pick("2") == "Challenges kindly"
    assert result.pick(" listens ") == "Listens"
    assert result.pick("9") == "9"
    assert result.pick("builds  on ideas") == "Builds on ideas"
    assert result.pick("²") == "²"  # a digit to str.isdigit, not a number: words


def test_a_number_no_behaviour_has_is_a_problem_words_never_are() -> None:
    two = fold([edit("adopt", "Listens"), edit("adopt", "Challenges kindly")])
    assert [two.pick_problem(a) for a in ("1", " 2 ", "words", "²", "")] == [None] * 5
    assert two.pick_problem("3") == "A number from 1 to 2, or the behaviour in words."
    assert two.pick_problem("0") == "A number from 1 to 2, or the behaviour in words."
    none = fold([])
    assert none.pick_problem("2") == (
        "No list of behaviours is agreed yet: say the behaviour in words."
    )
    assert none.pick_problem("Builds on ideas") is None


names = st.sampled_from(["Listens", "listens", "Asks", "Owns mistakes", "Data", "Kind"])
edits = st.builds(
    edit,
    st.sampled_from([k.value for k in EditKind]),
    names,
    names,
    st.integers(-3, 3),
)


@given(st.lists(edits, max_size=40))
def test_any_edits_leave_a_list_without_twins_and_one_home_per_phrase(history) -> None:
    result = fold(history)
    assert len({key(n) for n in result.names}) == len(result.names)
    homes: dict[str, str] = {}
    for behaviour in result.aspired:
        for source in behaviour.sources:
            assert homes.setdefault(key(source), behaviour.name) == behaviour.name
    for name in result.names:
        assert result.canonical(name) == name


def test_a_behaviours_name_cannot_be_folded_into_another() -> None:
    result = fold(
        [
            edit("adopt", "Listens"),
            edit("adopt", "Owns mistakes"),
            edit("fold", "Listens", target="Owns mistakes"),  # that is what merge is for
            edit("rename", "Listens", target="Listens"),
        ]
    )
    assert result.names == ["Listens", "Owns mistakes"]
    assert result.canonical("listens") == "Listens"
