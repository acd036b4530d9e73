from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "kasam.accounts"
    label = "accounts"

    def ready(self):
        from allauth.account.signals import user_logged_in
        from allauth.mfa.signals import authenticator_added

        from kasam.accounts import checks  # noqa: F401 - registers the system check
        from kasam.accounts.second_factor import count_new_factor_as_used, note_idp_second_factor
        from kasam.accounts.sso import provider_origins
        from kasam.core import security

        authenticator_added.connect(count_new_factor_as_used, dispatch_uid="kasam_count_new_factor")
        user_logged_in.connect(note_idp_second_factor, dispatch_uid="kasam_note_idp_second_factor")
        # The login pages may send their form on to the identity providers (kasam.core.security).
        if provider_origins not in security.FORM_TARGETS:
            security.FORM_TARGETS.append(provider_origins)
