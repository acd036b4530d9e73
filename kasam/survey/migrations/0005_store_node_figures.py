"""Store the gated figures of every survey imported before they were stored at import
(kasam/survey/stored.py, `store_all`): for each survey with a frozen tree, its `NodeFigures` rows
computed from its stored cells and decision exactly as an import computes them now – only what the
gate shows – and a new "survey" generation. Nothing else changes; reversing deletes the rows."""

from django.db import migrations


def store_all(apps, schema_editor):
    from kasam.survey.stored import store_all

    store_all(
        apps.get_model("survey", "Survey"),
        apps.get_model("survey", "NodeFigures"),
        apps.get_model("survey", "UnitRespondents"),
        apps.get_model("survey", "Distribution"),
        apps.get_model("core", "Generation"),
    )


def delete_all(apps, schema_editor):
    apps.get_model("survey", "NodeFigures").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("survey", "0004_node_figures"),
        ("core", "0002_generation"),
    ]

    operations = [migrations.RunPython(store_all, delete_all)]
