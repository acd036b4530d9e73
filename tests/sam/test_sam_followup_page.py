"""The yearly follow-up page (/arbetsmiljo/uppfoljning/): a manager and an area manager see live the
counts `kasam sam followup` prints for their unit, over their scope only; the committee reads only the
release of an ended year – nothing before one, never live figures; the page's PDF is tagged and holds
the same counts."""

import json
import re
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from sam_cycle import assert_tagged, build_cycle, pdf_text

from kasam.audit.models import AuditEntry
from kasam.releases.publish import publish
from kasam.sam.models import Risk

COUNTS = [
    "units", "units_with_round", "risks_found", "risks_closed", "risks_closed_on_time", "actions_overdue",
    "delegations_current", "delegations_returned",
]  # fmt: skip
ROW = re.compile(r'<tr id="count-(\w+)"><th scope="row">[^<]*</th><td class="number">(\d+)</td></tr>')


@pytest.fixture
def cycle(personas):
    return build_cycle(personas)


def command(*args) -> dict:
    out = StringIO()
    call_command("sam", "followup", *args, "--format", "json", stdout=out)
    return json.loads(out.getvalue())


def page(client, user, **query) -> str:
    client.force_login(user)
    response = client.get(reverse("sam:followup"), query)
    assert response.status_code == 200
    return response.content.decode()


def counts(html: str) -> dict:
    return {name: int(value) for name, value in ROW.findall(html)}


def test_a_managers_counts_are_the_commands_for_the_unit(client, personas, cycle):
    html = page(client, personas["enhetschef"])
    expected = command("--year", "2026", "--unit", "AO-HT1")
    assert counts(html) == {name: expected[name] for name in COUNTS}
    assert counts(html) == {
        "units": 1, "units_with_round": 1, "risks_found": 1, "risks_closed": 0, "risks_closed_on_time": 0,
        "actions_overdue": 1, "delegations_current": 1, "delegations_returned": 0,
    }  # fmt: skip
    assert "Av dem, med skyddsronden gjord och signerad" in html
    # An earlier year, as of its last day.
    last_year = command("--year", "2025", "--unit", "AO-HT1")
    assert counts(page(client, personas["enhetschef"], ar="2025")) == {n: last_year[n] for n in COUNTS}


def test_an_area_managers_counts_are_the_commands_for_the_area_with_its_units(client, personas, cycle):
    html = page(client, personas["omradeschef"])
    area = next(a for a in command("--year", "2026")["areas"] if a["unit"] == "AO")
    assert counts(html) == {name: area[name] for name in COUNTS}
    assert 'id="unit-AO-HT1"' in html and 'id="unit-AO-SB1"' in html
    # The picker and the figures stay within the scope: another area is "everything you see".
    assert "Barn och unga" not in html
    assert counts(page(client, personas["omradeschef"], enhet="IFO-BU")) == counts(html)
    unit = command("--year", "2026", "--unit", "AO-SB1")
    assert counts(page(client, personas["omradeschef"], enhet="AO-SB1")) == {n: unit[n] for n in COUNTS}


def test_the_health_strategist_sees_the_organisation_and_each_area(client, personas, cycle):
    html = page(client, personas["halsostrateg"])
    organisation = command("--year", "2026")
    assert counts(html) == {name: organisation[name] for name in COUNTS}
    assert 'id="unit-AO"' in html and 'id="unit-IFO"' in html


def test_the_committee_gets_nothing_before_a_release_and_then_only_the_release(client, personas, cycle):
    politician = personas["politiker"]
    html = page(client, politician)
    assert 'id="no-release"' in html and 'id="followup-counts"' not in html
    assert counts(page(client, politician, ar="2026")) == {}  # never live
    publish("sam", "2025")
    released = command("--year", "2025")
    # A risk of 2025 recorded after the release: the live figures move, the release does not.
    Risk.objects.create(
        unit_id="AO-SB1", area="workload", description="Sent registrerad", likelihood=1, consequence=1,
        found_on=date(2025, 12, 1), due_on=date(2026, 12, 1),
    )  # fmt: skip
    html = page(client, politician)
    assert 'id="release-note"' in html and "2025" in html
    assert counts(html) == {name: released[name] for name in COUNTS}
    assert command("--year", "2025")["risks_found"] == released["risks_found"] + 1
    assert counts(page(client, politician, ar="2026")) == counts(html)  # 2026 is not published
    area = next(a for a in released["areas"] if a["unit"] == "AO")
    assert counts(page(client, politician, enhet="AO")) == {name: area[name] for name in COUNTS}


def test_the_follow_up_as_a_tagged_pdf_holds_the_pages_counts(client, personas, cycle, tmp_path):
    client.force_login(personas["omradeschef"])
    response = client.get(reverse("sam:followup-pdf"), {"enhet": "AO-HT1"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert_tagged(response.content, "Årlig uppföljning av arbetsmiljön")
    text = pdf_text(response.content, tmp_path)
    assert "Årlig uppföljning av arbetsmiljön" in text and "Hemtjänst Norr" in text
    assert "Risker som hittats 1" in text
    entry = AuditEntry.objects.get(action=AuditEntry.Action.DOWNLOAD_REPORT)
    assert entry.detail == {"report": "sam_followup", "period": "2026"} and entry.unit_id == "AO-HT1"


def test_roles_without_the_work_environment_are_refused(client, personas):
    for username in ("medarbetare", "dialogcoach"):
        client.force_login(personas[username])
        assert client.get(reverse("sam:followup")).status_code == 403


def test_a_release_covers_a_whole_year_with_data(cycle):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="covers a whole year"):
        call_command("release", "publish", "--kind", "sam", "--period", "2025-T2", stdout=StringIO())
    with pytest.raises(CommandError, match="no safety round, risk or task"):
        call_command("release", "publish", "--kind", "sam", "--period", "2024", stdout=StringIO())
    out = StringIO()
    call_command("release", "publish", "--kind", "sam", "--period", "2025", "--format", "json", stdout=out)
    assert json.loads(out.getvalue())["units_shown"] == 6  # the root, both areas, the three units
