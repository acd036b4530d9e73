from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "kasam.core"
    label = "core"

    def ready(self):
        from kasam.core import deploy_checks  # noqa: F401 – registers the system checks
