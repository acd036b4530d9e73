from django.apps import AppConfig


class AbsenceConfig(AppConfig):
    name = "kasam.absence"
    label = "absence"
