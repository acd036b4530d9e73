"""The Target model leaves the plans app's state: it lives on as `targets.Target`
(targets/migrations/0001_initial, which this migration follows).

What it does to stored rows: nothing. No SQL runs; the table `plans_target` and its rows stay as they
are and belong to the targets app from here on.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0001_initial"),
        ("targets", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[migrations.DeleteModel(name="Target")],
        ),
    ]
