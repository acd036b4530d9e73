"""HR's list of cases (rehab:list): the open cases by their next step's due date – computed from the
stored fields, as the case page computes it – and the closed ones newest first, a page at a time."""

from datetime import date

from django.urls import reverse

from kasam.rehab import cases, views
from kasam.rehab.models import Case, StepDone

TODAY = date(2026, 11, 25)  # tests/conftest.py


def _case(person_id: str, start: date, **values) -> Case:
    return Case.objects.create(
        person_id=person_id, source="long_term", opened_on=start, sick_case_start=start,
        sick_case_end=date(2027, 3, 1), unit_id="AO-HT1", **values,
    )  # fmt: skip


def test_open_cases_come_by_the_next_due_date_and_closed_ones_newest_first(client, personas):
    late = _case("P1", date(2026, 11, 1))  # first contact due 7 November: overdue
    early = _case("P2", date(2026, 10, 1))
    for step, on in (("first_contact", date(2026, 10, 5)), ("certificate", date(2026, 10, 6))):
        StepDone.objects.create(case=early, step=step, done_on=on)
    # Early's next step is the report to Försäkringskassan, due 21 October: before late's 7 November.
    manual = Case.objects.create(
        person_id="P3", source="manual", opened_on=date(2026, 11, 20), unit_id="AO-SB1",
        chosen_steps=["health_conversation"],
    )  # fmt: skip
    older = _case("P4", date(2025, 1, 1), closed_on=date(2025, 6, 1), closing="by_itself")
    newest = _case("P5", date(2025, 2, 1), closed_on=date(2025, 9, 1), closing="by_hand")
    rows = views.open_rows(Case.objects.all(), TODAY)
    assert [row["pk"] for row in rows] == [early.pk, late.pk, manual.pk]
    assert rows[0]["next"].step == "fk_report" and rows[0]["overdue"]
    # The same step as the case's own steps give (kasam.rehab.cases.steps), the earliest open one.
    assert rows[0]["next"] == min((s for s in cases.steps(early) if s.status == "open"), key=lambda s: s.due)
    assert rows[2]["next"].due == date(2026, 12, 4) and not rows[2]["overdue"]
    client.force_login(personas["hr"])
    content = client.get(reverse("rehab:list")).content.decode()
    names = [str(Case.objects.get(pk=pk).person) for pk in (early.pk, late.pk, manual.pk)]
    assert content.index(names[0]) < content.index(names[1]) < content.index(names[2])
    content = client.get(reverse("rehab:list"), {"visa": "avslutade"}).content.decode()
    assert content.index(str(newest.person)) < content.index(str(older.person))
