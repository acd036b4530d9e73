"""The release of what rehabilitation cases add up to (kasam.rehab.release): a whole ended year, units
and groups of more than 10 persons only, the remainder rule between a unit and the units shown below
it, published once, by the command and by the demo's releases step."""

import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from rehab_outcome_cases import long_cases

from kasam.releases.demo import ensure_demo_releases
from kasam.releases.models import LedgerCell
from kasam.releases.publish import ReleaseError, publish


@pytest.fixture
def year_2025(personas):
    """Hemtjänst Norr 12 persons with a tasks adjustment, Solgården 3 with aids (both under
    Äldreomsorg), Barn och unga 14 without an adjustment: 29 persons in 2025."""
    long_cases("A", 12, "AO-HT1", date(2025, 3, 3), kinds=("tasks",))
    long_cases("B", 3, "AO-SB1", date(2025, 4, 7), kinds=("aids",))
    long_cases("C", 14, "IFO-BU", date(2025, 5, 5), kinds=())


def test_a_hidden_group_or_unit_never_appears_in_the_release(year_2025):
    release = publish("rehab", "2025")
    figures = release.figures
    assert figures["SOC"]["persons"] == 29 and figures["SOC"]["plan_on_time"]["of"] == 29
    assert release.settings["as_of"] == "2026-11-25"
    groups = {g["group"]: g for g in figures["SOC"]["groups"]["adjustment_kind"]}
    # aids (3 persons) is hidden, and with it the smallest other group with persons (tasks, 12).
    assert "aids" not in groups and "tasks" not in groups
    assert groups["none"]["persons"] == 14 and groups["working_hours"]["persons"] == 0
    # Solgården has 3 persons: absent. Äldreomsorg (15) minus Hemtjänst Norr (12) would leave Solgården's
    # 3, so Hemtjänst Norr is hidden too (the remainder rule).
    assert "AO-SB1" not in figures and "AO-HT1" not in figures
    assert figures["AO"]["persons"] == 15 and figures["IFO-BU"]["persons"] == 14
    assert "groups" not in figures["AO"]  # the groups are the organisation's only
    text = json.dumps(figures)
    assert "aids" not in text and "Rehabsson" not in text and "A-1" not in text
    cells = set(LedgerCell.objects.filter(release=release).values_list("unit_id", "cell"))
    assert ("SOC", "all") in cells and ("AO", "remainder") in cells
    assert ("SOC", "adjustment_kind:none") in cells and not any(u == "AO-SB1" for u, _c in cells)


def test_a_unit_of_ten_persons_is_hidden_and_so_is_its_figure(personas):
    long_cases("A", 10, "AO-HT1", date(2025, 3, 3))
    long_cases("C", 11, "IFO-BU", date(2025, 5, 5), plan_on_day=None)
    figures = publish("rehab", "2025").figures
    assert "AO-HT1" not in figures and "AO" not in figures
    # The organisation (21) is shown, but its remainder outside Individ- och familjeomsorg and Barn och
    # unga (11) – Äldreomsorg's 10 – is not: both go, one after the other.
    assert set(figures) == {"SOC"}
    assert figures["SOC"]["persons"] == 21 and figures["SOC"]["plan_on_time"]["count"] == 10


def test_a_year_is_published_once_and_only_a_whole_year(year_2025):
    publish("rehab", "2025")
    with pytest.raises(ReleaseError):
        publish("rehab", "2025")
    with pytest.raises(ReleaseError):
        publish("rehab", "2025-T2")
    with pytest.raises(ReleaseError):
        publish("rehab", "2026")  # not ended


def test_the_command_and_the_demo_publish_it(year_2025):
    assert [r.period for r in ensure_demo_releases() if r.kind == "rehab"] == ["2025"]
    assert ensure_demo_releases() == []
    out = StringIO()
    with pytest.raises(CommandError):
        call_command(
            "release", "publish", "--kind", "rehab", "--period", "2025", "--format", "json", stdout=out
        )
    long_cases("D", 11, "IFO-BU", date(2024, 5, 5))
    call_command("release", "publish", "--kind", "rehab", "--period", "2024", "--format", "json", stdout=out)
    assert json.loads(out.getvalue())["units_shown"] == 3  # SOC, IFO, IFO-BU
