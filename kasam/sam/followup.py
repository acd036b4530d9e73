"""The yearly follow-up of the work-environment cycle from the database (kasam.metrics.sam.followup):
every unit of the tree (the units of kind "unit" are the ones expected to hold a round), the rounds,
the risks with their plan actions, and the delegated tasks."""

from datetime import date

from kasam.metrics import sam
from kasam.org.models import Unit
from kasam.plans.models import Activity
from kasam.sam.models import Risk, SafetyRound, TaskDelegation


def load(year: int, day: date) -> sam.FollowUp:
    units = [
        sam.Unit(unit_id, parent_id, kind == Unit.Kind.UNIT)
        for unit_id, parent_id, kind in Unit.objects.values_list("pk", "parent_id", "kind")
    ]
    rounds = [
        sam.Round(r.unit_id, r.held_on, r.signed_on)
        for r in SafetyRound.objects.only(
            "unit_id", "held_on", "manager_signed_on", "representative_signed_on"
        )
    ]
    risks, actions = [], []
    planned = {
        pk: (follow_up_on, status)
        for pk, follow_up_on, status in Activity.objects.filter(
            pk__in=Risk.objects.values("activity_id")
        ).values_list("pk", "follow_up_on", "status")
    }
    for risk in Risk.objects.all():
        level = sam.level(risk.likelihood, risk.consequence)
        risks.append(
            sam.Risk(
                risk.pk,
                risk.unit_id,
                risk.found_on,
                level,
                risk.due_on,
                risk.closed_on,
                risk.decision or None,
            )
        )
        if risk.activity_id in planned:
            actions.append(sam.Action(risk.pk, *planned[risk.activity_id]))
    delegations = [
        sam.Delegation(
            d.unit_id, d.holder_id, d.given_on, d.accepted_on, d.returned_on, d.ends_on, d.given_by_id
        )
        for d in TaskDelegation.objects.all()
    ]
    return sam.followup(units, rounds, risks, actions, delegations, year, day)


def organisation_json(found: sam.FollowUp) -> dict:
    """The organisation's follow-up as `kasam sam followup --format json` prints it: the roots'
    subtrees summed, and each area (a child of a root) with its subtree's counts."""
    total = sum((found.subtree[root] for root in found.roots), sam.Counts())
    areas = [child for root in found.roots for child in found.children.get(root, ())]
    return {
        "year": found.year,
        **total.as_dict(),
        "areas": [{"unit": area, **found.subtree[area].as_dict()} for area in areas],
    }


def unit_json(found: sam.FollowUp, unit_id: str) -> dict:
    """One unit's follow-up as `kasam sam followup --unit UNIT --format json` prints it: its subtree's
    counts, and each unit right below it with its subtree's ("below"). KeyError for a unit not in the tree."""
    return {
        "year": found.year,
        "unit": unit_id,
        **found.subtree[unit_id].as_dict(),
        "below": [{"unit": kid, **found.subtree[kid].as_dict()} for kid in found.children.get(unit_id, ())],
    }


def figures(found: sam.FollowUp, names: dict[str, str]) -> dict[str, dict]:
    """{unit: its name, its parent and its subtree's counts} for the roots and every unit whose subtree
    holds a unit expected to hold a round – what the follow-up page shows, live or from a release
    (kasam.sam.release stores exactly this)."""
    parents: dict = {uid: None for uid in found.roots}
    for parent, kids in found.children.items():
        for kid in kids:
            parents[kid] = parent
    return {
        uid: {"name": names.get(uid, uid), "parent": parents.get(uid), **counts.as_dict()}
        for uid, counts in found.subtree.items()
        if counts.units or uid in found.roots
    }
