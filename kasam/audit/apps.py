from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "kasam.audit"
    label = "audit"

    def ready(self) -> None:
        from kasam.audit import signals  # noqa: F401 - connects the role-change signals
