from django.apps import AppConfig


class AnonymityConfig(AppConfig):
    name = "kasam.anonymity"
    label = "anonymity"
    verbose_name = "Anonymity audit"
