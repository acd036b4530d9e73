from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "kasam.evaluation"
    label = "evaluation"
    verbose_name = _("Evaluation")

    def ready(self):
        from kasam.core.generations import bump_on_change
        from kasam.evaluation.models import GENERATION, Rollout, RolloutStart

        bump_on_change(GENERATION, Rollout, RolloutStart)
