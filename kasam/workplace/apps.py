from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkplaceConfig(AppConfig):
    name = "kasam.workplace"
    label = "workplace"
    verbose_name = _("My workplace")
