"""The committee's view, without a committee user: both reports are public documents, so every
figure in them is what the committee (nämnden) may see – the sick-leave disclosure gate for units,
the pulse and survey gates, aggregates only – whoever asks for the report. A report made by HR is
the same file a politician gets.

`CommitteeActuals` is the targets' Actuals (kasam.plans.target_figures) for a viewer who sees every
unit, each only through releases (sick leave: the releases alone)."""

from kasam.org.models import Unit
from kasam.plans.target_figures import Actuals


class CommitteeActuals(Actuals):
    def __init__(self, today=None):
        super().__init__(user=None, today=today)
        self._sick_leave_ids = set(Unit.objects.values_list("pk", flat=True))
        self._ungated_ids = set()
        self._pulse_scope = set(self._sick_leave_ids)


def all_units() -> set[str]:
    return set(Unit.objects.values_list("pk", flat=True))


def root() -> Unit:
    return Unit.objects.get(parent__isnull=True)
