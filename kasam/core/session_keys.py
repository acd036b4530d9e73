"""Session keys that more than one app reads, kept here so that they need not import each other."""

# The second session key, beside allauth's records: the identity provider that vouched for a second
# factor. Written by kasam.accounts.second_factor, logged with the login by kasam.audit.signals.
IDP_SECOND_FACTOR = "kasam_second_factor_by_idp"
