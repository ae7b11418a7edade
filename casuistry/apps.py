from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasuistryConfig(AppConfig):
    name = "casuistry"
    verbose_name = _("Casuïstiek")
