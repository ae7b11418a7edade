from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Cursussen")

    def ready(self) -> None:
        from . import services

        services.register_personal_data()
