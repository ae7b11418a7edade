from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasuistryConfig(AppConfig):
    name = "casuistry"
    verbose_name = _("Casuïstiek")

    def ready(self) -> None:
        from . import audit, services

        audit.register()
        services.register_personal_data()
