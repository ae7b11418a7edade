from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Leden")

    def ready(self) -> None:
        from . import audit, receivers, services
        from .models import AuditAction, ModerationAction

        audit.register_actions(self.label, dict(AuditAction.choices))
        audit.register_actions(self.label, dict(ModerationAction.choices), moderation=True)
        services.register_personal_data()
        receivers.connect()
