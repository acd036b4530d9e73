"""The technical administrator's view of the organisation. Units, persons and employments come from
the HR system through imports, so here they are read-only; role assignments are edited here.

The roles who give roles (Capability.MANAGE_ROLES: HR and the health strategist, docs/sso.md) reach
the admin without being staff, and there only the role assignments: those over the units of their
own scope, never their own (nobody widens their own access). Every other admin page keeps asking for
Django's own permissions, which these users do not have."""

from django.contrib import admin

from kasam.org import access
from kasam.org.models import Employment, Person, RoleAssignment, Unit
from kasam.org.roles import Capability

_staff_only = admin.site.has_permission


def gives_roles(request) -> bool:
    return request.user.is_active and access.can(request.user, Capability.MANAGE_ROLES)


def _has_permission(request) -> bool:
    return _staff_only(request) or gives_roles(request)


admin.site.has_permission = _has_permission


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

    @staticmethod
    def _scoped(request) -> bool:
        """Whether the user gives roles through MANAGE_ROLES (within a scope), not as an administrator
        with Django's permissions."""
        return not request.user.has_perm("org.change_roleassignment") and gives_roles(request)

    def _within_scope(self, request, obj) -> bool:
        if obj is None:
            return True
        units = access.units_for(request.user, Capability.MANAGE_ROLES)
        return obj.user_id != request.user.pk and units.filter(pk=obj.unit_id).exists()

    def has_module_permission(self, request):
        return super().has_module_permission(request) or self._scoped(request)

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) or (
            self._scoped(request) and self._within_scope(request, obj)
        )

    def has_add_permission(self, request):
        return super().has_add_permission(request) or self._scoped(request)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) or (
            self._scoped(request) and self._within_scope(request, obj)
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) or (
            self._scoped(request) and self._within_scope(request, obj)
        )

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if self._scoped(request):
            units = access.units_for(request.user, Capability.MANAGE_ROLES)
            queryset = queryset.filter(unit__in=units).exclude(user=request.user)
        return queryset

    def get_autocomplete_fields(self, request):
        # The unit search reads the unit admin, which is not theirs: a plain list of their units.
        return [] if self._scoped(request) else super().get_autocomplete_fields(request)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if self._scoped(request) and db_field.name == "unit":
            kwargs["queryset"] = access.units_for(request.user, Capability.MANAGE_ROLES)
        elif self._scoped(request) and db_field.name == "user":
            kwargs["queryset"] = db_field.remote_field.model.objects.exclude(pk=request.user.pk)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
