"""What each role's pages show: only its own units, staff only to those who lead or administer."""

import re

from django.urls import reverse

from kasam.org.models import RoleAssignment


def page(client, user, view="core:home", **kwargs) -> str:
    client.force_login(user)
    response = client.get(reverse(view, kwargs=kwargs))
    assert response.status_code == 200
    return response.content.decode()


def test_it_shows_the_unit_manager_only_the_own_unit_tree(client, personas):
    html = page(client, personas["enhetschef"])
    assert 'href="/organisation/enheter/AO-HT1/"' in html
    assert 'href="/organisation/enheter/AO-HT1-A/"' in html
    for other in ("Solgården", "Barn och unga", "Äldreomsorg", "Socialförvaltningen"):
        assert other not in html


def test_it_shows_the_area_manager_the_area_and_the_level_below_with_a_way_down(client, personas):
    html = page(client, personas["omradeschef"])
    for unit in ("Äldreomsorg", "Hemtjänst Norr", "Solgården"):
        assert unit in html
    assert "Grupp Lärkan" not in html  # two levels down: on Hemtjänst Norr's page
    assert "Barn och unga" not in html
    below = page(client, personas["omradeschef"], "org:unit-detail", unit_id="AO-HT1")
    assert "Grupp Lärkan" in below


def test_it_shows_the_dialog_coach_exactly_the_assigned_units(client, personas):
    html = page(client, personas["dialogcoach"])
    assert "Solgården" in html and "Barn och unga" in html
    assert "Hemtjänst Norr" not in html


def headcounts(html: str) -> dict[str, int]:
    """Unit name → the number in its row of the unit table."""
    rows = re.findall(
        r'<a href="/organisation/enheter/[^"]+/">([^<]+)</a></th>.*?<td class="number">(\d+)</td>', html, re.S
    )
    return {name: int(count) for name, count in rows}


def test_it_counts_current_staff_over_the_subtree(client, personas):
    # SOC: P1–P4 employed today; P5 left in 2025. Hemtjänst Norr: P1 and P2 (in Grupp Lärkan).
    assert headcounts(page(client, personas["hr"]))["Socialförvaltningen"] == 4
    assert headcounts(page(client, personas["hr"], "org:unit-detail", unit_id="AO"))["Hemtjänst Norr"] == 2


def test_a_changed_employment_changes_the_headcount_in_every_worker(client, personas, monkeypatch):
    from kasam.core import generations
    from kasam.org.models import Employment

    workers = [type(generations._held)(), type(generations._held)()]
    for held in workers:
        monkeypatch.setattr(generations, "_held", held)
        assert headcounts(page(client, personas["hr"]))["Socialförvaltningen"] == 4
    ended = Employment.objects.filter(person_id="P1").first()
    ended.end_date = ended.start_date
    ended.save()  # in the first worker's process, say; the other learns it from the generation
    for held in workers:
        monkeypatch.setattr(generations, "_held", held)
        assert headcounts(page(client, personas["hr"]))["Socialförvaltningen"] == 3


def test_long_unit_lists_come_a_hundred_to_a_page(client, personas, org):
    from kasam.org.models import Unit

    Unit.objects.bulk_create(
        Unit(
            id=f"AO-X{i:03}", parent_id="AO", name=f"Enhet {i:03}", kind="enhet", path=f"/SOC/AO/AO-X{i:03}/"
        )
        for i in range(150)
    )
    first = page(client, personas["omradeschef"])
    assert "Enhet 000" in first and "Enhet 149" not in first
    client.force_login(personas["omradeschef"])
    second = client.get("/?page=2").content.decode()
    assert "Enhet 149" in second and "Enhet 000" not in second
    unit_page = page(client, personas["omradeschef"], "org:unit-detail", unit_id="AO")
    assert "Enhet 000" in unit_page and "Enhet 149" not in unit_page
    assert 'href="?page=2"' in unit_page


def test_it_lists_staff_for_the_unit_manager_but_never_outside_the_scope(client, personas):
    html = page(client, personas["enhetschef"], "org:unit-detail", unit_id="AO-HT1")
    assert "Alva Testsson" in html and "Bo Provsson" in html
    assert "Eva Slutat" not in html  # left in 2025
    assert "Cilla Exempelsdotter" not in html
    # The breadcrumb stops at the edge of the manager's scope.
    assert 'href="/organisation/enheter/AO/"' not in html


def test_it_never_shows_persons_to_roles_that_see_aggregates_only(client, personas):
    for role in ("politiker", "ledning", "dialogcoach", "medarbetare"):
        unit = "AO-SB1" if role == "dialogcoach" else "AO-HT1"
        html = page(client, personas[role], "org:unit-detail", unit_id=unit)
        for name in ("Testsson", "Provsson", "Exempelsdotter", "/organisation/personer/"):
            assert name not in html, (role, name)


def test_it_shows_only_employments_within_the_viewers_scope(client, personas, org):
    from datetime import date

    from kasam.org.models import Employment

    Employment.objects.create(
        person_id="P1",
        unit_id="IFO-BU",
        start_date=date(2018, 1, 1),
        end_date=date(2019, 12, 31),
        rate=50,
        weekly_hours=40,
        pay="hourly",
    )
    html = page(client, personas["enhetschef"], "org:person-detail", person_id="P1")
    assert "Hemtjänst Norr" in html and "Barn och unga" not in html
    assert "Barn och unga" in page(client, personas["hr"], "org:person-detail", person_id="P1")


def test_it_offers_import_in_the_navigation_only_to_hr_and_the_health_strategist(client, personas):
    import_link = f'href="{reverse("org:import-file")}"'
    for role, offered in (("hr", True), ("halsostrateg", True), ("enhetschef", False), ("politiker", False)):
        assert (import_link in page(client, personas[role])) is offered, role


def test_pages_about_the_whole_organisation_are_offered_only_to_roles_over_all_of_it(client, personas):
    """Reports and Publicera answer "not found" to HR over one area: the navigation does not offer them
    there, and offers them to HR over the organisation."""
    links = [f'href="{reverse(name)}"' for name in ("reports:list", "releases:list")]
    html = page(client, personas["hr"])
    assert all(link in html for link in links)
    RoleAssignment.objects.filter(user=personas["hr"]).update(unit_id="AO")
    html = page(client, personas["hr"])
    assert not any(link in html for link in links)
    assert f'href="{reverse("absence:overview")}"' in html  # what the area's HR does reach stays


def test_it_speaks_swedish_by_default_and_english_on_request(client, personas):
    html = page(client, personas["enhetschef"])
    assert re.search(r'<html lang="sv"( dir="ltr")?>', html) and "Logga ut" in html
    client.cookies["django_language"] = "en"
    html = page(client, personas["enhetschef"])
    assert '<html lang="en">' in html and "Log out" in html


def test_it_stays_swedish_when_the_browser_asks_for_english(client, personas):
    client.force_login(personas["medarbetare"])
    html = client.get(
        reverse("core:home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9", follow=True
    ).content.decode()
    assert re.search(r'<html lang="sv"( dir="ltr")?>', html) and "Logga ut" in html


def test_it_switches_language_with_the_language_form(client, personas):
    client.force_login(personas["medarbetare"])
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert "Log out" in client.get(reverse("core:home"), follow=True).content.decode()


def test_the_unit_page_links_to_what_the_role_may_see_about_the_unit(client, personas):
    sick_leave = f'href="{reverse("absence:unit", args=["AO-HT1"])}"'
    signals = f'href="{reverse("absence:early-signals", args=["AO-HT1"])}"'
    expected = {
        "enhetschef": (True, True),
        "hr": (True, True),
        "ledning": (True, False),
        "medarbetare": (False, False),
    }
    for role, (has_sick_leave, has_signals) in expected.items():
        html = page(client, personas[role], "org:unit-detail", unit_id="AO-HT1")
        assert (sick_leave in html, signals in html) == (has_sick_leave, has_signals), role


def test_the_staff_list_comes_a_hundred_to_a_page_with_its_own_pager(client, personas, org):
    from datetime import date

    from kasam.org.models import Employment, Person

    Person.objects.bulk_create(
        Person(id=f"Q{i:03}", first_name="Zäta", last_name=f"Ymer{i:03}", birth_year=1980) for i in range(120)
    )
    Employment.objects.bulk_create(
        Employment(
            person_id=f"Q{i:03}", unit_id="AO-HT1", start_date=date(2020, 1, 1), rate=100, weekly_hours=40
        )
        for i in range(120)
    )
    first = page(client, personas["enhetschef"], "org:unit-detail", unit_id="AO-HT1")
    assert "Alva Testsson" in first and "Ymer119" not in first
    assert 'href="?personer=2"' in first
    client.force_login(personas["enhetschef"])
    second = client.get("/organisation/enheter/AO-HT1/?personer=2").content.decode()
    assert "Ymer119" in second and "Alva Testsson" not in second


def test_an_area_lists_only_its_direct_staff_and_a_workplace_its_teams_too(client, personas):
    area = page(client, personas["hr"], "org:unit-detail", unit_id="AO")
    assert "Alva Testsson" not in area and "Bo Provsson" not in area
    assert "Personalen i enheterna under finns på varje enhets egen sida." in area
    workplace = page(client, personas["hr"], "org:unit-detail", unit_id="AO-HT1")
    assert "Alva Testsson" in workplace and "Bo Provsson" in workplace  # Bo in Grupp Lärkan
    assert "Personalen i enheterna under" not in workplace
