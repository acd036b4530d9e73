from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EconomyConfig(AppConfig):
    name = "kasam.economy"
    label = "economy"
    verbose_name = _("Economics")

    def ready(self):
        from kasam.absence import series
        from kasam.economy.stored import refresh

        # The stored cost of sick leave is written again with every refill (kasam.economy.stored).
        if refresh not in series.AFTER_REFILL:
            series.AFTER_REFILL.append(refresh)
