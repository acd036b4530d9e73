from django.apps import AppConfig


class WorkerConfig(AppConfig):
    name = "kasam.worker"
    label = "worker"
