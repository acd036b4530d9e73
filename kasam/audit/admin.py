from django.contrib import admin

from kasam.audit.models import AuditEntry
from kasam.org.admin import ReadOnlyAdmin


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ["at", "username", "action", "unit_id"]
    list_filter = ["action"]
    search_fields = ["username", "unit_id"]
