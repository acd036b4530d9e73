"""A delegated work-environment task's status today, for the unit page's table (sam/_delegations.html):
`{{ d|delegation_status }}` is the id, `{{ d|delegation_status_label }}` the words
(kasam.sam.delegations.status)."""

from django import template

from kasam.core.dates import today
from kasam.sam import delegations

register = template.Library()


@register.filter
def delegation_status(delegation) -> str:
    return delegations.status(delegation, today())


@register.filter
def delegation_status_label(delegation) -> str:
    return str(delegations.STATUS_LABELS[delegations.status(delegation, today())])
