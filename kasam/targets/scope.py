"""Which targets a viewer sees and may change, and which units a target reaches.

Choices where the definition and the model are silent:
- A target for the organisation or for one unit (scope "organisation") is visible to a viewer whose
  VIEW_TARGETS scope holds its unit. An "each unit" target applies to every unit of kind enhet in the
  subtree of its unit (blank: the whole tree) and is visible to a viewer whose scope holds one of them.
- The units a target reaches within the viewer's scope are the units of kind enhet below the
  target's unit for an organisation target, those it applies to for an each-unit target.
- The chart shows one unit: the target's unit, or – for an each-unit target – the topmost unit of its
  subtree that the viewer sees (or the unit asked for, which must be one of these).
- A manager may change a target whose unit is in the MANAGE_TARGETS scope; a whole-tree each-unit
  target only a manager over the root.
"""

from django.http import Http404

from kasam.org import access
from kasam.org.models import Unit
from kasam.org.roles import Capability
from kasam.targets.models import Target


def scope_units(user):
    return access.units_for(user, Capability.VIEW_TARGETS)


def tree_root() -> Unit | None:
    return Unit.objects.filter(parent__isnull=True).order_by("path").first()


def subtree_root(target: Target) -> Unit | None:
    """The unit whose subtree an each-unit target covers (its unit, or the tree's root)."""
    return target.unit if target.unit_id else tree_root()


def reached_units(target: Target, scope) -> list[Unit]:
    """The units of kind enhet the target reaches within `scope` (see the module), by path."""
    top = subtree_root(target)
    if top is None:
        return []
    units = scope.filter(kind=Unit.Kind.UNIT, path__startswith=top.path).exclude(pk=top.pk)
    if target.scope == Target.Scope.EACH_UNIT and top.kind == Unit.Kind.UNIT:
        units = scope.filter(kind=Unit.Kind.UNIT, path__startswith=top.path)
    return list(units.order_by("path"))


def is_visible(target: Target, scope) -> bool:
    if target.scope == Target.Scope.ORGANISATION:
        return target.unit_id is not None and scope.filter(pk=target.unit_id).exists()
    top = subtree_root(target)
    return top is not None and scope.filter(kind=Unit.Kind.UNIT, path__startswith=top.path).exists()


def visible_targets(user) -> list[Target]:
    scope = scope_units(user)
    return [t for t in Target.objects.select_related("unit") if is_visible(t, scope)]


def _get(target_id: int) -> Target | None:
    """The target with this id, or None – also for an id no database column could hold."""
    if not 0 < target_id < 2**63:
        return None
    return Target.objects.select_related("unit").filter(pk=target_id).first()


def get_visible_target(user, target_id: int) -> Target:
    target = _get(target_id)
    if target is None or not is_visible(target, scope_units(user)):
        raise Http404
    return target


def manageable(target: Target, user) -> bool:
    """A manager may edit a target whose unit is in the MANAGE_TARGETS scope; a whole-tree each-unit
    target only a manager over the root."""
    unit = subtree_root(target)
    return unit is not None and access.units_for(user, Capability.MANAGE_TARGETS).filter(pk=unit.pk).exists()


def get_manageable_target(user, target_id: int) -> Target:
    target = _get(target_id)
    if target is None or not manageable(target, user):
        raise Http404
    return target


def focus_unit(
    target: Target, scope, asked: str | None = None, reached: list[Unit] | None = None
) -> Unit | None:
    """The unit the chart shows (see the module); `asked` must be the target's unit or one it reaches
    within the scope (`reached`, when the caller has them), else "not found"."""
    top = subtree_root(target)
    if top is None:
        return None
    if asked:
        candidates = {u.pk: u for u in (reached_units(target, scope) if reached is None else reached)}
        if scope.filter(pk=top.pk).exists():
            candidates[top.pk] = top
        if asked not in candidates:
            raise Http404
        return candidates[asked]
    if scope.filter(pk=top.pk).exists():
        return top
    inside = scope.filter(path__startswith=top.path).order_by("path").first()
    return inside
