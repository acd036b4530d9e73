"""The systematic work-environment cycle (systematiskt arbetsmiljöarbete, SAM): the areas of the
psychosocial safety round and their answers, the figures shown beside each area, the risk matrix and
the time each level gives to act, when a unit's next round is due, and the yearly follow-up per unit
and subtree (docs/definitions.md "The systematic work-environment cycle", "Areas and the figures beside
them", "The risk matrix", "The yearly follow-up"). Pure Python on plain values and dates, no Django.

The areas follow the areas of the work-environment rules (AFS 2023:1 and AFS 2023:2, which since 2025
hold the former rules on systematic work-environment management and on the organisational and social
work environment) in Kasam's own words; the ids are stable forever, like the pulse's statement ids.

The follow-up takes plain rows (`Unit`, `Round`, `Risk`, `Action`, `Delegation`) and counts them in one
pass each, then adds each unit's counts to its parent's, children first: linear in the rows and the
units (3,000 units with a few rounds, risks and delegations each take well under a second).
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from kasam.metrics.rehab import add_months

# ------------------------------------------------------------------------------------- the areas

WORKLOAD = "workload"  # arbetsbelastning och resurser
WORKING_HOURS = "working_hours"  # arbetstid och återhämtning
VICTIMISATION = "victimisation"  # kränkande särbehandling och konflikter
GOALS = "goals"  # mål och tydlighet
KNOWLEDGE = "knowledge"  # kunskaper och introduktion
COOPERATION = "cooperation"  # samverkan och delaktighet
AREAS = (WORKLOAD, WORKING_HOURS, VICTIMISATION, GOALS, KNOWLEDGE, COOPERATION)

# The answers of an area in a round.
WORKS_WELL = "works_well"  # fungerar bra
NEEDS_ATTENTION = "needs_attention"  # behöver ses över
RISK = "risk"  # risk: at least one risk is rated on the matrix
ANSWERS = (WORKS_WELL, NEEDS_ATTENTION, RISK)


def check_area(area: str) -> str:
    """`area` if it is one of AREAS; ValueError naming the areas otherwise."""
    if area not in AREAS:
        raise ValueError(f"unknown area {area!r}; expected one of {', '.join(AREAS)}")
    return area


def check_answer(answer: str) -> str:
    """`answer` if it is one of ANSWERS; ValueError naming the answers otherwise."""
    if answer not in ANSWERS:
        raise ValueError(f"unknown answer {answer!r}; expected one of {', '.join(ANSWERS)}")
    return answer


# ------------------------------------------------------------------- the figures beside each area

# The pulse's dimension ids, copied from kasam.pulse.question_bank.DIMENSION_IDS (kasam.metrics never
# imports kasam.pulse; tests/metrics/test_sam.py checks the copy).
BEGRIPLIGHET = "begriplighet"
HANTERBARHET = "hanterbarhet"
MENINGSFULLHET = "meningsfullhet"
ATERHAMTNING = "aterhamtning"
ARBETSBELASTNING = "arbetsbelastning"
PSYKOLOGISK_TRYGGHET = "psykologisk_trygghet"
PULSE_DIMENSIONS = (
    BEGRIPLIGHET,
    HANTERBARHET,
    MENINGSFULLHET,
    ATERHAMTNING,
    ARBETSBELASTNING,
    PSYKOLOGISK_TRYGGHET,
)

# HME's sub-indices (kasam.metrics.survey.items.HME_SUBINDICES) and the sick-leave figure (the
# targets' figure id), as far as they are shown beside an area.
HME_LEDARSKAP = "ledarskap"
HME_STYRNING = "styrning"
SICK_LEAVE = "sick_leave"  # the unit's sick leave over the last 12 months


@dataclass(frozen=True)
class AreaFigures:
    """The unit's figures a page shows beside an area when the round opens it, each through the
    disclosure gate like everywhere else: pulse dimensions (their index in the latest closed round),
    HME sub-indices (the latest survey) and sick-leave figures. An area may have none; the page then
    says that Kasam has no figures for it."""

    area: str
    pulse_dimensions: tuple[str, ...] = ()
    hme_subindices: tuple[str, ...] = ()
    sick_leave: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.pulse_dimensions or self.hme_subindices or self.sick_leave)


# Choice (docs/definitions.md "Areas and the figures beside them" gives the reason for each):
# meningsfullhet, HME's motivation, NMI and eNPS are beside no area – they measure engagement, not a
# condition the rules name – and knowledge and introduction has no figure of its own.
FIGURES_BESIDE = {
    WORKLOAD: AreaFigures(WORKLOAD, (ARBETSBELASTNING, HANTERBARHET), (), (SICK_LEAVE,)),
    WORKING_HOURS: AreaFigures(WORKING_HOURS, (ATERHAMTNING,), (), (SICK_LEAVE,)),
    VICTIMISATION: AreaFigures(VICTIMISATION, (PSYKOLOGISK_TRYGGHET,)),
    GOALS: AreaFigures(GOALS, (BEGRIPLIGHET,), (HME_STYRNING,)),
    KNOWLEDGE: AreaFigures(KNOWLEDGE),
    COOPERATION: AreaFigures(COOPERATION, (PSYKOLOGISK_TRYGGHET,), (HME_LEDARSKAP,)),
}


def figures_beside(area: str) -> AreaFigures:
    """The figures shown beside `area` (`FIGURES_BESIDE`); ValueError for an unknown area."""
    return FIGURES_BESIDE[check_area(area)]


def areas_of_dimension(dimension: str) -> tuple[str, ...]:
    """The areas beside which a pulse dimension is shown, in the order of AREAS (none for
    meningsfullhet); ValueError for an unknown dimension."""
    if dimension not in PULSE_DIMENSIONS:
        raise ValueError(
            f"unknown pulse dimension {dimension!r}; expected one of {', '.join(PULSE_DIMENSIONS)}"
        )
    return tuple(a for a in AREAS if dimension in FIGURES_BESIDE[a].pulse_dimensions)


# ------------------------------------------------------------------------------------ the matrix

# The steps of the two scales, 1–4, in order: (value, id).
LIKELIHOODS = ((1, "unlikely"), (2, "possible"), (3, "likely"), (4, "very_likely"))
CONSEQUENCES = ((1, "minor"), (2, "noticeable"), (3, "serious"), (4, "very_serious"))

LOW = "low"
MEDIUM = "medium"
HIGH = "high"
VERY_HIGH = "very_high"
LEVELS = (LOW, MEDIUM, HIGH, VERY_HIGH)  # from the least to the most urgent

# The bands of the score likelihood × consequence: (level, lowest score, highest score). The products
# of two numbers 1–4 are 1, 2, 3, 4, 6, 8, 9, 12 and 16, so the bands leave no product out.
BANDS = ((LOW, 1, 3), (MEDIUM, 4, 6), (HIGH, 8, 9), (VERY_HIGH, 12, 16))


@dataclass(frozen=True)
class ActWithin:
    """The time a level gives to act, from the day the risk was found: `days` days, or `months`
    calendar months (`rehab.add_months`)."""

    days: int = 0
    months: int = 0


# Choice: a very high risk is acted on at once – the first step the same day, the action in place
# within a week; high within a month; medium within three months; low at the next round, which is
# due 12 months after this one (`ROUND_MONTHS`).
ACT_WITHIN = {
    VERY_HIGH: ActWithin(days=7),
    HIGH: ActWithin(months=1),
    MEDIUM: ActWithin(months=3),
    LOW: ActWithin(months=12),
}


@dataclass(frozen=True)
class Cell:
    """One cell of the matrix: both steps as value and id, the score and its level."""

    likelihood: int
    likelihood_id: str
    consequence: int
    consequence_id: str
    score: int
    level: str


def _step(value: int, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 4:
        raise ValueError(f"{name} is a whole number from 1 to 4, not {value!r}")
    return value


def score(likelihood: int, consequence: int) -> int:
    """likelihood × consequence, 1–16; ValueError unless both are whole numbers from 1 to 4."""
    return _step(likelihood, "likelihood") * _step(consequence, "consequence")


def level(likelihood: int, consequence: int) -> str:
    """The level of a risk: its score's band (`BANDS`): 1–3 low, 4–6 medium, 8–9 high, 12–16 very
    high. ValueError unless both are whole numbers from 1 to 4.

    The level never falls when either step rises (the product rises with each factor and the bands are
    ordered), and it is the same with the two steps swapped.
    """
    product = score(likelihood, consequence)
    return next(name for name, low, high in BANDS if low <= product <= high)


def check_level(value: str) -> str:
    """`value` if it is one of LEVELS; ValueError naming the levels otherwise."""
    if value not in LEVELS:
        raise ValueError(f"unknown risk level {value!r}; expected one of {', '.join(LEVELS)}")
    return value


def act_by(risk_level: str, found_on: date) -> date:
    """The day by which a risk of `risk_level` found on `found_on` is to be acted on (`ACT_WITHIN`):
    found_on + 7 days for very high, + 1, 3 or 12 calendar months for high, medium and low."""
    within = ACT_WITHIN[check_level(risk_level)]
    return add_months(found_on, within.months) + timedelta(days=within.days)


def matrix() -> tuple[Cell, ...]:
    """The 16 cells in the order a page draws them: rows from very likely (top) down to unlikely,
    each row from minor to very serious consequence. The page shows each cell's level in words beside
    its colour, never the colour alone."""
    return tuple(
        Cell(lv, lid, cv, cid, lv * cv, level(lv, cv))
        for lv, lid in reversed(LIKELIHOODS)
        for cv, cid in CONSEQUENCES
    )


# ------------------------------------------------------------------------------- the next round

ROUND_MONTHS = 12  # a unit's round is due once a year
REMIND_MONTHS = 1  # the manager's weekly reminder starts a month before


def round_due(last_signed: date | None, today: date) -> date:
    """The day a unit's next round is due: `ROUND_MONTHS` calendar months after its last signed round
    (`rehab.add_months`: 29 February + 12 months = 28 February); `today` for a unit that has signed
    none, so that it is due at once.

    Choice: counted from the signing, not from the day the round was held: a round is done when it is
    signed, and the yearly follow-up counts it in the year of its signing.
    """
    if last_signed is None:
        return today
    return add_months(last_signed, ROUND_MONTHS)


def round_due_within_a_month(last_signed: date | None, today: date) -> bool:
    """Whether the next round is due on or before the same day next month (`round_due` ≤ today + 1
    calendar month) – for the manager's weekly reminder. Choice: a round already due or overdue is
    within a month too, so that the reminder keeps coming until the round is signed."""
    return round_due(last_signed, today) <= add_months(today, REMIND_MONTHS)


# --------------------------------------------------------------------------- the yearly follow-up

ACTION = "action"  # the risk became an action in the unit's health plan
ACCEPTED = "accepted"  # the risk was accepted, with a reason
DECISIONS = (ACTION, ACCEPTED)
# The statuses of a plan activity (kasam.plans' Activity.Status); an action is open while planned or
# ongoing.
ACTION_STATUSES = ("planned", "ongoing", "done", "cancelled")
OPEN_ACTION_STATUSES = ("planned", "ongoing")

COUNTS = (
    "units",
    "units_with_round",
    "risks_found",
    "risks_closed",
    "risks_closed_on_time",
    "actions_overdue",
    "delegations_current",
    "delegations_returned",
)


@dataclass(frozen=True)
class Unit:
    """A unit of the tree: its id, its parent's id (None for a root) and whether it is expected to
    hold a safety round (the caller decides, e.g. the units with staff of their own)."""

    id: object
    parent: object | None = None
    holds_rounds: bool = True


@dataclass(frozen=True)
class Round:
    """A safety round of a unit: the day it was held and the day it was signed (None: not yet)."""

    unit: object
    held_on: date
    signed_on: date | None = None


@dataclass(frozen=True)
class Risk:
    """A risk found in a round: its level (`LEVELS`), the day it is due (None: the level's time to
    act, `act_by`), the day it was closed – its action done, or accepted with a reason – and the
    decision (`DECISIONS`; None while undecided)."""

    id: object
    unit: object
    found_on: date
    level: str
    due_on: date | None = None
    closed_on: date | None = None
    decision: str | None = None

    @property
    def due(self) -> date:
        return self.due_on if self.due_on is not None else act_by(self.level, self.found_on)


@dataclass(frozen=True)
class Action:
    """The health plan's action for a risk: its follow-up date and status (`ACTION_STATUSES`)."""

    risk: object
    follow_up_on: date
    status: str


@dataclass(frozen=True)
class Delegation:
    """A delegated work-environment task (uppgiftsfördelning) of a unit: its holder, given on a day (by
    `given_by`), accepted on a day (None: not yet), returned on a day (returnering; None: not returned)
    and running through `ends_on` (None: until further notice)."""

    unit: object
    holder: object
    given_on: date
    accepted_on: date | None = None
    returned_on: date | None = None
    ends_on: date | None = None
    given_by: object | None = None


@dataclass(frozen=True)
class Counts:
    """The counts of the follow-up (`followup` defines each). Counts add up: a subtree's are the sum of
    its units' own."""

    units: int = 0
    units_with_round: int = 0
    risks_found: int = 0
    risks_closed: int = 0
    risks_closed_on_time: int = 0
    actions_overdue: int = 0
    delegations_current: int = 0
    delegations_returned: int = 0

    def __add__(self, other: "Counts") -> "Counts":
        return Counts(*(getattr(self, name) + getattr(other, name) for name in COUNTS))

    def as_dict(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in COUNTS}


@dataclass(frozen=True)
class FollowUp:
    """The follow-up of `year` as of `as_of` (the year's last day, or today if earlier): per unit its
    own counts and its subtree's (the unit and every unit below it); the tree as `roots` and
    `children` (in the order the units were given)."""

    year: int
    as_of: date
    own: dict
    subtree: dict
    roots: tuple
    children: dict


def _tree(units: Sequence[Unit]) -> tuple[dict, dict, list]:
    """{id: Unit}, {id: child ids}, the ids parents first; ValueError for a repeated id, an unknown
    parent or a cycle."""
    by_id: dict = {}
    for unit in units:
        if unit.id in by_id:
            raise ValueError(f"unit {unit.id!r} is given twice")
        by_id[unit.id] = unit
    children: dict = {uid: [] for uid in by_id}
    roots = []
    for unit in units:
        if unit.parent is None:
            roots.append(unit.id)
        elif unit.parent not in by_id:
            raise ValueError(f"unit {unit.id!r} has an unknown parent {unit.parent!r}")
        else:
            children[unit.parent].append(unit.id)
    order = list(roots)
    for uid in order:  # grows while it is read: breadth first
        order.extend(children[uid])
    if len(order) != len(by_id):
        raise ValueError("the units' parents form a cycle")
    return by_id, children, order


def _known(unit: object, by_id: dict, what: str) -> object:
    if unit not in by_id:
        raise ValueError(f"{what} of an unknown unit {unit!r}")
    return unit


def _not_before(later: date | None, earlier: date, message: str) -> None:
    if later is not None and later < earlier:
        raise ValueError(message)


def followup(
    units: Sequence[Unit],
    rounds: Iterable[Round],
    risks: Iterable[Risk],
    actions: Iterable[Action],
    delegations: Iterable[Delegation],
    year: int,
    today: date,
) -> FollowUp:
    """The yearly follow-up of the systematic work-environment cycle for `year`, per unit (`own`) and
    per subtree (`subtree`: the unit and everything below it). Every count is read on the day
    `as_of` = the year's last day, or `today` if earlier; the year runs from 1 January to `as_of`.

    - `units`: the units expected to hold a round (`Unit.holds_rounds`), and any other unit that
      signed a round in the year. Choice: a unit that held a round was expected to, so
      `units_with_round` ≤ `units` always.
    - `units_with_round`: units with a round signed in the year (1 January – `as_of`). Choice: a round
      counts in the year it was signed, not the year it was held: it is done when it is signed.
    - `risks_found`: risks found in the year.
    - `risks_closed`: of those, the ones closed on or before `as_of`. Choice: by the end of the year or
      today, whichever is earlier – a risk found in December and closed in January counts as open in
      the year's follow-up, so that a past year's figures never change.
    - `risks_closed_on_time`: of the closed, those closed on or before their due date (the round's
      `due_on`, else the level's time to act, `act_by`). An accepted risk is closed on the day it was
      accepted.
    - `actions_overdue`: the actions of the year's found risks still open (planned or ongoing) whose
      follow-up date is before `as_of` – the plans overview's rule: on the date itself it is due, not
      overdue; a cancelled action is not overdue. Choice: an action's status is the one it has now
      (the plan keeps no date of a change of status), so for a past year an action done since counts
      as done. Counted per action, in the unit of its risk.
    - `delegations_current`: delegations accepted on or before `as_of`, not returned on or before it,
      and running on it (no `ends_on`, or `ends_on` ≥ `as_of`: the end day is the last day it runs).
      Choice: counted on the one day `as_of`, whatever year the delegation was given in.
    - `delegations_returned`: delegations returned in the year.

    The counts of a subtree are its units' own summed, so the organisation's figures are the root's
    own plus the sum of its children's subtrees. ValueError for a year that has not begun on `today`,
    a repeated or unknown unit, a cycle, a row of an unknown unit or risk, an unknown level, decision
    or status, or dates out of order (signed before held; closed or due before found; accepted,
    returned or ended before given).
    """
    start, end = date(year, 1, 1), date(year, 12, 31)
    if today < start:
        raise ValueError(f"the year {year} has not begun on {today.isoformat()}")
    as_of = min(today, end)
    by_id, children, order = _tree(units)
    tally = _Tally(order)
    _count_rounds(tally, by_id, rounds, start, as_of)
    found, risk_ids = _count_risks(tally, by_id, risks, start, as_of)
    _count_actions(tally, found, risk_ids, actions, as_of)
    _count_delegations(tally, by_id, delegations, start, as_of)
    return FollowUp(
        year=year,
        as_of=as_of,
        own={uid: Counts(*tally.own[tally.index[uid]]) for uid in by_id},
        subtree=tally.subtrees(by_id),
        roots=tuple(uid for uid in order if by_id[uid].parent is None),
        children={uid: tuple(kids) for uid, kids in children.items()},
    )


class _Tally:
    """Each unit's own counts, as lists of ints in the order of COUNTS (fast to add to)."""

    def __init__(self, order: list) -> None:
        self.order = order
        self.index = {uid: i for i, uid in enumerate(order)}
        self.own = [[0] * len(COUNTS) for _ in order]
        self.fields = {name: i for i, name in enumerate(COUNTS)}

    def add(self, unit: object, name: str) -> None:
        self.own[self.index[unit]][self.fields[name]] += 1

    def subtrees(self, by_id: dict) -> dict:
        """{unit: Counts of its subtree}: each unit's own counts added to its parent's, children
        first (the order is parents first, so read backwards)."""
        total = [list(row) for row in self.own]
        for uid in reversed(self.order):
            parent = by_id[uid].parent
            if parent is not None:
                theirs = total[self.index[parent]]
                for i, value in enumerate(total[self.index[uid]]):
                    theirs[i] += value
        return {uid: Counts(*total[self.index[uid]]) for uid in by_id}


def _count_rounds(tally: _Tally, by_id: dict, rounds: Iterable[Round], start: date, as_of: date) -> None:
    with_round = set()
    for r in rounds:
        _known(r.unit, by_id, "a round")
        if r.signed_on is not None:
            _not_before(r.signed_on, r.held_on, f"a round of unit {r.unit!r} is signed before it was held")
            if start <= r.signed_on <= as_of:
                with_round.add(r.unit)
    for uid, unit in by_id.items():
        if unit.holds_rounds or uid in with_round:
            tally.add(uid, "units")
        if uid in with_round:
            tally.add(uid, "units_with_round")


def _check_risk(risk: Risk, by_id: dict) -> None:
    _known(risk.unit, by_id, "a risk")
    check_level(risk.level)
    if risk.decision is not None and risk.decision not in DECISIONS:
        raise ValueError(f"unknown decision {risk.decision!r}; expected one of {', '.join(DECISIONS)}")
    _not_before(risk.closed_on, risk.found_on, f"risk {risk.id!r} is closed before it was found")
    _not_before(risk.due_on, risk.found_on, f"risk {risk.id!r} is due before it was found")


def _count_risks(
    tally: _Tally, by_id: dict, risks: Iterable[Risk], start: date, as_of: date
) -> tuple[dict, set]:
    """Counts the risks found in the year; returns them by id, and every risk id."""
    found: dict = {}
    risk_ids: set = set()
    for risk in risks:
        _check_risk(risk, by_id)
        if risk.id in risk_ids:
            raise ValueError(f"risk {risk.id!r} is given twice")
        risk_ids.add(risk.id)
        if not start <= risk.found_on <= as_of:
            continue
        found[risk.id] = risk
        tally.add(risk.unit, "risks_found")
        if risk.closed_on is not None and risk.closed_on <= as_of:
            tally.add(risk.unit, "risks_closed")
            if risk.closed_on <= risk.due:
                tally.add(risk.unit, "risks_closed_on_time")
    return found, risk_ids


def _count_actions(tally: _Tally, found: dict, risk_ids: set, actions: Iterable[Action], as_of: date) -> None:
    for action in actions:
        if action.risk not in risk_ids:
            raise ValueError(f"an action of an unknown risk {action.risk!r}")
        if action.status not in ACTION_STATUSES:
            expected = ", ".join(ACTION_STATUSES)
            raise ValueError(f"unknown action status {action.status!r}; expected one of {expected}")
        risk = found.get(action.risk)
        if risk is not None and action.status in OPEN_ACTION_STATUSES and action.follow_up_on < as_of:
            tally.add(risk.unit, "actions_overdue")


def _count_delegations(
    tally: _Tally, by_id: dict, delegations: Iterable[Delegation], start: date, as_of: date
) -> None:
    for d in delegations:
        _known(d.unit, by_id, "a delegation")
        for day, what in ((d.accepted_on, "accepted"), (d.returned_on, "returned"), (d.ends_on, "ended")):
            _not_before(day, d.given_on, f"a delegation of unit {d.unit!r} is {what} before it was given")
        returned = d.returned_on is not None and d.returned_on <= as_of
        accepted = d.accepted_on is not None and d.accepted_on <= as_of
        if accepted and not returned and (d.ends_on is None or d.ends_on >= as_of):
            tally.add(d.unit, "delegations_current")
        if d.returned_on is not None and start <= d.returned_on <= as_of:
            tally.add(d.unit, "delegations_returned")
