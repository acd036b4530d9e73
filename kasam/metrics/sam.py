"""The systematic work-environment cycle (systematiskt arbetsmiljöarbete, SAM): the areas of the
psychosocial safety round and their answers, the risk matrix and the time each level gives to act
(docs/definitions.md "The systematic work-environment cycle", "The risk matrix"). Pure Python on
plain values and dates, no Django.

The areas follow the areas of the work-environment rules (AFS 2023:1 and AFS 2023:2, which since 2025
hold the former rules on systematic work-environment management and on the organisational and social
work environment) in Kasam's own words; the ids are stable forever, like the pulse's statement ids.
"""

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
