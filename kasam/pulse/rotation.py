"""Which statements a pulse round asks: a deterministic round-robin through the question bank.

Pure Python (no Django import).

The rule (docs/pulse-questions.md):

1. The statements of the chosen dimensions are laid out once in a fixed *interleaving*: each
   dimension's statements are spread evenly over the sequence, dimensions taken in DIMENSIONS order.
   With equally many statements per dimension this is plain round-robin (beg1, han1, men1, ate1,
   arb1, psy1, beg2, ...), so consecutive statements come from different dimensions.
2. The interleaving is repeated endlessly, and round n (0-based) of a programme takes the next
   `per_round` statements: positions n * per_round ... n * per_round + per_round - 1.
3. One *cycle* is one pass through the interleaving: every statement is asked exactly once per
   cycle. When `per_round` divides the number of statements (36 in the bank as shipped: 3, 4 or 6
   per round), a cycle is exactly `cycle_length(per_round)` rounds and the rounds repeat identically
   from cycle to cycle. Otherwise the last round of a cycle runs over into the next cycle; any
   `cycle_length(per_round)` consecutive rounds still ask every statement.
4. The health question (`halsa`) closes every round and is not counted in `per_round`. A health-plan
   activity may add one tracking statement (`extra`), placed before `halsa`. When a round opens, the
   statements tracked by the running activities of its units are added the same way
   (`add_tracking`, called by kasam.pulse.actions.open_round; which ones: kasam.plans.tracking).

The rotation depends on the bank: adding a statement shifts the rounds after it. A programme
should therefore store the statement ids of each round when it is planned; results are compared
by statement id, over the statements asked in both rounds (`common_statements`).
"""

from collections.abc import Iterable, Sequence
from fractions import Fraction
from math import ceil

from kasam.pulse.question_bank import DIMENSION_IDS, HEALTH_ID, get, statements

MIN_PER_ROUND = 3
MAX_PER_ROUND = 6


def interleaving(dimensions: Sequence[str] = DIMENSION_IDS) -> tuple[str, ...]:
    """The fixed order in which the rotation walks the bank's statements of `dimensions`.

    Statement j (0-based) of a dimension with m statements sits at fraction (j + 1/2) / m of the
    sequence; ties are broken by the dimensions' order in DIMENSIONS. This spreads every dimension
    evenly even when dimensions have different numbers of statements."""
    chosen = _validate_dimensions(dimensions)
    keyed = []
    for rank, dimension in enumerate(chosen):
        members = statements(dimension)
        for j, statement in enumerate(members):
            keyed.append((Fraction(2 * j + 1, 2 * len(members)), rank, statement.id))
    return tuple(statement_id for _position, _rank, statement_id in sorted(keyed))


def cycle_length(per_round: int = 4, dimensions: Sequence[str] = DIMENSION_IDS) -> int:
    """The number of rounds it takes to ask every statement once: any this many consecutive rounds
    together ask every statement of `dimensions`. Exactly one cycle of rounds when `per_round`
    divides the number of statements."""
    _validate_per_round(per_round)
    size = len(interleaving(dimensions))
    _check_bank_size(per_round, size)
    return ceil(size / per_round)


def statements_for_round(
    round_number: int,
    per_round: int = 4,
    dimensions: Sequence[str] = DIMENSION_IDS,
    extra: str | None = None,
) -> list[str]:
    """The statement ids of round `round_number` (0-based) of a programme: `per_round` (3-6)
    distinct statements of the rotation, then the optional tracking statement `extra` (unless the
    rotation already asks it), then the health question `halsa`.

    ValueError for a negative round number, a `per_round` outside 3-6 or larger than the number of
    statements, an unknown or repeated dimension, or an `extra` that is not a statement of the bank."""
    if isinstance(round_number, bool) or not isinstance(round_number, int):
        raise TypeError("round_number must be an int")
    if round_number < 0:
        raise ValueError(f"round_number must be 0 or more, not {round_number}")
    _validate_per_round(per_round)
    if extra is not None:
        _validate_extra(extra)
    order = interleaving(dimensions)
    _check_bank_size(per_round, len(order))
    start = round_number * per_round
    chosen = [order[(start + i) % len(order)] for i in range(per_round)]
    if extra is not None and extra not in chosen:
        chosen.append(extra)
    chosen.append(HEALTH_ID)
    return chosen


def add_tracking(statement_ids: Sequence[str], tracked: Iterable[str]) -> list[str]:
    """The round's statements with the tracked ones added before the health question, each once:
    a statement the round already asks, the health question and ids not in the bank are left out."""
    result = [s for s in statement_ids if s != HEALTH_ID]
    for statement_id in tracked:
        if statement_id in result or statement_id == HEALTH_ID:
            continue
        try:
            get(statement_id)
        except (KeyError, TypeError):
            continue
        result.append(statement_id)
    if HEALTH_ID in statement_ids:
        result.append(HEALTH_ID)
    return result


def common_statements(asked_a: Iterable[str], asked_b: Iterable[str]) -> list[str]:
    """The statement ids asked in both rounds, in the order of `asked_a`, each once. Comparisons
    between two rounds use only these (docs/definitions.md "Pulse")."""
    in_b = set(asked_b)
    seen: set[str] = set()
    common = []
    for statement_id in asked_a:
        if statement_id in in_b and statement_id not in seen:
            seen.add(statement_id)
            common.append(statement_id)
    return common


def _validate_per_round(per_round: int) -> None:
    if isinstance(per_round, bool) or not isinstance(per_round, int):
        raise ValueError(f"per_round must be a whole number from {MIN_PER_ROUND} to {MAX_PER_ROUND}")
    if not MIN_PER_ROUND <= per_round <= MAX_PER_ROUND:
        raise ValueError(f"per_round must be from {MIN_PER_ROUND} to {MAX_PER_ROUND}, not {per_round}")


def _validate_extra(extra: str) -> None:
    try:
        found = get(extra)
    except (KeyError, TypeError):
        raise ValueError(f"unknown tracking statement id: {extra!r}") from None
    if found.id == HEALTH_ID:
        raise ValueError("the health question is always asked; it cannot be a tracking statement")


def _check_bank_size(per_round: int, size: int) -> None:
    if per_round > size:
        raise ValueError(f"per_round ({per_round}) exceeds the {size} statements of the chosen dimensions")


def _validate_dimensions(dimensions: Sequence[str]) -> tuple[str, ...]:
    """The chosen dimensions in DIMENSIONS order; ValueError if empty, unknown or repeated."""
    if isinstance(dimensions, str):
        raise ValueError("dimensions must be a sequence of dimension ids, not one string")
    given = list(dimensions)
    if not given:
        raise ValueError("at least one dimension is required")
    unknown = [d for d in given if d not in DIMENSION_IDS]
    if unknown:
        raise ValueError(f"unknown dimension(s): {', '.join(map(str, unknown))}")
    if len(set(given)) != len(given):
        raise ValueError("a dimension is given more than once")
    return tuple(d for d in DIMENSION_IDS if d in given)
