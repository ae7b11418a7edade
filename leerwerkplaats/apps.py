from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LeerwerkplaatsConfig(AppConfig):
    name = "leerwerkplaats"
    verbose_name = _("Site")
