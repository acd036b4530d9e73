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
        from kasam.dialogs.meetings import plan_section
        from kasam.dialogs.pulse_steps import theme_step
        from kasam.plans import sections
        from kasam.pulse import next_steps

        # Beside a pulse dimension that fell: the dialog theme about it (kasam.pulse.next_steps).
        if theme_step not in next_steps.PROVIDERS:
            next_steps.PROVIDERS.insert(0, theme_step)

        # On a unit's health plan: its coming workplace meetings (kasam.plans.sections).
        if plan_section not in sections.SECTIONS:
            sections.SECTIONS.append(plan_section)

        bump_on_change(
            models.GENERATION,
            models.Programme,
            models.Theme,
            models.DialogRecord,
            models.Evaluation,
            models.PlannedMeeting,
        )

        # The built-in library is added after every migrate (and every test database flush); a
        # programme already there is never overwritten, so the health strategist's edits stay.
        post_migrate.connect(sync_after_migrate, sender=self)
