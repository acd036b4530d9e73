from django.apps import AppConfig


class PulseConfig(AppConfig):
    name = "kasam.pulse"
    label = "pulse"
    verbose_name = "Pulse"
