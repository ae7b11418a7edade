from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntervisieConfig(AppConfig):
    name = "intervisie"
    verbose_name = _("Intervisie")

    def ready(self) -> None:
        from . import services

        services.register_personal_data()
