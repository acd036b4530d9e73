from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SamConfig(AppConfig):
    name = "kasam.sam"
    label = "sam"
    verbose_name = _("Work environment")
