"""The reports' content on a generated municipality of about 300 employees over two years, imported
through the real imports with its series refilled: the annual report's figures are exactly those of
`kasam sickleave report --format json`, and nothing the committee may not see is in either report.
Both reports read the year's release of sick leave (published here as the health strategist would)."""

import json
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation

from kasam.absence.frames import load_frames
from kasam.absence.released import year_release
from kasam.absence.series import refill_series
from kasam.core.document import Figure, Table
from kasam.metrics.turnover import turnover
from kasam.org.models import Unit
from kasam.releases.publish import publish
from kasam.reports.build import build_document
from kasam.site.imports import import_file
from kasam.synth import generate_municipality, write_files

TODAY = date(2026, 11, 25)  # tests/conftest.py's KASAM_TODAY


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    return write_files(generate_municipality(300, 2, 1, until=TODAY), tmp_path_factory.mktemp("reports"))


@pytest.fixture
def municipality(db, files) -> None:
    for kind in ("units", "people", "employments", "absences"):
        result = import_file(kind, files[kind].read_bytes(), files[kind].name)
        assert result.ok, result.errors[:3]
    refill_series()
    publish("sick-leave", "2025")


def tables(document) -> dict[str, Table]:
    found = {}
    for section in document.sections:
        for block in section.blocks:
            if isinstance(block, Table):
                found[block.caption] = block
            elif isinstance(block, Figure):
                found[block.table.caption] = block.table
    return found


def sick_leave_json(year: int) -> dict:
    out = StringIO()
    call_command("sickleave", "report", "--year", str(year), "--format", "json", stdout=out)
    return json.loads(out.getvalue())


def test_the_annual_report_has_the_numbers_of_the_sick_leave_report(municipality):
    expected = sick_leave_json(2025)
    document = build_document("annual", 2025, "en")
    rows = {row[0]: row for row in tables(document)["The statutory sick-leave figures"].rows}
    assert rows["Sick leave, total"][1:] == [expected["sick_leave_pct"], expected["persons"]]
    assert rows["Share of sick leave in cases of 60 days or more"][1] == expected["long_term_share_pct"]
    labels = {"K": "Women", "M": "Men", "-29": "29 years or younger", "30-49": "30–49 years"}
    labels["50-"] = "50 years or older"
    for split in ("by_gender", "by_age"):
        for key, group in expected[split].items():
            # A release holds nothing about a suppressed group, not even its head count.
            shown = [None, None] if group["suppressed"] else [group["sick_leave_pct"], group["persons"]]
            assert rows[labels[key]][1:] == shown, key
    attendance = {row[0]: row[1] for row in tables(document)["Healthy attendance and turnover"].rows}
    for days, share in expected["healthy_attendance_pct"].items():
        assert attendance[f"Healthy attendance: at most {days} sick days"] == share
    counts = {row[0]: row[1] for row in tables(document)["Counts"].rows}
    assert counts["Sick-leave occasions"] == expected["occasions"]
    staff = turnover(load_frames(sick_only=True).employments, 2025)
    assert attendance["Staff turnover"] == staff.turnover_pct  # rounded once, when shown
    assert counts["Persons who left the organisation"] == staff.leavers
    assert counts["Monthly-paid employees on 1 January"] == staff.headcount_start


def test_the_reports_never_hold_a_figure_the_gate_hides(municipality):
    shown = set(year_release(2025).release.figures)
    hidden = set(Unit.objects.values_list("pk", flat=True)) - shown
    names = dict(Unit.objects.values_list("pk", "name"))
    document = build_document("annual", 2025, "en")
    areas = {row[0]: row[1] for row in tables(document)["Sick leave per area"].rows}
    for unit in Unit.objects.filter(kind=Unit.Kind.AREA):
        if unit.pk in hidden:
            assert areas.get(names[unit.pk]) is None, unit.pk
    health = build_document("health", 2025, "en")
    assert [s.title for s in health.sections][:2] == ["Targets", "Sick leave"]
    for section in health.sections:
        for block in section.blocks:
            table = block.table if isinstance(block, Figure) else block
            if isinstance(table, Table):
                assert all(len(row) == len(table.headers) for row in table.rows), table.caption


def test_the_report_command_refuses_bad_input_in_one_line(municipality, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--out FILE is needed for --format pdf"):
        call_command("report", "annual", "--year", "2025", "--format", "pdf")
    with pytest.raises(CommandError, match="--year must be a year from 1900 to 2026, not 2031"):
        call_command("report", "health", "--year", "2031", "--format", "json")
    out = StringIO()
    with translation.override("en"):
        call_command("report", "annual", "--year", "2025", "--format", "json", "--lang", "en", stdout=out)
    content = json.loads(out.getvalue())
    assert content["title"] == "Personnel section of the annual report 2025" and content["language"] == "en"
    assert content["source"].startswith("Annual report 2025, published ")


def test_a_report_of_a_year_without_a_release_is_refused_in_one_line(municipality):
    """Both reports are the committee's view, which reads sick leave from the year's release. (Called
    through call_command: the command line's own exit closes the database connection, which a test
    on PostgreSQL still needs; Django prints a CommandError as this one line and exits 1.)"""
    from django.core.management.base import CommandError

    for kind in ("annual", "health"):
        with pytest.raises(CommandError) as refused:
            call_command("report", kind, "--year", "2024", "--format", "json", stdout=StringIO())
        assert str(refused.value).splitlines() == [
            "No published release of sick leave for 2024: publish it with "
            "`kasam release publish --kind sick-leave --period 2024`."
        ]


def test_the_report_page_says_in_swedish_that_the_year_is_not_published(
    municipality, client, django_user_model
):
    from django.urls import reverse

    from kasam.org.models import Role, RoleAssignment
    from kasam.reports.models import Report

    user = django_user_model.objects.create_user(username="politiker", password="x")
    RoleAssignment.objects.create(user=user, role=Role.COMMITTEE, unit=Unit.objects.get(parent__isnull=True))
    client.force_login(user)
    response = client.post(reverse("reports:list"), {"kind": "health", "year": "2024", "format": "pdf"})
    assert response.status_code == 200 and not Report.objects.exists()
    assert "Sjukfrånvaron för 2024 är inte publicerad ännu" in response.content.decode()


def _xlsx_rows(data: bytes) -> dict[str, list]:
    import io

    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data))
    return {
        row[0]: list(row[1:]) for sheet in book for row in sheet.iter_rows(values_only=True) if row and row[0]
    }


def test_the_pdf_and_the_excel_file_hold_the_numbers_of_the_json(municipality, tmp_path):
    import shutil
    import subprocess

    from kasam.core.formatting import format_number

    expected = sick_leave_json(2025)
    pdf = tmp_path / "annual.pdf"
    call_command("report", "annual", "--year", "2025", "--format", "pdf", "--out", str(pdf), "--lang", "en")
    assert pdf.read_bytes().startswith(b"%PDF")
    assert shutil.which("pdftotext"), "The PDF check needs poppler-utils: sudo apt install poppler-utils"
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    assert f"Sick leave, total {format_number(expected['sick_leave_pct'], 2)}" in flat
    assert "Sick leave from: Annual report 2025, published" in flat
    for key, group in expected["by_gender"].items():
        label = {"K": "Women", "M": "Men"}[key]
        shown = "–" if group["suppressed"] else format_number(group["sick_leave_pct"], 2)
        assert f"{label} {shown}" in flat, key
    xlsx = tmp_path / "annual.xlsx"
    call_command("report", "annual", "--year", "2025", "--format", "xlsx", "--out", str(xlsx), "--lang", "en")
    rows = _xlsx_rows(xlsx.read_bytes())
    assert rows["Sick leave from"][0].startswith("Annual report 2025, published ")
    total = rows["Sick leave, total"]
    assert (
        isinstance(total[0], float)
        and total[0] == expected["sick_leave_pct"]
        and total[1] == expected["persons"]
    )


@pytest.mark.parametrize("username", ["politiker", "hr"])
def test_a_report_asked_for_on_the_page_is_the_committees_whoever_asks(
    municipality, client, django_user_model, django_capture_on_commit_callbacks, username
):
    from django.urls import reverse

    from kasam.org.models import Role, RoleAssignment
    from kasam.reports.models import Report

    user = django_user_model.objects.create_user(username=username, password="x")
    role = Role.COMMITTEE if username == "politiker" else Role.HR
    RoleAssignment.objects.create(user=user, role=role, unit=Unit.objects.get(parent__isnull=True))
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:list"), {"kind": "annual", "year": "2025", "format": "xlsx"})
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.status == "done", report.error
    download = client.get(reverse("reports:download", kwargs={"report_id": report.pk}))
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = _xlsx_rows(download.content)
    expected = sick_leave_json(2025)
    labels = {
        "K": "Kvinnor",
        "M": "Män",
        "-29": "29 år eller yngre",
        "30-49": "30–49 år",
        "50-": "50 år eller äldre",
    }
    for split in ("by_gender", "by_age"):
        for key, group in expected[split].items():
            if group["suppressed"]:
                assert rows[labels[key]][0] is None, key  # never the suppressed figure
    shown = set(year_release(2025).release.figures)
    for unit in Unit.objects.filter(kind=Unit.Kind.AREA).exclude(pk__in=shown):
        assert rows[unit.name][0] is None, unit.pk


@pytest.mark.parametrize(
    ("username", "status"),
    [("medarbetare", 403), ("enhetschef", 403), ("omradeschef", 403), ("dialogcoach", 403), ("ledning", 200),
     ("halsostrateg", 200), ("hr", 200), ("politiker", 200)],
)  # fmt: skip
def test_who_may_make_reports(client, personas, username, status):
    from django.urls import reverse

    client.force_login(personas[username])
    assert client.get(reverse("reports:list")).status_code == status
    missing = client.get(reverse("reports:download", kwargs={"report_id": 999999})).status_code
    assert missing == 404  # not allowed is "not found" too (test_report_access.py)


def test_the_reports_read_the_years_release_and_a_later_change_does_not_reach_them(municipality):
    from kasam.absence.models import Absence
    from kasam.org.models import Employment

    release = year_release(2025)
    top = Unit.objects.get(parent__isnull=True).pk
    health = tables(build_document("health", 2025, "en"))
    figure = release.figure(top)
    expected = [figure.sick_leave_pct, figure.long_term_share_pct, figure.healthy_attendance_5_pct]
    assert health["Sick leave of the whole organisation"].rows == [["2025", *(round(v, 2) for v in expected)]]
    before = tables(build_document("annual", 2025, "en"))["The statutory sick-leave figures"].rows
    person = Employment.objects.filter(end_date__isnull=True, pay="monthly").first().person_id
    Absence.objects.create(
        person_id=person, start_date=date(2025, 3, 1), end_date=date(2025, 5, 31), extent=100, kind="sjuk"
    )
    refill_series()
    assert sick_leave_json(2025)["sick_leave_pct"] != before[0][1]  # the live figure moved
    assert tables(build_document("annual", 2025, "en"))["The statutory sick-leave figures"].rows == before
