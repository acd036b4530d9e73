from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RehabConfig(AppConfig):
    name = "kasam.rehab"
    label = "rehab"
    verbose_name = _("Return to work")

    def ready(self) -> None:
        # What the cases add up to is kept until a case, a step or an adjustment changes
        # (kasam.rehab.outcomes.GENERATION; docs/architecture.md "Caches").
        from kasam.core import generations
        from kasam.rehab.models import Adjustment, Case, StepDone
        from kasam.rehab.outcomes import GENERATION

        generations.bump_on_change(GENERATION, Case, StepDone, Adjustment)
