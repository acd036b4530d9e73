"""The settings behind every sick-leave figure (docs/definitions.md "Sick leave"), with their
defaults. Every stored or exported figure records `DEFINITION_VERSION` and the
settings that produced it (`SickLeaveSettings.as_dict()`)."""

from dataclasses import asdict, dataclass, replace

# 2: the stored periods carry the disclosure gate's decision (the remainder rule, the not-stated
# groups in the splits); a new version makes the next refill recompute every period.
DEFINITION_VERSION = "kasam-sickleave-2"


@dataclass(frozen=True)
class SickLeaveSettings:
    resickness_gap_days: int = 5  # a period starting D+1 … D+5 after the previous continues the case
    long_case_days: int = 60  # cases of at least this many calendar days are long-term
    short_case_max_days: int = 14  # the sick-pay period: cases of 1–14 days are short
    repeated_short_cases: int = 6  # repeated short-term absence: at least this many short cases …
    repeated_window_days: int = 365  # … starting within this many days up to and including the end
    high_risk_cases: int = 10  # the high-risk marker: this many cases of any length in the window
    return_window_days: int = 90  # "returning after long absence": the days after a long case ends
    healthy_attendance_n: tuple[int, ...] = (0, 5)  # healthy attendance presets (sick day-equivalents)
    max_hidden_persons: int = 10  # suppression: groups of at most this many persons are not shown

    def as_dict(self) -> dict:
        return {"version": DEFINITION_VERSION, **asdict(self)}


# The presets for repeated short-term absence. "6 months" is read as 183 days, the
# half of a year rounded up, so that a window never misses a day of the half year.
REPEATED_SHORT_TERM_PRESETS = {
    "6-in-12": SickLeaveSettings(),
    "3-in-6": replace(SickLeaveSettings(), repeated_short_cases=3, repeated_window_days=183),
}

# Bands by case length in calendar days (docs/definitions.md "Bands"):
# (label, first day, last day or None for open-ended).
BANDS = (
    ("1-14", 1, 14),
    ("15-59", 15, 59),
    ("60-89", 60, 89),
    ("90-179", 90, 179),
    ("180-364", 180, 364),
    ("365-", 365, None),
)

# Markers of an open sick case, by calendar day of the case; day 30 only when ≥ 60 days are expected.
CASE_MARKERS = (8, 15, 30, 90, 180, 365)
