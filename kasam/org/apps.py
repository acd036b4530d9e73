from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "kasam.org"
    label = "org"

    def ready(self) -> None:
        from kasam.core import limits
        from kasam.org import access, staff_names, stats  # noqa: F401 - connect the signals that bump stamps

        # The larger upload limit of the import pages needs the capability (kasam.core.limits).
        if access.can not in limits.HOLDS_CAPABILITY:
            limits.HOLDS_CAPABILITY.append(access.can)
