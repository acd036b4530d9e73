"""Re-pool the surveys stored per unit × gender into groups of at least k respondents, freeze each one's
tree as today's and store its disclosure decision (kasam/survey/repool.py says what this does to the
stored rows). Not reversible: the rows of fewer than k persons are deleted on purpose."""

from django.conf import settings
from django.db import migrations


def repool(apps, schema_editor):
    from kasam.survey.repool import repool_all

    repool_all(
        apps.get_model("survey", "Survey"),
        apps.get_model("survey", "UnitRespondents"),
        apps.get_model("survey", "Distribution"),
        apps.get_model("org", "Unit"),
        getattr(settings, "VAR_DIR", None),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("survey", "0002_frozen_tree_and_decision"),
    ]

    operations = [migrations.RunPython(repool, migrations.RunPython.noop)]
