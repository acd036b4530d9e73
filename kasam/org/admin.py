"""The technical administrator's view of the organisation. Units, persons and employments come from
the HR system through imports, so here they are read-only; role assignments are edited here."""

from django.contrib import admin

from kasam.org.models import Employment, Person, RoleAssignment, Unit


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Unit)
class UnitAdmin(ReadOnlyAdmin):
    list_display = ["id", "name", "kind", "activity", "parent"]
    list_filter = ["kind"]
    search_fields = ["id", "name", "activity"]


@admin.register(Person)
class PersonAdmin(ReadOnlyAdmin):
    list_display = ["id", "first_name", "last_name", "birth_year", "gender"]
    search_fields = ["id", "first_name", "last_name", "email"]


@admin.register(Employment)
class EmploymentAdmin(ReadOnlyAdmin):
    list_display = ["person", "unit", "start_date", "end_date", "rate", "pay"]
    list_filter = ["pay"]
    search_fields = ["person__id", "unit__id"]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "unit"]
    list_filter = ["role"]
    search_fields = ["user__username", "unit__name"]
    autocomplete_fields = ["unit"]
