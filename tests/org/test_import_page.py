"""The web import for HR and the health strategist: the same all-or-nothing check and the same
messages as `kasam import`."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kasam.org.models import Employment

HEADER = "person_id,unit_id,start_date,end_date,rate,weekly_hours,pay\n"


def upload(client, content: str, dry_run: bool = False, name: str = "anstallningar.csv"):
    data = {"kind": "employments", "file": SimpleUploadedFile(name, content.encode(), "text/csv")}
    if dry_run:
        data["dry_run"] = "on"
    return client.post(reverse("org:import-file"), data)


def test_it_lists_every_problem_and_saves_nothing(client, personas):
    client.force_login(personas["hr"])
    before = Employment.objects.count()
    response = upload(
        client,
        HEADER
        + "P1,AO-HT1,2024-01-01,,100,40,monthly\n"
        + "NOPE,AO-HT1,2024-01-01,,100,40,monthly\n"
        + "P2,AO-HT1,2024-05-01,2024-04-01,100,40,monthly\n"
        + "P3,AO-SB1,2024-01-01,,140,40,monthly\n",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "3 problem – ingenting har importerats" in html
    assert "anstallningar.csv:3:person_id: Det finns ingen person NOPE i Kasam" in html
    assert "anstallningar.csv:4:end_date: Slutdatumet 2024-04-01 är före startdatumet 2024-05-01" in html
    assert "anstallningar.csv:5:rate: Sysselsättningsgraden ska vara över 0 och högst 100, inte 140" in html
    assert Employment.objects.count() == before


def test_it_imports_a_good_file_once(client, personas):
    client.force_login(personas["halsostrateg"])
    content = HEADER + "P1,AO-SB1,2026-01-01,,75,40,monthly\nP3,AO-SB1,2026-02-01,,50,38.25,hourly\n"
    dry = upload(client, content, dry_run=True).content.decode()
    assert "ser bra ut. Ingenting har sparats ännu." in dry
    assert not Employment.objects.filter(start_date__year=2026).exists()
    html = upload(client, content).content.decode()
    assert "har importerats" in html and "Nya: 2." in html
    assert Employment.objects.filter(start_date__year=2026).count() == 2
    again = upload(client, content).content.decode()
    assert "Nya: 0. Ändrade: 0. Oförändrade: 2. Borttagna: 0." in again


def test_it_refuses_the_import_to_everyone_else(client, personas):
    for role in ("enhetschef", "omradeschef", "ledning", "politiker", "dialogcoach", "medarbetare"):
        client.force_login(personas[role])
        assert upload(client, HEADER + "P1,AO-SB1,2026-01-01,,75,40,monthly\n").status_code == 403
    assert not Employment.objects.filter(start_date__year=2026).exists()


def test_it_asks_for_a_file_when_none_is_given(client, personas):
    client.force_login(personas["hr"])
    response = client.post(reverse("org:import-file"), {"kind": "units"})
    assert response.status_code == 200
    assert "Detta fält måste fyllas i" in response.content.decode()
