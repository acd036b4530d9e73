"""Early signals reach the enhetschef and the hälsostrateg by e-mail after a round closes.

For every node shown in the round whose latest figures carry an early signal – decided by
`results.early_signals`, the very function the unit dashboard uses – the users holding the unit-manager
role over the node or an ancestor of it, and every health strategist whose scope holds it, get one
e-mail each listing their signalled units and dimensions, with a link to each unit's dashboard.

Only aggregate content leaves here: unit names, dimension names and the index the gate already shows
for a shown node. Nothing about persons; a hidden node never triggers mail (it has no signal).
Users without an e-mail address are skipped. One mail connection for the whole batch.
"""

import logging
from collections import defaultdict

from django.conf import settings
from django.core.mail import get_connection, send_mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from kasam.core.formatting import format_number
from kasam.org.models import RoleAssignment, Unit
from kasam.org.roles import Capability, roles_with
from kasam.pulse import results
from kasam.pulse.models import Round

logger = logging.getLogger(__name__)

# Who gets the e-mail: the roles that see the pulse's early signals (unit managers, health strategists).
RECIPIENT_ROLES = tuple(roles_with(Capability.VIEW_PULSE_SIGNALS))


def dashboard_url(unit_id: str) -> str:
    """KASAM_BASE_URL + /puls/enheter/<unit_id>/."""
    return settings.KASAM_BASE_URL.rstrip("/") + reverse("pulse:dashboard", args=[unit_id])


def _signals(round: Round, unit_id: str) -> tuple[list[str], dict]:
    """The unit's signalled dimensions in `round` and its figures there, by the dashboard's rule, over
    the closed rounds up to and including this one."""
    rounds = results.closed_rounds_with(unit_id)
    ids = [r.pk for r in rounds]
    if round.pk not in ids:
        return [], {}
    points = results.node_history(unit_id, rounds[: ids.index(round.pk) + 1])
    if not points:
        return [], {}
    return results.early_signals(points), points[-1].dimensions


def _recipients(units: dict[str, Unit]) -> dict:
    """{user: [unit ids]}: for each unit, the unit managers and health strategists whose assignment's
    subtree holds it (users with an e-mail address only)."""
    found: dict = defaultdict(set)
    assignments = RoleAssignment.objects.filter(role__in=RECIPIENT_ROLES).select_related("user", "unit")
    for assignment in assignments:
        if not assignment.user.email or not assignment.user.is_active:
            continue
        for unit_id, unit in units.items():
            if unit.path.startswith(assignment.unit.path):
                found[assignment.user].add(unit_id)
    return found


def _message(entries: list[tuple[Unit, list[str], dict]]) -> tuple[str, str]:
    """(subject, body) in the organisation's language."""
    from kasam.pulse.dimensions import dimension_name  # the names the dashboard shows

    with translation.override(settings.LANGUAGE_CODE):
        subject = str(_("Early signal in the pulse"))
        lines = [
            str(
                _(
                    "Hi! The latest pulse round has closed, and some figures have fallen by 10 points or "
                    "more compared with the last rounds. It may be worth a conversation with the team."
                )
            ),
            "",
        ]
        for unit, dimensions, figures in entries:
            lines.append(unit.name)
            for dimension in dimensions:
                result = figures.get(dimension)
                if result is not None and result.index is not None:
                    lines.append(
                        "  – "
                        + _("%(dimension)s: index %(index)s")
                        % {"dimension": dimension_name(dimension), "index": format_number(result.index, 0)}
                    )
                else:
                    lines.append(f"  – {dimension_name(dimension)}")
            lines.append("  " + dashboard_url(unit.pk))
            lines.append("")
        lines.append(
            str(_("The figures are for the group as a whole and never say anything about one person."))
        )
    return subject, "\n".join(lines) + "\n"


def notify_early_signals(round: Round) -> int:
    """E-mail each unit manager and health strategist the early signals of a closed round in their
    scope, one e-mail per user. Returns the number of e-mails sent."""
    if round.status != Round.Status.CLOSED or not round.shown_nodes:
        return 0
    shown = set(round.shown_nodes) & set(round.tree or {})
    units = {u.pk: u for u in Unit.objects.filter(pk__in=shown)}
    recipients = _recipients(units)
    wanted = set().union(*recipients.values()) if recipients else set()
    signalled: dict[str, tuple[list[str], dict]] = {}
    for unit_id in sorted(wanted):
        dimensions, figures = _signals(round, unit_id)
        if dimensions:
            signalled[unit_id] = (dimensions, figures)
    if not signalled:
        return 0
    sent = 0
    with get_connection() as connection:
        for user, unit_ids in sorted(recipients.items(), key=lambda pair: pair[0].pk):
            mine = sorted((units[u] for u in unit_ids if u in signalled), key=lambda u: u.path)
            if not mine:
                continue
            subject, body = _message([(unit, *signalled[unit.pk]) for unit in mine])
            send_mail(subject, body, None, [user.email], fail_silently=False, connection=connection)
            sent += 1
    logger.info("pulse round %s: early signals mailed to %d user(s)", round.pk, sent)
    return sent
