"""The survey's items, their scales and short names, and the checked tallies every figure is computed
from: per item, the number of answers for each value of its scale (kasam.metrics.survey gives the
definitions)."""

from collections.abc import Mapping

SURVEY_K_DEFAULT = 5
DECIMALS = 2

HME_ITEMS = ("hme1", "hme2", "hme3", "hme4", "hme5", "hme6", "hme7", "hme8", "hme9")
HME_SUBINDICES = {
    "motivation": ("hme1", "hme2", "hme3"),
    "ledarskap": ("hme4", "hme5", "hme6"),
    "styrning": ("hme7", "hme8", "hme9"),
}
NMI_ITEMS = ("nmi1", "nmi2", "nmi3")
ENPS_ITEM = "enps"
ITEMS = (*HME_ITEMS, *NMI_ITEMS, ENPS_ITEM)
INDEX_ITEMS = (*HME_ITEMS, *NMI_ITEMS)  # the items with an index on 0–100: the gap analysis's rows
SCALES: dict[str, tuple[int, int]] = {
    **dict.fromkeys(HME_ITEMS, (1, 5)),
    **dict.fromkeys(NMI_ITEMS, (1, 10)),
    ENPS_ITEM: (0, 10),
}
ITEM_NAMES = {
    "hme1": "meningsfullt",
    "hme2": "lär nytt",
    "hme3": "ser fram emot",
    "hme4": "uppskattning",
    "hme5": "förtroende",
    "hme6": "förutsättningar att ta ansvar",
    "hme7": "insatt i målen",
    "hme8": "förstår hur arbetet bidrar",
    "hme9": "målen följs upp",
    "nmi1": "NMI 1",
    "nmi2": "NMI 2",
    "nmi3": "NMI 3",
    "enps": "eNPS",
}
NMI_DEFINITION = "mean-of-three-means-1-10"
ENPS_PROMOTER_MIN = 9  # 9–10 recommend
ENPS_DETRACTOR_MAX = 6  # 0–6 do not
ANSWER_COLUMNS = ("respondent_id", "unit_id", "item", "value")

# The organisation node the gate puts above the root(s); never a unit id (unit ids are non-empty).
ORGANISATION = ""

ItemCounts = Mapping[str, Mapping[int, int]]
_Tally = dict[str, list[int]]  # item → answers per value; index 0 is the scale's low end


def check_value(item: str, value: int) -> int:
    """`value` if it is a whole number on `item`'s scale; ValueError otherwise (also for an unknown item)."""
    if item not in SCALES:
        raise ValueError(f"unknown survey item {item!r}; expected one of {', '.join(ITEMS)}")
    low, high = SCALES[item]
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueError(f"an answer to {item} is a whole number from {low} to {high}, not {value!r}")
    return value


def check_count(count: int, what: str) -> int:
    """`count` if it is a whole number ≥ 0; ValueError naming `what` otherwise."""
    if isinstance(count, bool) or not isinstance(count, int) or count < 0:
        raise ValueError(f"{what} must be a whole number ≥ 0, not {count!r}")
    return count


def check_item_counts(item_counts: ItemCounts, respondents: int | None = None) -> None:
    """ValueError unless every item is known, every value on its item's scale, every count a whole
    number ≥ 0 and – given `respondents` – no item has more answers than there are respondents."""
    tally = _tally(item_counts)
    if respondents is not None:
        _check_answers(tally, check_count(respondents, "respondents"))


def _tally(item_counts: ItemCounts) -> _Tally:
    tally: _Tally = {}
    for item, counts in item_counts.items():
        if item not in SCALES:
            raise ValueError(f"unknown survey item {item!r}; expected one of {', '.join(ITEMS)}")
        low, high = SCALES[item]
        row = [0] * (high - low + 1)
        for value, count in counts.items():
            # The checks' messages are formatted only for a bad value: this runs for every stored cell.
            if type(value) is not int or not low <= value <= high:
                check_value(item, value)
            if type(count) is not int or count < 0:
                check_count(count, f"the number of {item} answers {value}")
            row[value - low] += count
        tally[item] = row
    return tally


def _check_answers(tally: _Tally, respondents: int) -> None:
    for item, counts in tally.items():
        if sum(counts) > respondents:
            raise ValueError(f"{item} has {sum(counts)} answers but there are only {respondents} respondents")


def _answers(tally: _Tally, item: str) -> int:
    return sum(tally.get(item, ()))


def _add(into: _Tally, tally: _Tally) -> None:
    for item, counts in tally.items():
        target = into.get(item)
        if target is None:
            into[item] = list(counts)
        else:
            for offset, count in enumerate(counts):
                target[offset] += count
