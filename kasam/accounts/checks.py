from django.conf import settings
from django.core.checks import Error, register


@register()
def second_factor_roles(app_configs, **kwargs):
    """KASAM_MFA_REQUIRED_ROLES names roles that exist: a misspelt role would silently ask nobody."""
    from kasam.org.models import Role

    unknown = sorted(set(settings.KASAM_MFA_REQUIRED_ROLES) - {*Role.values, "admin"})
    if not unknown:
        return []
    return [
        Error(
            f"KASAM_MFA_REQUIRED_ROLES names no such role: {', '.join(unknown)}.",
            hint=f"Use role values ({', '.join(Role.values)}) or admin.",
            id="kasam.E001",
        )
    ]
