"""Names of the survey's items and figures on pages, and the Swedish titles a plan area gets.

The item ids, scales and short Swedish names are kasam.metrics.survey's (ITEMS, SCALES, ITEM_NAMES).
Here they get page labels with English msgids (the Swedish catalogue carries the Swedish words), and
`plan_title`: the Swedish name an area to strengthen gets when it is made from a survey gap – the
item's page label in Swedish, so that a statement has one name on every page, export and plan. Choice:
the plan title is Swedish whatever the interface language, because a plan is the unit's own document
in the unit's language; the label is written out a little more than ITEM_NAMES so that it reads as a
heading ("Förtroende för chefen", not "förtroende").
"""

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from kasam.metrics.survey.items import HME_SUBINDICES, INDEX_ITEMS, ITEM_NAMES, ITEMS

ITEM_LABELS = {
    "hme1": _("Meaningful work"),
    "hme2": _("Learning and developing"),
    "hme3": _("Looking forward to work"),
    "hme4": _("Appreciation from the manager"),
    "hme5": _("Trust in the manager"),
    "hme6": _("Scope to take responsibility"),
    "hme7": _("Knowing the goals"),
    "hme8": _("Seeing how the work contributes"),
    "hme9": _("Goals are followed up"),
    "nmi1": _("Satisfied with the work situation"),
    "nmi2": _("Work meets expectations"),
    "nmi3": _("Close to an ideal work situation"),
    "enps": _("Would recommend the workplace (eNPS)"),
}


SUBINDEX_LABELS = {
    "motivation": _("Motivation"),
    "ledarskap": _("Leadership"),
    "styrning": _("Governance"),
}
SUBINDEX_OF = {item: name for name, items in HME_SUBINDICES.items() for item in items}

assert set(ITEM_LABELS) == set(ITEMS) == set(ITEM_NAMES)


def item_label(item: str) -> str:
    return str(ITEM_LABELS.get(item, item))


def group_label(item: str) -> str:
    """The index an item belongs to: an HME sub-index, or NMI."""
    if item in SUBINDEX_OF:
        return str(SUBINDEX_LABELS[SUBINDEX_OF[item]])
    return "NMI" if item.startswith("nmi") else ""


def plan_title(item: str) -> str:
    """The item's one Swedish name (its page label in Swedish), whatever the interface language."""
    if item not in INDEX_ITEMS:
        raise KeyError(item)
    with translation.override("sv"):
        return str(ITEM_LABELS[item])
