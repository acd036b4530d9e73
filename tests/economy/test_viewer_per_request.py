"""The viewer (kasam.anonymity.viewer): one object per request answers "what may this viewer see of
this unit in this period", and no view checks a scope or a hidden set itself.

The organisation is the economy tests' (conftest.py): Solrosen (AO-SR), 5 persons, is too small to
show.
"""

import re
from pathlib import Path

import pytest
from django.test import RequestFactory

from kasam.anonymity.viewer import CommitteeViewer, Viewer, ViewerMiddleware
from kasam.org.models import Unit
from kasam.releases.publish import publish

KASAM = Path(__file__).resolve().parents[2] / "kasam"


def every_unit() -> list[str]:
    return list(Unit.objects.order_by("path").values_list("pk", flat=True))


@pytest.mark.django_db
def test_the_committee_sees_sick_leave_only_through_the_release(staffed):
    viewer = Viewer(staffed["politiker"])
    assert viewer.live_sick_leave_ids == frozenset()
    assert viewer.sick_leave_released_only(every_unit())
    # Before anything is published the committee sees no unit at all.
    assert not any(viewer.sick_leave_shown(unit) for unit in every_unit())

    release = publish("sick-leave", "2026-T2")
    viewer = Viewer(staffed["politiker"])
    assert {unit: viewer.sick_leave_shown(unit) for unit in every_unit()} == {
        unit: unit in release.figures for unit in every_unit()
    }
    assert viewer.sick_leave_shown("SOC") and viewer.sick_leave_shown("IFO-BU")
    assert not viewer.sick_leave_shown("AO-SR"), "five persons are below the sick-leave rule"
    assert viewer.latest_sick_leave_release.period.code == "2026-T2"


@pytest.mark.django_db
def test_the_committee_viewer_of_public_reports_sees_what_a_politician_sees(staffed):
    publish("sick-leave", "2026-T2")
    politician, committee = Viewer(staffed["politiker"]), CommitteeViewer()
    assert committee.sick_leave_unit_ids == frozenset(every_unit())
    assert {u: committee.sick_leave_shown(u) for u in every_unit()} == {
        u: politician.sick_leave_shown(u) for u in every_unit()
    }
    assert committee.pulse_scope == committee.survey_scope == frozenset(every_unit())


@pytest.mark.django_db
def test_hr_and_the_manager_see_live_figures_within_their_scope_only(staffed):
    publish("sick-leave", "2026-T2")
    hr = Viewer(staffed["hr"])
    assert hr.live_sick_leave_ids == frozenset(every_unit())
    assert hr.sick_leave_shown("AO-SR"), "HR sees the small unit's figures unsuppressed"
    assert not hr.sick_leave_released_only(every_unit())

    manager = Viewer(staffed["enhetschef"])
    assert manager.sick_leave_unit_ids == {"AO-HT1", "AO-HT1-A"}
    assert manager.sick_leave_shown("AO-HT1")
    assert not manager.sick_leave_shown("IFO-BU"), "another manager's unit is outside the scope"
    assert manager.pulse_scope == {"AO-HT1", "AO-HT1-A"}
    assert manager.sees_pulse_unit("AO-HT1-A") and not manager.sees_pulse_unit("AO-SB1")


@pytest.mark.django_db
def test_the_viewer_reads_each_answer_once_per_request(staffed, django_assert_num_queries):
    publish("sick-leave", "2026-T2")
    viewer = Viewer(staffed["politiker"])
    units = every_unit()
    viewer.sick_leave_shown("SOC")
    viewer.sick_leave_year_release(2025)
    with django_assert_num_queries(0):
        shown = {unit: viewer.sick_leave_shown(unit) for unit in units}
        assert viewer.sick_leave_year_release(2025) is None  # asked once, not again
    assert shown["SOC"] and not shown["AO-SR"]


@pytest.mark.django_db
def test_every_request_gets_its_own_viewer_made_on_first_use(personas):
    seen = []
    middleware = ViewerMiddleware(lambda request: seen.append(request.viewer) or "response")
    for username in ("politiker", "hr"):
        request = RequestFactory().get("/")
        request.user = personas[username]
        assert middleware(request) == "response"
    assert [viewer.user.username for viewer in seen] == ["politiker", "hr"]
    assert seen[0].live_sick_leave_ids == frozenset() and seen[1].live_sick_leave_ids


# What a view may not do itself: work out a scope or a hidden set. These are the gate's and the
# scopes' own functions; a view asks request.viewer instead.
FORBIDDEN_IN_VIEWS = re.compile(
    r"ungated_units\(|hidden_units\(|pulse_scope\(|pulse_units\(|survey_units\(|sick_leave_units\("
    r"|viewer_nodes\("
    r"|latest_sick_leave\(|release\.shown|decision\.shown|gated_hidden|SEES_SUPPRESSED_ONLY"
)


def test_no_view_checks_a_scope_or_a_hidden_set_itself():
    views = sorted(KASAM.glob("*/views.py")) + sorted(KASAM.glob("*/*_views.py"))
    assert len(views) > 20
    offending = {
        f"{path.relative_to(KASAM.parent)}:{number}": line.strip()
        for path in views
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if FORBIDDEN_IN_VIEWS.search(line)
    }
    assert offending == {}


@pytest.mark.django_db
def test_the_viewers_units_are_kept_until_the_organisation_or_the_roles_change_in_every_worker(
    staffed, monkeypatch
):
    """The ids of a viewer's units are kept for every viewer with the same roles over the same units
    (kasam.core.generations): a new unit is in every worker's next view, and so is a changed role."""
    from kasam.accounts.models import User
    from kasam.core import generations
    from kasam.org.models import RoleAssignment

    def scopes(username):
        viewer = Viewer(User.objects.get(username=username))
        return viewer.pulse_scope, viewer.survey_scope, viewer.sick_leave_unit_ids, viewer.live_sick_leave_ids

    workers = [type(generations._held)(), type(generations._held)()]
    before = {}
    for number, held in enumerate(workers):
        monkeypatch.setattr(generations, "_held", held)
        before[number] = scopes("enhetschef")
        assert "AO-NEW" not in before[number][0]
    assert before[0] == before[1]
    ht1 = Unit.objects.get(pk="AO-HT1")
    Unit.objects.create(id="AO-NEW", parent=ht1, name="Ny grupp", kind="unit", path=f"{ht1.path}AO-NEW/")
    for held in workers:
        monkeypatch.setattr(generations, "_held", held)
        pulse, survey, sick_leave, live = scopes("enhetschef")
        assert "AO-NEW" in pulse and "AO-NEW" in survey and "AO-NEW" in sick_leave and "AO-NEW" in live
    # Another role over another unit: another key, never the old scope.
    manager = User.objects.get(username="enhetschef")
    RoleAssignment.objects.filter(user=manager).update(unit_id="IFO-BU")
    for held in workers:
        monkeypatch.setattr(generations, "_held", held)
        pulse, _survey, _sick_leave, live = scopes("enhetschef")
        assert "AO-NEW" not in pulse and "IFO-BU" in pulse and "IFO-BU" in live
