"""Buffered submissions are stored sealed (kasam.pulse.sealing); rows waiting at upgrade are sealed."""

from django.db import migrations, models


def seal_waiting(apps, schema_editor):
    from kasam.pulse.sealing import seal

    Submission = apps.get_model("pulse", "Submission")
    for row in Submission.objects.all():
        row.sealed_payload = seal(row.payload, row.round_id, row.reporting_node)
        row.save(update_fields=["sealed_payload"])


class Migration(migrations.Migration):
    dependencies = [("pulse", "0002_round_counts_frozen_at_close")]

    operations = [
        migrations.AddField(
            model_name="submission", name="sealed_payload", field=models.TextField(default=""), preserve_default=False
        ),
        migrations.RunPython(seal_waiting, migrations.RunPython.noop),
        migrations.RemoveField(model_name="submission", name="payload"),
    ]
