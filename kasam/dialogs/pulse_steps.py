"""The dialogs' step beside a pulse dimension that fell (kasam.pulse.next_steps): the theme of
"KASAM på APT" that talks about that dimension, when the library has one."""

from django.urls import reverse
from django.utils.translation import gettext

from kasam.dialogs.models import Theme
from kasam.pulse.next_steps import Step

PROGRAMME = "kasam-pa-apt"


def theme_step(user, unit, dimension_id: str, dimension_name: str) -> list[Step]:
    slug = dimension_id.replace("_", "-")  # the library's themes are named like the dimensions
    theme = Theme.objects.filter(programme__slug=PROGRAMME, programme__in_use=True, slug=slug).first()
    if theme is None:
        return []
    url = reverse("dialogs:theme", kwargs={"slug": PROGRAMME, "theme_slug": slug})
    return [
        Step(gettext("Talk about %(name)s at the workplace meeting") % {"name": dimension_name.lower()}, url)
    ]
