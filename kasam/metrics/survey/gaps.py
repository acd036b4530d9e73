"""The gap analysis: a unit's item indices against the organisation's (strengths, then gaps) and
against the unit's previous survey."""

from collections.abc import Mapping
from dataclasses import asdict, dataclass

from kasam.metrics.survey.indices import rounded
from kasam.metrics.survey.items import INDEX_ITEMS
from kasam.metrics.survey.results import SurveyResults


@dataclass(frozen=True)
class GapRow:
    """One item of a unit's gap analysis; indices on 0–100 at full precision (rounded once, when
    shown). `gap` = unit − organisation; `change` = unit − the unit's previous survey, or None."""

    item: str
    unit_index: float
    organisation_index: float
    gap: float
    change: float | None
    strength: bool  # unit ≥ organisation

    def as_dict(self) -> dict:
        """The row for JSON: its figures to 2 decimals."""
        row = asdict(self)
        for name in ("unit_index", "organisation_index", "gap", "change"):
            row[name] = rounded(row[name])
        return row


def gap_analysis(
    unit_items: Mapping[str, float | None],
    organisation_items: Mapping[str, float | None],
    previous_unit_items: Mapping[str, float | None] | None = None,
) -> list[GapRow]:
    """A unit's items against the organisation's: strengths first (unit ≥ organisation, the largest
    positive gap first), then the gaps (unit < organisation, the largest gap first); ties in item order.

    Choices: the rows are the HME and NMI items (`INDEX_ITEMS`, item indices from `item_indices`);
    an item without a unit or organisation index (hidden, not asked) has no row; gap and change are
    kept at full precision; strength and order follow the gap rounded to 2 decimals (as JSON gives
    it), so that a gap of 0.00 is a strength and, rounding being monotone, what is shown is in order."""
    rows = []
    for item in INDEX_ITEMS:
        unit, organisation = unit_items.get(item), organisation_items.get(item)
        if unit is None or organisation is None:
            continue
        previous = None if previous_unit_items is None else previous_unit_items.get(item)
        gap = unit - organisation
        rows.append(
            GapRow(
                item=item,
                unit_index=unit,
                organisation_index=organisation,
                gap=gap,
                change=None if previous is None else unit - previous,
                strength=rounded(gap) >= 0,  # type: ignore[operator]
            )
        )
    position = {item: number for number, item in enumerate(INDEX_ITEMS)}
    return sorted(rows, key=lambda row: (not row.strength, -abs(rounded(row.gap)), position[row.item]))


def gap_analyses(current: SurveyResults, previous: SurveyResults | None = None) -> dict[str, list[GapRow]]:
    """`gap_analysis` for every shown unit of a survey (hidden units get none), in tree order. The
    change is against the unit's item indices in `previous` where the unit was shown there."""
    previous_items = {} if previous is None else previous.items
    return {
        unit: gap_analysis(items, current.organisation_items, previous_items.get(unit))
        for unit, items in current.items.items()
    }
