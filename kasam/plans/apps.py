from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "kasam.plans"
    label = "plans"
    verbose_name = _("Health plans")

    def ready(self):
        from kasam.plans.pulse_steps import strengthen_step
        from kasam.plans.tracking import tracked_statements
        from kasam.pulse import actions, next_steps

        # A round opens with the statements running activities track (kasam.pulse.actions).
        if tracked_statements not in actions.TRACKED_STATEMENTS:
            actions.TRACKED_STATEMENTS.append(tracked_statements)
        # Beside a pulse dimension that fell: "Stärk i vår plan" (kasam.pulse.next_steps).
        if strengthen_step not in next_steps.PROVIDERS:
            next_steps.PROVIDERS.append(strengthen_step)
