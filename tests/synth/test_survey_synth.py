"""The simulated employee survey (kasam.synth.survey): answers on every item's scale, a few skipped,
response rates around two thirds, units that differ and move a little from one year to the next, and
CSV in the survey's `long` layout. Pure: no database."""

import io
import statistics

import polars as pl

from kasam.metrics.survey import ITEMS, SCALES, counts_from_answers, item_indices
from kasam.synth import survey as simulation

# 40 units of 4 to 43 employees, mostly women.
STAFF = [
    (f"P{unit:02d}{n:02d}", f"U{unit:02d}", "K" if n % 5 else "M" if n % 10 else "")
    for unit in range(40)
    for n in range(4 + unit)
]


def test_values_lie_on_each_items_scale_and_every_item_is_asked():
    frame = simulation.answers(1, 2025, STAFF)
    assert frame.columns == list(simulation.COLUMNS)
    assert dict(frame.schema) == simulation.SCHEMA
    assert set(frame["item"].unique()) == set(ITEMS)
    bounds = frame.with_columns(
        low=pl.col("item").replace_strict({i: lo for i, (lo, _hi) in SCALES.items()}, return_dtype=pl.Int64),
        high=pl.col("item").replace_strict({i: hi for i, (_lo, hi) in SCALES.items()}, return_dtype=pl.Int64),
    )
    assert bounds.filter((pl.col("value") < pl.col("low")) | (pl.col("value") > pl.col("high"))).is_empty()
    # Answers spread over most of each scale, not only its middle.
    for item, spread in (("hme9", 5), ("nmi1", 7), ("enps", 10)):
        values = set(frame.filter(pl.col("item") == item)["value"])
        assert len(values) >= spread and SCALES[item][1] in values, (item, values)
    # One answer per respondent and item, one unit and gender per respondent, genders as given.
    assert frame.select("respondent_id", "item").is_duplicated().sum() == 0
    per_respondent = frame.group_by("respondent_id").agg(pl.col("unit_id", "gender").n_unique())
    assert per_respondent["unit_id"].max() == 1 and per_respondent["gender"].max() == 1
    assert set(frame["gender"]) == {"K", "M", ""}


def test_about_three_percent_of_the_answers_are_skipped():
    frame = simulation.answers(1, 2025, STAFF)
    respondents = frame["respondent_id"].n_unique()
    skipped = 1 - frame.height / (respondents * len(ITEMS))
    assert 0.02 <= skipped <= 0.04
    assert frame.group_by("respondent_id").len()["len"].min() >= 1


def test_about_two_thirds_answer_and_response_rates_differ_by_unit():
    frame = simulation.answers(1, 2025, STAFF)
    assert 0.6 <= frame["respondent_id"].n_unique() / len(STAFF) <= 0.75
    rates = [simulation.response_rate(1, f"U{unit:02d}", 2025) for unit in range(40)]
    assert min(rates) >= simulation.RESPONSE_MIN and max(rates) <= simulation.RESPONSE_MAX
    assert max(rates) - min(rates) > 0.1
    # Four employees: round(rate × 4) answer, two or three – too few for the gate (k = 5).
    answered = frame.filter(pl.col("unit_id") == "U00")["respondent_id"].n_unique()
    assert answered in (2, 3)


def test_same_seed_same_rows_in_any_order_and_ids_are_opaque():
    frame = simulation.answers(3, 2025, STAFF, first_year=2024)
    assert frame.equals(simulation.answers(3, 2025, list(reversed(STAFF)), first_year=2024))
    assert not frame.equals(simulation.answers(4, 2025, STAFF, first_year=2024))
    ids = frame["respondent_id"].unique().to_list()
    assert all(len(i) == 12 and int(i, 16) >= 0 for i in ids)
    assert not set(ids) & {person for person, _unit, _gender in STAFF}
    assert frame["respondent_id"].is_sorted()
    assert not set(ids) & set(simulation.answers(3, 2024, STAFF)["respondent_id"])


def test_organisation_levels_are_realistic_and_units_differ_and_move():
    previous = counts_from_answers(simulation.answers(1, 2024, STAFF, first_year=2024))
    current = counts_from_answers(simulation.answers(1, 2025, STAFF, first_year=2024))

    def indices(counts, units=None):
        tally: dict = {}
        for unit, items in counts.item_counts.items():
            if units is None or unit in units:
                for item, values in items.items():
                    for value, n in values.items():
                        tally.setdefault(item, {}).setdefault(value, 0)
                        tally[item][value] += n
        return item_indices(tally)

    for counts in (previous, current):
        index = indices(counts)
        hme = statistics.mean(index[item] for item in ITEMS[:9])
        nmi = statistics.mean(index[item] for item in ("nmi1", "nmi2", "nmi3"))
        assert 74 <= hme <= 81 and 69 <= nmi <= 78, (hme, nmi)
    hme_before = statistics.mean(indices(previous)[item] for item in ITEMS[:9])
    hme_after = statistics.mean(indices(current)[item] for item in ITEMS[:9])
    assert 0 < hme_after - hme_before < 5  # most units improve a little

    profiles = [simulation.unit_profile(1, f"U{unit:02d}") for unit in range(200)]
    assert 0.65 <= sum(p.change > 0 for p in profiles) / len(profiles) <= 0.9
    strong = [p for p in profiles if p.levels["ledarskap"] > 0.2]
    weak = [p for p in profiles if p.levels["ledarskap"] < -0.2 or p.levels["styrning"] < -0.2]
    assert len(strong) >= 10 and len(weak) >= 20


def test_csv_is_the_long_layout():
    frame = simulation.answers(1, 2025, STAFF[:60])
    data = simulation.to_csv(frame)
    text = data.decode()
    assert text.startswith("respondent_id,unit_id,item,value,gender\n")
    assert '""' not in text
    back = pl.read_csv(io.BytesIO(data), schema=simulation.SCHEMA)
    assert back.with_columns(pl.col("gender").fill_null("")).equals(frame)
