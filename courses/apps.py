from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Cursussen")

    def ready(self) -> None:
        from members import audit

        from . import services

        audit.register_actions(
            "courses", {services.AUDIT_CERTIFICATE_CORRECTED: _("Certificaat gecorrigeerd")}
        )
        services.register_personal_data()
