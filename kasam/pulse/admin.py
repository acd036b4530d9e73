"""The technical administrator's view of the pulse. Programmes are edited here; rounds and invitations
are read-only (their states change through kasam.pulse.actions) and never show a token hash. Answers,
comments, the buffer and participations are not registered at all: no admin page reads them."""

from django.contrib import admin

from kasam.org.admin import ReadOnlyAdmin
from kasam.pulse.models import Invitation, Programme, Round


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "root_unit",
        "cadence_days",
        "per_round",
        "window_days",
        "include_hourly",
        "active",
    ]
    list_filter = ["active"]
    search_fields = ["name", "root_unit__name"]
    autocomplete_fields = ["root_unit"]


@admin.register(Round)
class RoundAdmin(ReadOnlyAdmin):
    list_display = ["programme", "number", "opens_on", "closes_on", "status", "k"]
    list_filter = ["status", "programme"]
    fields = ["programme", "number", "opens_on", "closes_on", "status", "statement_ids", "k", "shown_nodes"]


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdmin):
    list_display = ["round", "person", "reporting_node", "sent_at", "reminded_at"]
    list_filter = ["round"]
    search_fields = ["person__id", "reporting_node"]
    fields = ["round", "person", "reporting_node", "sent_at", "reminded_at"]
