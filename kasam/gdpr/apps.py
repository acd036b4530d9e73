from django.apps import AppConfig


class GdprConfig(AppConfig):
    name = "kasam.gdpr"
    label = "gdpr"
