from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RehabConfig(AppConfig):
    name = "kasam.rehab"
    label = "rehab"
    verbose_name = _("Return to work")
