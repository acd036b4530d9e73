from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "kasam.org"
    label = "org"

    def ready(self) -> None:
        from kasam.org import staff_names  # noqa: F401 - connects the signals that bump the names stamp
