from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "kasam.accounts"
    label = "accounts"

    def ready(self):
        from allauth.account.signals import user_logged_in
        from allauth.mfa.signals import authenticator_added

        from kasam.accounts import checks  # noqa: F401 - registers the system check
        from kasam.accounts.second_factor import count_new_factor_as_used, note_idp_second_factor

        authenticator_added.connect(count_new_factor_as_used, dispatch_uid="kasam_count_new_factor")
        user_logged_in.connect(note_idp_second_factor, dispatch_uid="kasam_note_idp_second_factor")
