"""`kasam demo` ends with the stored series filled: the immediate backend refills during the import."""

from io import StringIO

import pytest
from django.core.management import call_command

from kasam.absence.models import SeriesRefill, SickLeaveMonth, SickLeavePeriod
from kasam.org.models import Unit


@pytest.mark.django_db(transaction=True)
def test_the_demo_has_its_series_filled():
    call_command("demo", "--no-serve", "--employees", "60", "--years", "1", stdout=StringIO())
    latest = SeriesRefill.objects.latest("id")
    assert latest.status == SeriesRefill.Status.FINISHED and latest.rows > 0
    units = Unit.objects.count()
    assert SickLeaveMonth.objects.values("unit").distinct().count() == units
    assert SickLeavePeriod.objects.filter(kind="rolling12", group="all").count() == units
    out = StringIO()
    call_command("tick", stdout=out)
    assert out.getvalue().strip() == "Nothing is due."
