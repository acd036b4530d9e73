import os

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


# What each single sign-on needs once it is switched on (docs/sso.md); a gap would otherwise only show
# as an error page when someone tries to log in.
SSO_REQUIRED = {
    "KASAM_OIDC_SERVER_URL": ["KASAM_OIDC_CLIENT_ID", "KASAM_OIDC_CLIENT_SECRET"],
    "KASAM_SAML_IDP_SSO_URL": ["KASAM_SAML_IDP_ENTITY_ID", "KASAM_SAML_IDP_X509CERT"],
}


@register()
def single_sign_on_settings(app_configs, **kwargs):
    errors = []
    for switch, needed in SSO_REQUIRED.items():
        missing = [name for name in needed if os.environ.get(switch) and not os.environ.get(name)]
        if missing:
            message = f"{switch} is set but {', '.join(missing)} is empty."
            errors.append(Error(message, hint="docs/sso.md", id="kasam.E002"))
    return errors


@register()
def single_sign_on_over_tls(app_configs, **kwargs):
    """Kasam trusts an OIDC ID token because it fetched it over TLS (docs/sso.md)."""
    url = os.environ.get("KASAM_OIDC_SERVER_URL", "")
    if not url or url.startswith("https://") or settings.DEBUG:
        return []
    return [Error("KASAM_OIDC_SERVER_URL must start with https://.", hint="docs/sso.md", id="kasam.E003")]
