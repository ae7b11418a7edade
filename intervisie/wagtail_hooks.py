"""The methods in the Wagtail admin: moderators edit the phases and their rules
(the permission comes with the Moderator role, intervisie migration 0002)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Method


class MethodViewSet(SnippetViewSet):
    model = Method
    icon = "list-ol"
    menu_label = _("Intervisiemethoden")
    menu_name = "intervisie-methods"
    add_to_admin_menu = True
    list_display = ("name", "slug")


register_snippet(MethodViewSet)
