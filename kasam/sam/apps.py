from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class SamConfig(AppConfig):
    name = "kasam.sam"
    label = "sam"
    verbose_name = _("Work environment")

    def ready(self) -> None:
        from kasam.plans.models import Activity
        from kasam.sam.signals import close_risks_of_done_action

        post_save.connect(close_risks_of_done_action, sender=Activity, dispatch_uid="sam-close-risks")
