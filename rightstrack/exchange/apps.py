from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    """File formats in and out (HTML policy, upload checks, Word, PDF, Excel); no models, no domain."""

    name = "rightstrack.exchange"
    label = "exchange"
    verbose_name = _("File formats")
