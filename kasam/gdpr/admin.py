from django.contrib import admin

from kasam.gdpr.models import Horizon, PurgeRun
from kasam.org.admin import ReadOnlyAdmin


@admin.register(PurgeRun)
class PurgeRunAdmin(ReadOnlyAdmin):
    list_display = ["started_at", "finished_at", "status"]
    list_filter = ["status"]


@admin.register(Horizon)
class HorizonAdmin(ReadOnlyAdmin):
    list_display = ["data_class", "cutoff", "applied_at"]
