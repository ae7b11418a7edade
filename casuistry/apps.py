from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasuistryConfig(AppConfig):
    name = "casuistry"
    verbose_name = _("Casuïstiek")

    def ready(self) -> None:
        from . import audit, library_html, services

        audit.register()
        services.register_personal_data()
        library_html.connect_signals()
