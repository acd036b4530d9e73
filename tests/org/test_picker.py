"""Choosing a unit in a form (kasam.org.picker): a list for a small scope, a text box for a large one
that takes a name, a part of it or an id, offers the matches as choices and never a unit outside the
scope; the dialog form at a large scope records where the person meant."""

import re

import pytest
from django import forms
from django.http import QueryDict

from kasam.org import picker
from kasam.org.models import Unit

pytestmark = pytest.mark.django_db


class Form(forms.Form):
    unit = picker.UnitField(label="Unit")

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].offer(units)


def scope():
    return Unit.objects.filter(path__startswith="/SOC/AO/")  # Äldreomsorg: four units


def bound(**data) -> Form:
    query = QueryDict(mutable=True)
    for name, values in data.items():
        query.setlist(name, values if isinstance(values, list) else [values])
    return Form(query, units=scope())


def test_a_small_scope_is_a_list_indented_like_the_tree(org):
    html = str(Form(units=scope())["unit"])
    assert "<select" in html
    assert re.findall(r'<option value="([\w-]+)"', html) == ["AO", "AO-HT1", "AO-HT1-A", "AO-SB1"]
    assert "\u00a0\u00a0\u00a0\u00a0Grupp Lärkan" in html
    form = bound(unit="AO-SB1")
    assert form.is_valid() and form.cleaned_data["unit"].pk == "AO-SB1"
    outside = bound(unit="IFO-BU")
    assert not outside.is_valid() and outside.errors["unit"] == ["Välj en av dina enheter i listan."]


@pytest.fixture
def large(monkeypatch):
    monkeypatch.setattr(picker, "SELECT_MAX", 2)


def test_a_large_scope_is_a_text_box_that_takes_a_name_or_an_id(org, large):
    html = str(Form(units=scope())["unit"])
    assert "<select" not in html and 'type="text"' in html and "<option" not in html
    for written in ("Solgården", "solgården", "  AO-SB1 ", "ao-sb1"):
        form = bound(unit=written)
        assert form.is_valid(), (written, form.errors)
        assert form.cleaned_data["unit"].pk == "AO-SB1"


def test_several_matches_come_back_as_choices_and_a_chosen_one_wins(org, large):
    Unit.objects.create(id="AO-SB2", parent_id="AO", name="Solgläntan", kind="unit", path="/SOC/AO/AO-SB2/")
    form = bound(unit="solg")
    assert not form.is_valid()
    assert "Flera av dina enheter passar in på ”solg”" in form.errors["unit"][0]
    html = str(form["unit"])
    assert re.findall(r'type="radio" name="unit" value="([\w-]+)"', html) == ["AO-SB1", "AO-SB2"]
    assert "Solgläntan (AO-SB2)" in html
    chosen = bound(unit=["solg", "AO-SB2"])
    assert chosen.is_valid() and chosen.cleaned_data["unit"].pk == "AO-SB2"


def test_a_unit_outside_the_scope_is_neither_taken_nor_offered(org, large):
    for written in ("Barn och unga", "IFO-BU", "Barn"):
        form = bound(unit=written)
        assert not form.is_valid()
        assert form.errors["unit"] == [
            f"Ingen av dina enheter heter ”{written}”. Skriv en del av namnet eller enhetens id."
        ]
        assert 'type="radio"' not in str(form["unit"])


def test_the_dialog_form_of_a_large_scope_records_the_unit_written(client, personas, large):
    from kasam.dialogs.models import DialogRecord, Theme

    client.force_login(personas["halsostrateg"])
    page = client.get("/dialoger/registrera/?enhet=AO-SB1").content.decode()
    assert 'name="unit"' in page and '<option value="AO-SB1"' not in page
    assert 'value="Solgården"' in page  # the link's unit, by name
    theme = Theme.objects.get(programme__slug="kasam-pa-apt", slug="begriplighet")
    response = client.post(
        "/dialoger/registrera/",
        {
            "unit": "Solgården",
            "subject": f"t{theme.pk}",
            "held_on": "2026-11-20",
            "participants": "1",
            "reflections": "Vi pratade om vad som gör dagen begriplig.",
            "action-TOTAL_FORMS": "3",
            "action-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    assert DialogRecord.objects.get().unit_id == "AO-SB1"


def test_the_target_form_of_a_large_scope_has_a_text_box_with_its_hint(client, personas, large):
    client.force_login(personas["halsostrateg"])
    page = client.get("/mal/ny/").content.decode()
    unit_field = page.split('for="id_unit"')[1].split("</div>")[0]
    assert "<select" not in unit_field and 'value="Socialförvaltningen"' in unit_field
    assert "Skriv enhetens namn, en del av det eller enhetens id." in unit_field
