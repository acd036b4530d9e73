"""A NUL character (a zero byte) in an import file. PostgreSQL refuses it in text, so the import used
to pass its dry run ("looks good") and then fail with a 500 (DataError) when saved; SQLite stored it
unseen. Now the check reports it as a row-level message, in the dry run too, and nothing is saved."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from import_helpers import errors, run

from kasam.org.models import Person, Unit

NUL_TEXT = "This cell holds a NUL character (a zero byte), which Kasam cannot store."

FILES = {
    "units": ("unit_id,parent_id,name,kind,activity\nSOC,,Soc\0ial,administration,\n", "units.csv:2:name"),
    "people": ("person_id,birth_year,gender\nP1,1980,K\nP\x009,1980,K\n", "people.csv:3:person_id"),
    "employments": (
        "person_id,unit_id,start_date,end_date,rate,weekly_hours,pay\nP1,AO-HT1,2024-01-01,,100,40,month\0ly\n",
        "employments.csv:2:pay",
    ),
    "absences": (
        "person_id,start_date,end_date,extent,kind\nP1,2024-01-01,2024-01-03,,sj\0uk\n",
        "absences.csv:2:kind",
    ),
    "costs": (
        "month,unit_id,overtime_sek,substitute_sek\n2025-01,AO-HT1,1\0,1\n",
        "costs.csv:2:overtime_sek",
    ),
}


@pytest.mark.parametrize("kind", list(FILES))
@pytest.mark.parametrize("dry_run", [True, False])
def test_a_nul_in_a_cell_is_a_row_level_message(org, kind, dry_run):
    text, where = FILES[kind]
    names = list(Unit.objects.values_list("name", flat=True))
    result = run(kind, text, dry_run=dry_run)
    assert [message for message in errors(result) if message.startswith(f"{where}: {NUL_TEXT}")], errors(
        result
    )
    assert result.created == result.updated == result.deleted == 0
    assert list(Unit.objects.values_list("name", flat=True)) == names
    assert sorted(Person.objects.values_list("pk", flat=True)) == ["P1", "P2", "P3", "P4", "P5"]


def test_a_nul_in_the_header_is_named_on_line_1(org):
    result = run("people", "person_id,birth_year\0,gender\nP9,1980,K\n", dry_run=True)
    assert errors(result) == [f"people.csv:1:birth_year: {NUL_TEXT} The file may be damaged or saved in the "
                              "wrong format: save it again as CSV UTF-8 or as .xlsx."]  # fmt: skip


def test_later_messages_show_where_the_nul_was(org):
    result = run(
        "employments",
        "person_id,unit_id,start_date,end_date,rate,weekly_hours,pay\nP\x001,AO-HT1,2024-01-01,,100,40,monthly\n",
    )
    assert (
        "employments.csv:2:person_id: There is no person P\ufffd1 in Kasam. Import the persons first."
        in errors(result)
    )
    assert not any("\0" in message for message in errors(result))


def test_the_web_dry_run_lists_it_and_saving_saves_nothing(client, personas):
    client.force_login(personas["hr"])
    for dry_run in (True, False):
        data = {
            "kind": "people",
            "file": SimpleUploadedFile("personer.csv", b"person_id,birth_year,gender\nP\x009,1980,K\n"),
        }
        if dry_run:
            data["dry_run"] = "on"
        response = client.post(reverse("org:import-file"), data)
        assert response.status_code == 200
        html = response.content.decode()
        assert "personer.csv:2:person_id: Cellen innehåller ett NUL-tecken" in html
        assert "\0" not in html
    assert sorted(Person.objects.values_list("pk", flat=True)) == ["P1", "P2", "P3", "P4", "P5"]
