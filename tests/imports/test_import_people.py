"""Person imports: birth year, gender, optional personal data, and upserts that leave alone what the
file does not mention."""

import pytest
from import_helpers import counts, errors, run

from kasam.org.models import Person

HEADER = "person_id,birth_year,gender,first_name,last_name,email,phone\n"
pytestmark = pytest.mark.django_db


def test_a_good_file_imports_and_importing_it_again_changes_nothing(org):
    text = HEADER + (
        "P1,1980,K,Alva,Testsson,p1@example.invalid,\nP9,1999,m,Nils,Ny,,070-123 45 67\nP10,2001,X,,,,\n"
    )
    assert counts(run("people", text)) == (2, 0, 1, 0)
    assert Person.objects.get(pk="P9").gender == "M"
    assert Person.objects.get(pk="P10").gender == ""  # anything but K and M counts in totals only
    assert counts(run("people", text)) == (0, 0, 3, 0)


def test_missing_optional_columns_leave_stored_values_alone(org):
    result = run("people", "Gender,PERSON_ID,birth_year\nM,P1,1981\n")
    assert counts(result) == (0, 1, 0, 0)
    person = Person.objects.get(pk="P1")
    assert (person.birth_year, person.gender, person.first_name, person.email) == (
        1981,
        "M",
        "Alva",
        "p1@example.invalid",
    )


def test_three_bad_rows_are_all_named_and_nothing_is_written(org):
    text = HEADER + "P9,1899,K,,,,\nP10,nittio,K,,,,\nP11,2000,K,,,inte-en-adress,\nP12,2020,K,,,,\n"
    result = run("people", text)
    assert errors(result) == [
        "people.csv:2:birth_year: Birth year must be a whole number from 1900 to 2012, not 1899.",
        "people.csv:3:birth_year: Birth year must be a whole number from 1900 to 2012, not nittio.",
        "people.csv:4:email: inte-en-adress is not a valid email address.",
        "people.csv:5:birth_year: Birth year must be a whole number from 1900 to 2012, not 2020.",
    ]
    assert Person.objects.count() == 5


def test_a_duplicate_person_names_both_lines(org):
    result = run("people", "person_id,birth_year,gender\nP9,1990,K\nP8,1990,K\nP9,1991,K\n")
    assert errors(result) == ["people.csv:4:person_id: Person P9 is already on line 2."]


def test_the_optional_language_column_sets_a_persons_default_language(org):
    text = "person_id,birth_year,gender,language\nP1,1980,K,ar\nP9,1990,M, SV-X-LL \nP10,1991,K,\n"
    assert counts(run("people", text)) == (2, 1, 0, 0)
    stored = dict(Person.objects.filter(pk__in=["P1", "P9", "P10"]).values_list("id", "language"))
    assert stored == {"P1": "ar", "P9": "sv-x-ll", "P10": ""}


def test_an_unknown_language_names_the_accepted_codes_and_nothing_is_written(org):
    text = "person_id,birth_year,gender,language\nP1,1980,K,so\nP9,1990,M,de\n"
    result = run("people", text)
    assert errors(result) == [
        "people.csv:3:language: Language must be one of sv, sv-x-ll, en, ar, so, ti, fa, fi (or empty for "
        "Swedish), not de."
    ]
    assert Person.objects.get(pk="P1").language == "" and not Person.objects.filter(pk="P9").exists()
