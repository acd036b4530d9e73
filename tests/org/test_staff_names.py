"""The per-process staff names behind comment masking are re-read whenever a name may have changed."""

import pytest

from kasam.org import staff_names
from kasam.org.models import Person, StaffNamesStamp
from kasam.site.imports import import_file

pytestmark = pytest.mark.django_db

HEADER = "person_id,birth_year,gender,first_name,last_name\n"


def masked(text: str) -> str:
    from kasam.pulse.results import staff_masker

    return staff_masker()(text)


def test_a_renamed_person_is_masked_by_the_new_name_at_once():
    assert import_file("people", (HEADER + "X1,1980,K,Ingrid,Holm\n").encode(), "people.csv").ok
    assert masked("Ingrid hjälpte mig") == "[namn] hjälpte mig"
    assert import_file("people", (HEADER + "X1,1980,K,Majvor,Holm\n").encode(), "people.csv").ok
    assert masked("Majvor hjälpte mig") == "[namn] hjälpte mig"


def test_a_new_person_is_masked_even_when_no_write_path_bumped_the_stamp():
    masked("warm up the held masker")
    Person.objects.bulk_create([Person(id="X2", birth_year=1990, first_name="Siv", last_name="Ek")])
    assert masked("Siv var snäll") == "[namn] var snäll"


def test_a_save_through_the_model_bumps_the_stamp():
    before = staff_names.names_key()
    person = Person.objects.create(id="X3", birth_year=1970, first_name="Elof", last_name="Lind")
    person.first_name = "Ebbe"
    person.save()
    after = staff_names.names_key()
    assert after[0] != before[0]
    assert masked("Ebbe") == "[namn]"


def test_the_names_are_read_once_while_nothing_changes(django_assert_num_queries):
    Person.objects.create(id="X4", birth_year=1970, first_name="Alva", last_name="Berg")
    masked("prime")
    # Two small reads (the stamp, the number of persons); the names themselves are held.
    with django_assert_num_queries(2):
        assert masked("Alva") == "[namn]"


def test_a_dry_run_import_does_not_bump():
    StaffNamesStamp.objects.all().delete()
    result = import_file("people", (HEADER + "X5,1980,K,Gun,Ås\n").encode(), "people.csv", dry_run=True)
    assert result.ok
    assert staff_names.names_key() == (0, 0)
