"""The plan's step beside a pulse dimension that fell (kasam.pulse.next_steps): "Stärk i vår plan",
for one who may edit the unit's plan – the dimension becomes an area to strengthen this year."""

from django.urls import reverse
from django.utils.translation import gettext

from kasam.core.dates import today
from kasam.org.access import units_for
from kasam.org.roles import Capability
from kasam.plans.models import PlanArea
from kasam.pulse.next_steps import Step


def strengthen_step(user, unit, dimension_id: str, dimension_name: str) -> list[Step]:
    if not units_for(user, Capability.EDIT_HEALTH_PLAN).filter(pk=unit.pk).exists():
        return []
    url = reverse("plans:area-from-source", kwargs={"unit_id": unit.pk, "year": today().year})
    fields = {"source": PlanArea.Source.PULSE, "ref": dimension_id, "title": dimension_name}
    return [Step(gettext("Strengthen %(name)s in our plan") % {"name": dimension_name.lower()}, url, fields)]
