"""An import is limited to what the importer's role covers (docs/import-formats.md "Who may import
what"). The attack: HR with a role over one area (Äldreomsorg) uploaded a units file that moved
another area's unit (Barn och unga, under IFO) under its own, and could then read that unit's early
signals and persons. Every import is also written to the audit log: who, which kind, the file's
SHA-256 and what changed."""

import getpass
import hashlib
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from kasam.absence.models import Absence
from kasam.audit.models import AuditEntry
from kasam.economy.models import MonthlyCost
from kasam.org.models import Employment, Person, Role, RoleAssignment, Unit

UNITS = "unit_id,parent_id,name,kind,activity\n"
DATED = "unit_id,parent_id,name,kind,activity,valid_from\n"
PEOPLE = "person_id,birth_year,gender\n"
EMPLOYMENTS = "person_id,unit_id,start_date,end_date,rate,weekly_hours,pay\n"
ABSENCES = "person_id,start_date,end_date,extent,kind\n"
COSTS = "month,unit_id,overtime_sek,substitute_sek\n"
SCOPE = "Äldreomsorg"


def outside_unit(line: int, unit: str, name: str = "units.csv", column: str = "unit_id") -> str:
    return (
        f"{name}:{line}:{column}: Enheten {unit} ligger utanför den del av organisationen som din roll "
        f"gäller ({SCOPE}). Bara en roll över hela organisationen får importera rader om den."
    )


def outside_person(line: int, person: str, name: str) -> str:
    return (
        f"{name}:{line}:person_id: Personen {person} hör inte till den del av organisationen som din roll "
        f"gäller ({SCOPE}). Bara en roll över hela organisationen får importera rader om personen."
    )


def moved(line: int, unit: str, day: str = "") -> str:
    text = (
        f"Raden skulle flytta enheten {unit} in i eller ut ur den del av organisationen som din roll gäller "
        f"({SCOPE}). Bara en roll över hela organisationen får göra det."
    )
    return f"units.csv:{line}:parent_id: " + (f"Den {day}: {text}" if day else text)


def placed(line: int) -> str:
    return (
        f"units.csv:{line}:parent_id: En ny enhet kan bara läggas inom den del av organisationen som din "
        f"roll gäller ({SCOPE}), under en av enheterna där."
    )


@pytest.fixture
def area_hr(personas, django_user_model):
    user = django_user_model.objects.create_user(username="hr-aldreomsorg", password="test-password-1")
    RoleAssignment.objects.create(user=user, role=Role.HR, unit_id="AO")
    return user


def upload(client, kind: str, text: str, name: str = "", dry_run: bool = False) -> tuple[int, str]:
    data = {"kind": kind, "file": SimpleUploadedFile(name or f"{kind}.csv", text.encode(), "text/csv")}
    if dry_run:
        data["dry_run"] = "on"
    response = client.post(reverse("org:import-file"), data)
    return response.status_code, response.content.decode()


def tree() -> dict[str, tuple[str | None, str]]:
    return {unit.pk: (unit.parent_id, unit.path) for unit in Unit.objects.all()}


def test_the_attack_moving_another_areas_unit_under_ones_own_is_refused(client, area_hr):
    client.force_login(area_hr)
    early_signals = reverse("absence:early-signals", kwargs={"unit_id": "IFO-BU"})
    person = reverse("org:person-detail", kwargs={"person_id": "P4"})
    assert client.get(early_signals).status_code == 404
    page = client.get(reverse("org:import-file")).content.decode()
    assert "Din roll gäller Äldreomsorg: du kan bara importera rader om enheterna där" in page
    before = tree()
    attack = UNITS + "IFO-BU,AO-HT1,Barn och unga,unit,IFO\n"
    for dry_run in (True, False):
        status, html = upload(client, "units", attack, dry_run=dry_run)
        assert status == 200
        assert "units.csv: 1 problem – ingenting har importerats." in html
        assert outside_unit(2, "IFO-BU") in html
    assert tree() == before
    assert client.get(early_signals).status_code == 404
    assert client.get(person).status_code == 404
    # The same file with the unit already inside the scope as its parent: still refused.
    status, html = upload(client, "units", UNITS + "IFO-BU,AO,Barn och unga,unit,IFO\n")
    assert outside_unit(2, "IFO-BU") in html and tree() == before


def test_units_may_not_be_created_outside_or_moved_out(client, area_hr):
    client.force_login(area_hr)
    before = tree()
    for text, expected in [
        ("NY,IFO,Ny enhet,unit,\n", placed(2)),
        ("NY,,Ny förvaltning,administration,\n", placed(2)),
        ("AO-HT1,IFO,Hemtjänst Norr,unit,hemtjänst\n", moved(2, "AO-HT1")),
        ("AO,IFO,Äldreomsorg,area,\n", moved(2, "AO")),
        ("AO,,Äldreomsorg,area,\n", moved(2, "AO")),
        ("NY,AO,Ny enhet,unit,\nNY2,NY,Nyare,team,\nNY3,SOC,Utanför,unit,\n", placed(4)),
    ]:
        status, html = upload(client, "units", UNITS + text)
        assert status == 200 and expected in html, text
    assert tree() == before
    # Within the scope: renaming its top unit, moving a unit within it and adding units under it.
    good = (
        UNITS
        + "AO,SOC,Äldreomsorgen,area,\nAO-HT1,AO-SB1,Hemtjänst Norr,unit,hemtjänst\n"
        + "NY,AO,Ny enhet,unit,\nNY2,NY,Nyare,team,\n"
    )
    status, html = upload(client, "units", good)
    assert "units.csv har importerats." in html
    assert Unit.objects.get(pk="AO-HT1").parent_id == "AO-SB1" and Unit.objects.get(pk="NY2").path == (
        "/SOC/AO/NY/NY2/"
    )
    assert Unit.objects.get(pk="AO").name == "Äldreomsorgen"


def test_a_backdated_row_may_not_move_a_unit_out_of_the_scope_on_earlier_days(client, personas, area_hr):
    client.force_login(personas["hr"])  # over the whole organisation: it may write any history
    history = (
        DATED
        + "AO-HT1,IFO,Hemtjänst Norr,unit,hemtjänst,2020-01-01\n"
        + "AO-HT1,AO,Hemtjänst Norr,unit,hemtjänst,2025-01-01\n"
    )
    assert "units.csv har importerats." in upload(client, "units", history)[1]
    client.force_login(area_hr)
    status, html = upload(client, "units", DATED + "AO-HT1,AO,Hemtjänst Norr,unit,hemtjänst,2019-01-01\n")
    assert moved(2, "AO-HT1", day="2020-01-01") in html
    assert list(Unit.objects.get(pk="AO-HT1").versions.values_list("parent_id", flat=True)) == [
        "AO",
        "IFO",
        "AO",
    ]


def test_persons_and_employments_outside_the_scope_are_refused(client, area_hr):
    client.force_login(area_hr)
    stored = list(Person.objects.values_list("id", "birth_year"))
    employments = Employment.objects.count()
    status, html = upload(client, "people", PEOPLE + "P1,1981,K\nP4,1970,M\n")
    assert outside_person(3, "P4", "people.csv") in html
    status, html = upload(
        client,
        "employments",
        EMPLOYMENTS + "P4,AO-HT1,2026-01-01,,100,40,monthly\nP1,IFO-BU,2026-01-01,,100,40,monthly\n",
    )
    assert outside_person(2, "P4", "employments.csv") in html
    assert outside_unit(3, "IFO-BU", "employments.csv") in html
    status, html = upload(client, "absences", ABSENCES + "P4,2026-01-05,2026-01-09,,sjuk\n")
    assert outside_person(2, "P4", "absences.csv") in html
    status, html = upload(client, "costs", COSTS + "2026-01,IFO-BU,100,100\n")
    assert outside_unit(2, "IFO-BU", "costs.csv") in html
    status, html = upload(client, "budget", "year,unit_id,budget_tkr,outcome_tkr\n2026,,10,10\n")
    assert "budget.csv:2:unit_id: Ett tomt unit_id betyder hela organisationen" in html
    assert list(Person.objects.values_list("id", "birth_year")) == stored
    assert Employment.objects.count() == employments
    assert not Absence.objects.exists() and not MonthlyCost.objects.exists()
    # Persons of the scope, and a new person employed in it, are the area's HR's to import.
    assert "har importerats." in upload(client, "people", PEOPLE + "P1,1981,K\nP9,1990,M\n")[1]
    assert (
        "har importerats."
        in upload(client, "employments", EMPLOYMENTS + "P9,AO-SB1,2026-01-01,,100,40,monthly\n")[1]
    )
    assert "har importerats." in upload(client, "absences", ABSENCES + "P9,2026-01-05,2026-01-09,,sjuk\n")[1]
    assert Person.objects.get(pk="P1").birth_year == 1981 and Absence.objects.filter(person_id="P9").exists()


def test_hr_over_the_whole_organisation_may_move_any_unit(client, personas):
    client.force_login(personas["hr"])
    status, html = upload(client, "units", UNITS + "IFO-BU,AO-HT1,Barn och unga,unit,IFO\n")
    assert "units.csv har importerats." in html
    assert Unit.objects.get(pk="IFO-BU").path == "/SOC/AO/AO-HT1/IFO-BU/"
    assert "har importerats." in upload(client, "people", PEOPLE + "P4,1970,M\n")[1]


def test_every_import_is_in_the_audit_log(client, area_hr):
    client.force_login(area_hr)
    good = UNITS + "NY,AO,Ny enhet,unit,\nAO-SB1,AO,Solgården,unit,särskilt boende\n"
    upload(client, "units", good, name="enheter.csv", dry_run=True)
    upload(client, "units", good, name="enheter.csv")
    attack = UNITS + "IFO-BU,AO-HT1,Barn och unga,unit,IFO\n"
    upload(client, "units", attack, name="attack.csv")
    checked, saved, refused = AuditEntry.objects.filter(action=AuditEntry.Action.IMPORT_FILE).order_by("id")
    for entry in (checked, saved, refused):
        assert entry.user == area_hr and entry.username == "hr-aldreomsorg" and entry.unit_id == "AO"
        assert entry.detail["kind"] == "units" and entry.detail["scope"] == ["AO"]
    assert saved.detail == {
        "kind": "units",
        "file": "enheter.csv",
        "sha256": hashlib.sha256(good.encode()).hexdigest(),
        "bytes": len(good.encode()),
        "dry_run": False,
        "saved": True,
        "scope": ["AO"],
        "created": 1,
        "updated": 0,
        "unchanged": 1,
        "deleted": 0,
        "changed": ["NY"],
    }
    assert checked.detail["dry_run"] is True and checked.detail["saved"] is False
    assert refused.detail["file"] == "attack.csv" and refused.detail["saved"] is False
    assert refused.detail["sha256"] == hashlib.sha256(attack.encode()).hexdigest()
    assert refused.detail["errors"] == 1 and "changed" not in refused.detail


def test_the_command_line_imports_over_the_whole_organisation_and_is_audited(org, tmp_path, capsys):
    path = tmp_path / "units.csv"
    path.write_text(UNITS + "IFO-BU,AO,Barn och unga,unit,IFO\n")
    call_command("import", "units", str(path), "--format", "json")
    assert json.loads(capsys.readouterr().out)["updated"] == 1
    entry = AuditEntry.objects.get(action=AuditEntry.Action.IMPORT_FILE)
    assert entry.user is None and entry.username == f"command line ({getpass.getuser()})"
    assert entry.detail["scope"] == "organisation" and entry.detail["changed"] == ["IFO-BU"]
    assert entry.detail["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
