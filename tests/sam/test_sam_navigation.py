"""The menu leads each role to the work-environment cycle once: the committee to the yearly
follow-up (from releases), everyone who reads the cycle to its overview, which links the follow-up."""

from django.urls import reverse


def menu(client, user) -> set[str]:
    client.force_login(user)
    return {item["url"] for item in client.get(reverse("core:home")).context["navigation"]}


def test_the_committee_reaches_the_follow_up_and_the_others_the_overview(client, personas):
    overview, followup = reverse("sam:overview"), reverse("sam:followup")
    assert followup in menu(client, personas["politiker"]) and overview not in menu(
        client, personas["politiker"]
    )
    for username in ("enhetschef", "omradeschef", "halsostrateg", "hr", "ledning"):
        found = menu(client, personas[username])
        assert overview in found and followup not in found, username
    assert not {overview, followup} & menu(client, personas["dialogcoach"])
