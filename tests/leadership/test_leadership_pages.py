"""The leadership pages: the catalogue, a leader's own trainings, the private checklist with its
history, the overview with the trainings of the leaders in scope and one checklist aggregate over at
least k leaders, and recording a training for a leader in scope."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from kasam.leadership.catalogue import BUILDING_BLOCKS, CHECKLIST
from kasam.leadership.catalogue_sync import sync_catalogue
from kasam.leadership.checklist import SLUGS, record_answer
from kasam.leadership.models import BuildingBlock, ChecklistAnswer, ChecklistRelease, Training
from kasam.org.models import Role, RoleAssignment

pytestmark = pytest.mark.usefixtures("english")


def answer_post(**overrides) -> dict:
    return {slug: str(index % 5 + 1) for index, slug in enumerate(SLUGS)} | overrides


def scores(*values: int) -> dict[str, int]:
    """All ten statements: the values given for the first ones, then 3."""
    return dict(zip(SLUGS, [*values, *[3] * (10 - len(values))], strict=True))


def add_leader(django_user_model, username: str, unit_id: str, role=Role.UNIT_MANAGER):
    user = django_user_model.objects.create_user(username=username, password="test-password-1")
    RoleAssignment.objects.create(user=user, role=role, unit_id=unit_id)
    return user


# --------------------------------------------------------------------------------- the catalogue


def test_the_built_in_catalogue_is_there_after_migrate_and_never_overwritten(db):
    assert list(BuildingBlock.objects.values_list("slug", flat=True)) == [b.slug for b in BUILDING_BLOCKS]
    assert BuildingBlock.objects.filter(builtin=True, in_use=True).count() == len(BUILDING_BLOCKS)
    BuildingBlock.objects.filter(slug="mi").update(title_sv="MI – vår egen rubrik", in_use=False)
    BuildingBlock.objects.filter(slug="dfu").delete()
    assert sync_catalogue() == 1
    assert sync_catalogue() == 0
    edited = BuildingBlock.objects.get(slug="mi")
    assert (edited.title_sv, edited.in_use) == ("MI – vår egen rubrik", False)
    dfu = BuildingBlock.objects.get(slug="dfu")
    assert dfu.builtin and dfu.title_sv.startswith("DFU")


def test_everyone_reads_the_catalogue_in_their_language(client, personas):
    client.force_login(personas["politiker"])
    page = client.get(reverse("leadership:home")).content.decode()
    assert "Coaching leadership" in page and "MI – Motivational interviewing" in page
    assert "My trainings" not in page and "My checklist" not in page
    BuildingBlock.objects.filter(slug="bam").update(in_use=False)
    assert "BAM – Better work environment" not in client.get(reverse("leadership:home")).content.decode()
    with translation.override("sv"):
        assert BuildingBlock.objects.get(slug="ugl").title == "UGL – Utveckling av grupp och ledare"


# ------------------------------------------------------------------------------ own trainings


def test_a_leader_adds_a_training_they_took_and_sees_it(client, personas):
    client.force_login(personas["enhetschef"])
    block = BuildingBlock.objects.get(slug="svara-samtal")
    response = client.post(
        reverse("leadership:own-training"),
        {"block": block.pk, "completed_on": "2026-03-12", "note": "Med IFO"},
    )
    assert response.status_code == 302 and response["Location"].endswith("#my-trainings")
    saved = Training.objects.get()
    assert (saved.user, saved.block, saved.completed_on, saved.note, saved.recorded_by) == (
        personas["enhetschef"],
        block,
        date(2026, 3, 12),
        "Med IFO",
        personas["enhetschef"],
    )
    page = client.get(reverse("leadership:home")).content.decode()
    assert "12 March 2026" in page and "Difficult conversations" in page


def test_a_future_or_repeated_training_date_is_refused(client, personas):
    client.force_login(personas["enhetschef"])
    block = BuildingBlock.objects.get(slug="ugl")
    url = reverse("leadership:own-training")
    response = client.post(url, {"block": block.pk, "completed_on": "2026-11-26"})
    assert response.status_code == 200
    assert "the date cannot be later than today" in response.content.decode()
    assert not Training.objects.exists()
    client.post(url, {"block": block.pk, "completed_on": "2026-11-25"})
    response = client.post(url, {"block": block.pk, "completed_on": "2026-11-25"})
    assert "This training is already recorded on that date." in response.content.decode()
    assert Training.objects.count() == 1


def test_hr_records_a_training_for_a_leader_in_scope(client, personas):
    client.force_login(personas["hr"])
    url = reverse("leadership:training-new")
    choices = client.get(url).context["form"].fields["leader_id"].choices
    assert [label for _value, label in choices][1:] == ["enhetschef", "omradeschef"]
    block = BuildingBlock.objects.get(slug="coachande-ledarskap")
    leader = personas["omradeschef"]
    response = client.post(url, {"leader_id": leader.pk, "block": block.pk, "completed_on": "2025-05-20"})
    assert response.status_code == 302
    saved = Training.objects.get()
    assert (saved.user, saved.completed_on, saved.recorded_by) == (leader, date(2025, 5, 20), personas["hr"])
    response = client.post(url, {"leader_id": leader.pk, "block": block.pk, "completed_on": "2026-12-01"})
    assert "the date cannot be later than today" in response.content.decode()
    assert Training.objects.count() == 1


def test_a_leader_outside_the_scope_or_someone_who_is_no_leader_is_refused(
    client, personas, django_user_model
):
    hr_ifo = django_user_model.objects.create_user(username="hr-ifo", password="test-password-1")
    RoleAssignment.objects.create(user=hr_ifo, role=Role.HR, unit_id="IFO")
    ifo_manager = add_leader(django_user_model, "chef-bu", "IFO-BU")
    client.force_login(hr_ifo)
    url = reverse("leadership:training-new")
    block = BuildingBlock.objects.get(slug="mi")
    for outsider in (personas["enhetschef"], personas["medarbetare"]):
        response = client.post(
            url, {"leader_id": outsider.pk, "block": block.pk, "completed_on": "2026-01-10"}
        )
        assert response.status_code == 200
        assert "you can record trainings for the leaders in your part of the organisation" in (
            response.content.decode()
        )
    assert not Training.objects.exists()
    client.post(url, {"leader_id": ifo_manager.pk, "block": block.pk, "completed_on": "2026-01-10"})
    assert Training.objects.get().user == ifo_manager


# --------------------------------------------------------------------------------- the checklist


def test_a_leader_answers_the_checklist(client, personas):
    client.force_login(personas["enhetschef"])
    url = reverse("leadership:checklist")
    page = client.get(url).content.decode()
    assert page.count("<fieldset") == 10 and page.count("<legend>") == 10
    assert page.count('type="radio"') == 50 and "5 – Completely true" in page
    assert CHECKLIST[0].text.en in page
    response = client.post(url, answer_post())
    assert response.status_code == 302 and response["Location"].endswith("#history")
    saved = ChecklistAnswer.objects.get()
    assert (saved.user, saved.answered_on) == (personas["enhetschef"], date(2026, 11, 25))
    assert saved.scores == {slug: index % 5 + 1 for index, slug in enumerate(SLUGS)}
    # Answering again the same day replaces the day's answer.
    client.post(url, answer_post(narvaro="5"))
    assert ChecklistAnswer.objects.get().scores["narvaro"] == 5


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"narvaro": ""},
            "Choose how well statement 2 fits you: “I am present in the workplace and easy to reach.”",
        ),
        (
            {"styrkor": "7"},
            "Statement 8: choose one of the five steps, from “Not at all true” to “Completely true”.",
        ),
        ({"lyssnar": "0"}, "Statement 5: choose one of the five steps"),
        ({"tydlighet": "mycket"}, "Statement 4: choose one of the five steps"),
    ],
)
def test_a_missing_statement_or_a_value_off_the_scale_is_refused(client, personas, overrides, message):
    client.force_login(personas["enhetschef"])
    response = client.post(reverse("leadership:checklist"), answer_post(**overrides))
    assert response.status_code == 200
    content = response.content.decode()
    assert message in content
    slug = next(iter(overrides))
    assert f'href="#statement-{slug}"' in content and 'class="error-summary"' in content
    assert not ChecklistAnswer.objects.exists()


def test_the_recording_function_refuses_incomplete_or_off_scale_scores(personas):
    leader = personas["enhetschef"]
    for bad in ({**scores(), "narvaro": 6}, {k: v for k, v in scores().items() if k != "styrkor"}):
        with pytest.raises(ValueError):
            record_answer(leader, date(2026, 11, 1), bad)
    with pytest.raises(ValueError):
        record_answer(leader, date(2026, 11, 1), {**scores(), "annat": 3})
    assert not ChecklistAnswer.objects.exists()


def test_each_leader_sees_only_their_own_history(client, personas):
    own, other = personas["enhetschef"], personas["omradeschef"]
    record_answer(own, date(2025, 3, 3), scores(2, 2))
    record_answer(own, date(2026, 4, 4), scores(4, 5))
    record_answer(other, date(2026, 2, 2), scores(1, 1))
    client.force_login(own)
    page = client.get(reverse("leadership:checklist") + f"?user={other.pk}").content.decode()
    assert "2025-03-03" in page and "2026-04-04" in page and "2026-02-02" not in page
    assert 'id="checklist-history-caption"' in page  # two answers: the chart with its table
    client.force_login(other)
    page = client.get(reverse("leadership:checklist")).content.decode()
    assert "2026-02-02" in page and "2025-03-03" not in page and "2026-04-04" not in page
    assert "checklist-history" not in page  # one answer: no chart
    # Nobody above sees one leader's answer: two leaders are fewer than k.
    client.force_login(personas["hr"])
    page = client.get(reverse("leadership:overview") + "?ar=2026").content.decode()
    assert "Too few leaders have answered to show anything" in page
    assert "checklist-aggregate" not in page


# ---------------------------------------------------------------------------------- the overview


def test_the_overview_counts_the_trainings_of_the_leaders_in_scope(client, personas, django_user_model):
    ifo_manager = add_leader(django_user_model, "chef-bu", "IFO-BU")
    ugl, mi = BuildingBlock.objects.get(slug="ugl"), BuildingBlock.objects.get(slug="mi")
    Training.objects.create(user=personas["enhetschef"], block=ugl, completed_on=date(2024, 5, 1))
    Training.objects.create(user=personas["enhetschef"], block=ugl, completed_on=date(2026, 5, 1))
    Training.objects.create(user=personas["omradeschef"], block=ugl, completed_on=date(2025, 9, 9))
    Training.objects.create(user=ifo_manager, block=mi, completed_on=date(2025, 1, 15))
    client.force_login(personas["hr"])
    response = client.get(reverse("leadership:overview"))
    counts = {item.block.slug: item.leaders for item in response.context["counts"]}
    assert (counts["ugl"], counts["mi"], counts["bam"]) == (2, 1, 0)
    rows = {row.name: row for row in response.context["leader_rows"]}
    assert set(rows) == {"enhetschef", "omradeschef", "chef-bu"}
    slugs = [item.block.slug for item in response.context["counts"]]
    assert rows["enhetschef"].taken[slugs.index("ugl")] == date(2026, 5, 1)  # the latest
    assert [unit.pk for unit in rows["omradeschef"].units] == ["AO"]
    # Leadership over the area of elderly care sees only the leaders there.
    area = django_user_model.objects.create_user(username="ledning-ao", password="test-password-1")
    RoleAssignment.objects.create(user=area, role=Role.LEADERSHIP, unit_id="AO")
    client.force_login(area)
    response = client.get(reverse("leadership:overview"))
    assert {row.name for row in response.context["leader_rows"]} == {"enhetschef", "omradeschef"}
    assert {item.block.slug: item.leaders for item in response.context["counts"]}["mi"] == 0


def the_aggregate(client, query: str = ""):
    (aggregate,) = client.get(reverse("leadership:overview") + query).context["aggregates"]
    return aggregate


def test_the_overview_hides_the_checklist_below_k_and_releases_it_at_k(
    client, personas, django_user_model, settings
):
    leaders = [
        personas["enhetschef"],
        personas["omradeschef"],
        add_leader(django_user_model, "chef-sb", "AO-SB1"),
    ]
    # Statement 1 (feedback): 4, 5, 2; statement 2 (presence): 3, 3, 4; the others 3.
    record_answer(leaders[0], date(2026, 2, 1), scores(1, 1))  # replaced by the leader's latest below
    record_answer(leaders[0], date(2026, 9, 1), scores(4, 3))
    record_answer(leaders[1], date(2026, 9, 2), scores(5, 3))
    record_answer(leaders[2], date(2026, 9, 3), scores(2, 4))
    record_answer(leaders[1], date(2025, 6, 1), scores(1, 1))  # another year
    client.force_login(personas["ledning"])
    url = reverse("leadership:overview")
    # The default k (5): three leaders are too few, and nothing is released.
    assert settings.KASAM_PULSE_K == 5
    page = client.get(url).content.decode()
    assert "Too few leaders have answered to show anything" in page and "checklist-aggregate" not in page
    assert not ChecklistRelease.objects.exists()
    settings.KASAM_PULSE_K = 3
    response = client.get(url + "?ar=2026")
    page = response.content.decode()
    assert "Too few leaders" not in page and 'id="checklist-aggregate"' in page
    (aggregate,) = response.context["aggregates"]
    assert (aggregate.leaders, aggregate.published_on) == (3, date(2026, 11, 25))
    # (4 + 5 + 2) / 3 = 3.67 and 2 of 3 at 4–5 = 66.67 %; (3 + 3 + 4) / 3 = 3.33 and 1 of 3 = 33.33 %
    assert aggregate.rows[0][1:] == (3.67, 66.67) and aggregate.rows[1][1:] == (3.33, 33.33)
    assert aggregate.rows[2][1:] == (3.0, 0.0)
    assert "3,67" in page and "67\u00a0%" in page and "Released 25 November 2026, 3 leaders" in page
    # The release is stored with its ledger and the answers it used – never a score outside them.
    release = ChecklistRelease.objects.get()
    assert (release.scope_id, release.year, release.leaders, release.k) == ("SOC", 2026, 3, 3)
    assert release.figures[0] == {
        "slug": SLUGS[0], "answers": 3, "passes": True, "mean": 3.67, "high_share": 66.67
    }  # fmt: skip
    used = ChecklistAnswer.objects.filter(answered_on__gte=date(2026, 9, 1))
    assert sorted(answer for _leader, answer, _version in release.used) == sorted(a.pk for a in used)
    assert all(len(entry) == 3 and isinstance(entry[2], str) for entry in release.used)
    with pytest.raises(ValueError):
        release.save()
    # Viewing again makes no second release; 2025: one leader is too few; a year not offered falls
    # back to this year.
    client.get(url + "?ar=2026")
    assert ChecklistRelease.objects.count() == 1
    assert "Too few leaders" in client.get(url + "?ar=2025").content.decode()
    assert client.get(url + "?ar=1999").context["year"] == 2026
    assert client.get(url + "?ar=abc").context["year"] == 2026
    with translation.override("sv"):
        client.cookies["django_language"] = "sv"
        assert "Släppt 25 november 2026, 3 chefer" in client.get(url + "?ar=2026").content.decode()


def test_a_new_release_needs_k_new_answers_and_k_changed_leaders(
    client, personas, django_user_model, settings
):
    settings.KASAM_PULSE_K = 3
    leaders = [
        personas["enhetschef"],
        personas["omradeschef"],
        add_leader(django_user_model, "chef-sb", "AO-SB1"),
    ]
    for n, leader in enumerate(leaders):
        record_answer(leader, date(2026, 10, 1 + n), scores(3))
    client.force_login(personas["hr"])
    assert the_aggregate(client).leaders == 3
    # One newcomer and one leader answering anew: two added, one removed – not a release.
    newcomer = add_leader(django_user_model, "chef-ht2", "AO")
    record_answer(newcomer, date(2026, 11, 2), scores(5))
    record_answer(leaders[0], date(2026, 11, 20), scores(5))
    aggregate = the_aggregate(client)
    assert (aggregate.leaders, aggregate.rows[0][1]) == (3, 3.0)
    # A leader correcting the same day's answer counts as an edit too; still only 3 added, 2 removed.
    record_answer(leaders[1], date(2026, 10, 2), scores(4))
    assert the_aggregate(client).leaders == 3
    # A third leader answers anew: 4 answers since, 4 added, 3 removed – released over four leaders.
    record_answer(leaders[2], date(2026, 11, 21), scores(5))
    aggregate = the_aggregate(client)
    assert aggregate.leaders == 4 and aggregate.rows[0][1] == 4.75  # 5, 4, 5, 5
    assert ChecklistRelease.objects.count() == 2


def test_releases_are_kept_per_root_of_the_viewers_scope(client, personas, django_user_model, settings):
    settings.KASAM_PULSE_K = 3
    for n in range(3):
        record_answer(add_leader(django_user_model, f"chef-ao-{n}", "AO-SB1"), date(2026, 10, 1), scores(4))
        record_answer(add_leader(django_user_model, f"chef-ifo-{n}", "IFO-BU"), date(2026, 10, 1), scores(2))
    area = django_user_model.objects.create_user(username="ledning-ao", password="test-password-1")
    RoleAssignment.objects.create(user=area, role=Role.LEADERSHIP, unit_id="AO")
    client.force_login(area)
    aggregate = the_aggregate(client)
    assert (aggregate.scope.pk, aggregate.leaders, aggregate.rows[0][1]) == ("AO", 3, 4.0)
    client.force_login(personas["ledning"])
    aggregate = the_aggregate(client)
    assert (aggregate.scope.pk, aggregate.leaders, aggregate.rows[0][1]) == ("SOC", 6, 3.0)
    assert set(ChecklistRelease.objects.values_list("scope_id", flat=True)) == {"AO", "SOC"}
