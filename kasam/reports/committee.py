"""The committee's view, without a committee user: both reports are public documents, so every
figure in them is what the committee (nämnden) may see – the sick-leave disclosure gate for units,
the pulse and survey gates, aggregates only – whoever asks for the report. A report made by HR is
the same file a politician gets.

`committee_actuals()` gives the targets' Actuals (kasam.targets.figures) for the committee's viewer
(kasam.anonymity.viewer.CommitteeViewer): every unit, each only through releases and the gates."""

from kasam.anonymity.viewer import CommitteeViewer
from kasam.org.models import Unit
from kasam.targets.figures import Actuals


def committee_actuals(today=None) -> Actuals:
    return Actuals(CommitteeViewer(), today=today)


def all_units() -> set[str]:
    return set(Unit.objects.values_list("pk", flat=True))


def root() -> Unit:
    return Unit.objects.get(parent__isnull=True)
