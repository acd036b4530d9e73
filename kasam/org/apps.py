from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "kasam.org"
    label = "org"
