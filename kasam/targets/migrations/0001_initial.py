"""The Target model moves from kasam.plans to this app, in Django's model state only.

What it does to stored rows: nothing. The table `plans_target` was created by
plans/migrations/0001_initial and keeps its name (Meta.db_table), its columns and every row; this
migration runs no SQL, it only tells Django that the model of that table is now `targets.Target`.
plans/migrations/0002_target_moves_to_targets removes the model from the plans app's state, again
without SQL. Nothing else has a foreign key to a target, so no other table is touched either.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("plans", "0001_initial"),
        ("org", "0002_staff_names_stamp"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="Target",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "figure",
                            models.CharField(
                                choices=[
                                    ("sick_leave", "sick leave (%)"),
                                    ("long_term_share", "share of sick leave that is 60 days or longer (%)"),
                                    ("healthy_attendance", "healthy attendance (%)"),
                                    ("hme", "HME, total index"),
                                    ("nmi", "NMI"),
                                    ("pulse_index", "pulse index"),
                                    ("good_health", "share with good or better health (%)"),
                                ],
                                max_length=30,
                                verbose_name="figure",
                            ),
                        ),
                        ("dimension", models.CharField(blank=True, max_length=40, verbose_name="pulse dimension")),
                        (
                            "scope",
                            models.CharField(
                                choices=[("organisation", "the organisation"), ("each_unit", "each unit")],
                                max_length=20,
                                verbose_name="applies to",
                            ),
                        ),
                        ("year", models.PositiveSmallIntegerField(verbose_name="target year")),
                        (
                            "kind",
                            models.CharField(
                                choices=[("level", "a level"), ("change", "a change in percentage points")],
                                max_length=10,
                                verbose_name="kind of target",
                            ),
                        ),
                        ("value", models.DecimalField(decimal_places=2, max_digits=7, verbose_name="value")),
                        ("base_year", models.PositiveSmallIntegerField(verbose_name="base year")),
                        ("note", models.CharField(blank=True, max_length=300, verbose_name="note")),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        (
                            "created_by",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "unit",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="org.unit",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "target",
                        "verbose_name_plural": "targets",
                        "ordering": ["figure", "year", "id"],
                        "db_table": "plans_target",
                    },
                ),
            ],
        ),
    ]
