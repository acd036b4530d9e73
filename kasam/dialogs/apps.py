from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class DialogsConfig(AppConfig):
    name = "kasam.dialogs"
    label = "dialogs"
    verbose_name = _("Dialogs at the workplace meeting")

    def ready(self):
        from kasam.core.generations import bump_on_change
        from kasam.dialogs import models
        from kasam.dialogs.library_sync import sync_after_migrate

        bump_on_change(
            models.GENERATION, models.Programme, models.Theme, models.DialogRecord, models.Evaluation
        )

        # The built-in library is added after every migrate (and every test database flush); a
        # programme already there is never overwritten, so the health strategist's edits stay.
        post_migrate.connect(sync_after_migrate, sender=self)
