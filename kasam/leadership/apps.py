from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class LeadershipConfig(AppConfig):
    name = "kasam.leadership"
    label = "leadership"
    verbose_name = _("Leadership building blocks")

    def ready(self):
        from kasam.leadership.catalogue_sync import sync_after_migrate

        # The built-in building blocks are added after every migrate (and every test database flush);
        # a block already there is never overwritten, so the organisation's edits stay.
        post_migrate.connect(sync_after_migrate, sender=self)
