"""Early signals by e-mail (kasam.pulse.notify): after a round closes, the unit
managers over a signalled shown node and the health strategists whose scope holds it get one e-mail
each – nobody else, never for a hidden node, never with anything about a person."""

import re
from datetime import date
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from test_results import add_staff, build_round

from kasam.org import staff_names
from kasam.org.models import Person, Role, RoleAssignment
from kasam.pulse import actions, notify, schedule
from kasam.pulse.models import Round


@pytest.fixture(autouse=True)
def _pulse_settings(pulse_settings, english):
    settings = pulse_settings
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.KASAM_BASE_URL = "https://kasam.example.se"


@pytest.fixture
def people(personas, django_user_model):
    """Every persona with an e-mail address, and a unit manager over AO (shown in every round)."""
    for user in personas.values():
        user.email = f"{user.username}@example.se"
        user.save()
    chef = django_user_model.objects.create_user(username="chef_ao", email="chef_ao@example.se")
    RoleAssignment.objects.create(user=chef, role=Role.UNIT_MANAGER, unit_id="AO")
    return {**personas, "chef_ao": chef}


def rounds(last_value: int) -> Round:
    """Three closed rounds answered 4, and a fourth answered `last_value`, left open."""
    add_staff()
    for number in range(1, 4):
        actions.close_round(build_round(number=number, opens=date(2026, 11, number), value=4))
    return build_round(number=4, opens=date(2026, 11, 4), value=last_value)


def recipients() -> set[str]:
    return {address for message in mail.outbox for address in message.to}


def test_a_signal_mails_the_unit_manager_and_the_health_strategist_only(people):
    round = rounds(last_value=2)
    actions.close_round(round)
    round.refresh_from_db()
    mail.outbox.clear()
    assert notify.notify_early_signals(round) == 3
    # The managers of AO and AO-HT1 (both shown); not the dialog coach (AO-SB1 and IFO-BU are hidden),
    # not the politician, HR or leadership.
    assert recipients() == {"chef_ao@example.se", "enhetschef@example.se", "halsostrateg@example.se"}
    chef = next(m for m in mail.outbox if m.to == ["chef_ao@example.se"])
    assert chef.subject == "Early signal in the pulse"
    assert "https://kasam.example.se/puls/enheter/AO/" in chef.body
    assert "https://kasam.example.se/puls/enheter/SOC/" not in chef.body  # outside the manager's unit
    assert "index" in chef.body
    strategist = next(m for m in mail.outbox if m.to == ["halsostrateg@example.se"])
    assert "https://kasam.example.se/puls/enheter/AO/" in strategist.body
    # Hidden nodes never appear (AO-SB1's and IFO-BU's answers were re-pooled into SOC).
    for message in mail.outbox:
        assert "/puls/enheter/IFO-BU/" not in message.body and "/puls/enheter/AO-SB1/" not in message.body


def test_the_mail_carries_no_person_names(people):
    round = rounds(last_value=2)
    actions.close_round(round)
    round.refresh_from_db()
    mail.outbox.clear()
    assert notify.notify_early_signals(round) > 0
    names = staff_names.read_staff_names() | set(Person.objects.values_list("email", flat=True)) - {""}
    for message in mail.outbox:
        text = f"{message.subject}\n{message.body}"
        found = [name for name in names if re.search(rf"\b{re.escape(name)}\b", text)]
        assert not found, found


def test_no_signal_no_mail(people):
    round = rounds(last_value=4)
    actions.close_round(round)
    round.refresh_from_db()
    mail.outbox.clear()
    assert notify.notify_early_signals(round) == 0
    assert mail.outbox == []


def test_only_hidden_nodes_in_scope_no_mail(people, django_user_model):
    """The manager of AO-SB1 (hidden in every round) gets nothing even when AO above it signals."""
    chef = django_user_model.objects.create_user(username="chef_sb1", email="chef_sb1@example.se")
    RoleAssignment.objects.create(user=chef, role=Role.UNIT_MANAGER, unit_id="AO-SB1")
    round = rounds(last_value=2)
    actions.close_round(round)
    round.refresh_from_db()
    assert "AO-SB1" not in round.shown_nodes
    mail.outbox.clear()
    notify.notify_early_signals(round)
    assert "chef_sb1@example.se" not in recipients()


def test_users_without_e_mail_are_skipped(people):
    people["chef_ao"].email = ""
    people["chef_ao"].save()
    round = rounds(last_value=2)
    actions.close_round(round)
    round.refresh_from_db()
    mail.outbox.clear()
    assert notify.notify_early_signals(round) == 2
    assert recipients() == {"enhetschef@example.se", "halsostrateg@example.se"}


def test_the_tick_mails_after_closing(people):
    round = rounds(last_value=2)
    mail.outbox.clear()
    assert schedule.close_due(date(2026, 11, 21)) == [round]
    assert recipients() == {"chef_ao@example.se", "enhetschef@example.se", "halsostrateg@example.se"}


def test_the_close_command_mails(people):
    round = rounds(last_value=2)
    mail.outbox.clear()
    out = StringIO()
    call_command("pulse", "close", str(round.pk), stdout=out)
    assert "Early signals mailed to 3 user(s)." in out.getvalue()
    assert len(mail.outbox) == 3


def test_a_failure_to_send_leaves_the_round_closed(people, monkeypatch):
    round = rounds(last_value=2)

    def broken(_round):
        raise OSError("mail server down")

    monkeypatch.setattr(notify, "notify_early_signals", broken)
    schedule.close_due(date(2026, 11, 21))
    round.refresh_from_db()
    assert round.status == Round.Status.CLOSED
