"""Rotation of the pulse statements over a programme's rounds (kasam.pulse.rotation)."""

from collections import Counter
from itertools import chain

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kasam.pulse.question_bank import DIMENSION_IDS, HEALTH_ID, get, statements
from kasam.pulse.rotation import (
    common_statements,
    cycle_length,
    interleaving,
    statements_for_round,
)

BANK_IDS = [s.id for s in statements()]
PER_ROUND = st.integers(min_value=3, max_value=6)
ROUND = st.integers(min_value=0, max_value=10_000)
DIMENSION_SUBSETS = st.lists(st.sampled_from(DIMENSION_IDS), min_size=1, unique=True)


def rotating(round_number: int, per_round: int, dimensions=DIMENSION_IDS) -> list[str]:
    """The round's rotating statements, without the health question."""
    ids = statements_for_round(round_number, per_round, dimensions)
    assert ids[-1] == HEALTH_ID
    return ids[:-1]


def test_the_first_rounds_mix_the_dimensions_in_bank_order():
    assert statements_for_round(0) == ["beg1", "han1", "men1", "ate1", "halsa"]
    assert statements_for_round(1) == ["arb1", "psy1", "beg2", "han2", "halsa"]
    assert statements_for_round(0, per_round=6) == ["beg1", "han1", "men1", "ate1", "arb1", "psy1", "halsa"]
    assert statements_for_round(1, per_round=3, dimensions=["meningsfullhet", "begriplighet"]) == [
        "men2",
        "beg3",
        "men3",
        "halsa",
    ]


def test_the_interleaving_holds_every_statement_once():
    assert sorted(interleaving()) == sorted(BANK_IDS)
    assert len(interleaving()) == len(set(interleaving()))


@pytest.mark.parametrize("per_round", [3, 4, 5, 6])
def test_cycle_length_is_the_rounds_needed_to_ask_everything(per_round):
    assert cycle_length(per_round) == -(-len(BANK_IDS) // per_round)


@pytest.mark.parametrize("per_round", [p for p in (3, 4, 5, 6) if len(BANK_IDS) % p == 0])
def test_when_per_round_divides_the_bank_each_cycle_of_rounds_asks_every_statement_once(per_round):
    length = cycle_length(per_round)
    for cycle in range(3):
        asked = list(chain.from_iterable(rotating(cycle * length + i, per_round) for i in range(length)))
        assert Counter(asked) == Counter(BANK_IDS)
    # ... and the rounds repeat identically from cycle to cycle.
    assert [rotating(i, per_round) for i in range(length)] == [
        rotating(length + i, per_round) for i in range(length)
    ]


@given(per_round=PER_ROUND, cycle=st.integers(min_value=0, max_value=500), dimensions=DIMENSION_SUBSETS)
def test_every_statement_is_asked_exactly_once_per_cycle(per_round, cycle, dimensions):
    # A cycle is one pass through the interleaving: positions cycle * N ... cycle * N + N - 1 of the
    # rounds' statements laid end to end.
    order = interleaving(dimensions)
    size = len(order)
    if per_round > size:
        return
    first = cycle * size // per_round
    last = ((cycle + 1) * size - 1) // per_round
    laid_out = list(chain.from_iterable(rotating(n, per_round, dimensions) for n in range(first, last + 1)))
    offset = cycle * size - first * per_round
    one_cycle = laid_out[offset : offset + size]
    assert Counter(one_cycle) == Counter(order)
    assert {get(i).dimension for i in one_cycle} == set(dimensions)


@given(per_round=PER_ROUND, start=ROUND)
def test_any_cycle_length_consecutive_rounds_ask_the_whole_bank(per_round, start):
    asked = set(chain.from_iterable(rotating(start + i, per_round) for i in range(cycle_length(per_round))))
    assert asked == set(BANK_IDS)


@given(per_round=PER_ROUND, start=ROUND)
def test_no_statement_returns_before_a_full_pass(per_round, start):
    # Within len(bank) // per_round consecutive rounds no statement is asked twice.
    window = len(BANK_IDS) // per_round
    asked = list(chain.from_iterable(rotating(start + i, per_round) for i in range(window)))
    assert len(asked) == len(set(asked))


@given(round_number=ROUND, per_round=PER_ROUND)
def test_each_round_has_per_round_distinct_statements_then_the_health_question(round_number, per_round):
    ids = statements_for_round(round_number, per_round)
    assert len(ids) == per_round + 1
    assert ids[-1] == HEALTH_ID
    assert len(set(ids)) == len(ids)
    assert set(ids[:-1]) <= set(BANK_IDS)


@given(round_number=ROUND, per_round=PER_ROUND)
def test_each_round_mixes_dimensions(round_number, per_round):
    dimensions = {get(i).dimension for i in rotating(round_number, per_round)}
    assert len(dimensions) >= 2
    # With equally many statements per dimension (the bank as shipped), no dimension is asked twice.
    if len({len(statements(d)) for d in DIMENSION_IDS}) == 1:
        assert len(dimensions) == per_round


@given(round_number=ROUND, per_round=PER_ROUND, dimensions=DIMENSION_SUBSETS)
def test_rounds_over_several_dimensions_mix_them(round_number, per_round, dimensions):
    if per_round > len(interleaving(dimensions)):
        return
    asked = rotating(round_number, per_round, dimensions)
    assert {get(i).dimension for i in asked} <= set(dimensions)
    if len(dimensions) >= 2:
        assert len({get(i).dimension for i in asked}) >= 2


@given(round_number=ROUND, per_round=PER_ROUND)
def test_the_rotation_is_deterministic(round_number, per_round):
    assert statements_for_round(round_number, per_round) == statements_for_round(round_number, per_round)
    # The order in which dimensions are named does not matter.
    assert statements_for_round(round_number, per_round, list(reversed(DIMENSION_IDS))) == (
        statements_for_round(round_number, per_round)
    )


@pytest.mark.parametrize("per_round", [-1, 0, 1, 2, 7, 36, 2.0, 4.0, "4", None, True])
def test_a_bad_per_round_raises(per_round):
    with pytest.raises(ValueError):
        statements_for_round(0, per_round)
    with pytest.raises(ValueError):
        cycle_length(per_round)


def test_a_bad_round_number_raises():
    with pytest.raises(ValueError):
        statements_for_round(-1)
    with pytest.raises(TypeError):
        statements_for_round(1.0)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "dimensions", [[], ["kasam"], ["halsa"], ["begriplighet", "begriplighet"], "begriplighet"]
)
def test_bad_dimensions_raise(dimensions):
    with pytest.raises(ValueError):
        statements_for_round(0, 3, dimensions)


def test_per_round_may_not_exceed_the_chosen_statements():
    size = len(statements("begriplighet"))
    assert len(statements_for_round(0, size, ["begriplighet"])) == size + 1
    if size < 6:
        with pytest.raises(ValueError):
            statements_for_round(0, size + 1, ["begriplighet"])


def test_an_extra_tracking_statement_comes_before_the_health_question():
    assert statements_for_round(0, extra="ate3") == ["beg1", "han1", "men1", "ate1", "ate3", "halsa"]
    # Already asked by the rotation: not asked twice.
    assert statements_for_round(0, extra="men1") == ["beg1", "han1", "men1", "ate1", "halsa"]
    # Any statement of the bank, also outside the programme's dimensions.
    assert statements_for_round(0, 3, ["begriplighet"], extra="psy2")[-2:] == ["psy2", "halsa"]


@pytest.mark.parametrize("extra", ["nope", "", "halsa", "fungerar_bra", "BEG1", 3])
def test_an_unknown_extra_raises(extra):
    with pytest.raises(ValueError):
        statements_for_round(0, extra=extra)


def test_common_statements_are_those_asked_in_both_rounds():
    a = statements_for_round(0)
    b = statements_for_round(cycle_length(4))
    c = statements_for_round(1)
    assert common_statements(a, b) == a
    assert common_statements(a, c) == [HEALTH_ID]
    assert common_statements(["beg1", "arb2", "halsa"], ["halsa", "beg1", "psy1"]) == ["beg1", "halsa"]
    assert common_statements(["beg1", "beg1"], ["beg1"]) == ["beg1"]
    assert common_statements([], ["beg1"]) == []
    assert common_statements(iter(["beg1", "han1"]), iter(["han1"])) == ["han1"]


@given(a=ROUND, b=ROUND, per_round=PER_ROUND)
def test_common_statements_is_the_intersection(a, b, per_round):
    asked_a, asked_b = statements_for_round(a, per_round), statements_for_round(b, per_round)
    common = common_statements(asked_a, asked_b)
    assert set(common) == set(asked_a) & set(asked_b)
    assert HEALTH_ID in common
    assert set(common_statements(asked_b, asked_a)) == set(common)
