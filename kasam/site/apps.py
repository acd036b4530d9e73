from django.apps import AppConfig


class SiteConfig(AppConfig):
    """The site on top (docs/architecture.md "Layers"): the start page and the navigation, and the
    composition of what every app contributes through its contrib.py (imports, tick, demo)."""

    name = "kasam.site"
    label = "site"

    def ready(self):
        from kasam.core import contrib
        from kasam.site.imports import import_file

        contrib.install_import_dispatcher(import_file)
