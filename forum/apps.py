from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumConfig(AppConfig):
    name = "forum"
    verbose_name = _("Forum")

    def ready(self) -> None:
        from . import audit, services, thread_html

        audit.register()
        services.register_personal_data()
        thread_html.connect_signals()
        from members.cache_versions import register_page_check

        register_page_check(thread_html.PAGE_CHECK, thread_html.page_check)
