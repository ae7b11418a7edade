"""The members' side of the Wagtail admin: organisations, the sign-up queue,
the read-only audit log, and an audit line when an administrator changes roles."""

from __future__ import annotations

from typing import Any

import django_filters
from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import EditView, IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views, audit, services
from .models import AuditEvent, Organisation, Profile
from .permissions import can_coordinate, can_read_audit_log
from .selectors import audit_events_visible_to
from .wagtail_permissions import PredicatePermissionPolicy, is_platform_administrator


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisaties")
    add_to_admin_menu = True
    menu_order = 300
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name"]


register_snippet(OrganisationViewSet)


class AuditEventFilterSet(WagtailFilterSet):
    # The registered actions, read at each request: apps register at start-up.
    action = django_filters.ChoiceFilter(label=_("handeling"), choices=audit.choices)

    class Meta:
        model = AuditEvent
        fields = ["action"]


class AuditEventIndexView(IndexView):
    def get_base_queryset(self) -> Any:
        return audit_events_visible_to(self.request.user)


class AuditEventInspectView(InspectView):
    def get_object(self, queryset: Any = None) -> AuditEvent:
        return get_object_or_404(audit_events_visible_to(self.request.user), pk=self.pk)


class AuditEventViewSet(ModelViewSet):
    """Scoped per reader (selectors.audit_events_visible_to); members appear by
    pseudonym or reference (AuditEvent.get_actor_display), never by address."""

    model = AuditEvent
    icon = "history"
    menu_label = _("Auditlog")
    add_to_admin_menu = True
    menu_order = 900
    list_display = [
        "created_at",
        "get_action_display",
        "get_actor_display",
        "get_subject_display",
        "object_type",
        "object_id",
        "reason",
    ]
    filterset_class = AuditEventFilterSet
    index_view_class = AuditEventIndexView
    inspect_view_class = AuditEventInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["reason"]  # never used: the policy allows no add or edit


# Readable by moderators and coordinators; nobody adds, changes or deletes.
register_permission_policy(
    AuditEvent,
    PredicatePermissionPolicy(AuditEvent, actions={"view"}, allowed=can_read_audit_log),
)


@hooks.register("register_admin_viewset")
def register_audit_log() -> ModelViewSet:
    return AuditEventViewSet("audit_log")


class ProfileEditView(EditView):
    """Saves through services.change_membership (audited), not the form."""

    def save_instance(self) -> Profile:
        data = self.form.cleaned_data
        return services.change_membership(
            actor=self.request.user,
            profile=self.object,
            organisation=data["organisation"],
            profession=data["profession"],
            coordinated_organisations=list(data["coordinated_organisations"]),
        )


class ProfileViewSet(ModelViewSet):
    model = Profile
    edit_view_class = ProfileEditView
    icon = "user"
    menu_label = _("Leden")
    add_to_admin_menu = True
    menu_order = 260
    list_display = ["display_name", "pseudonym", "organisation", "profession", "status"]
    list_filter = ["status", "organisation", "profession"]
    search_fields = ["display_name", "pseudonym"]
    form_fields = ["organisation", "profession", "coordinated_organisations"]
    copy_view_enabled = False


# Member profiles hold personal data of every organisation: only the platform's
# administrators manage them (coordinators act through the sign-up queue, scoped
# to their own organisations).
register_permission_policy(
    Profile,
    PredicatePermissionPolicy(
        Profile,
        actions={"view", "change"},
        allowed=is_platform_administrator,
    ),
)


@hooks.register("register_admin_viewset")
def register_profiles() -> ModelViewSet:
    return ProfileViewSet("member_profiles")


class CoordinatorMenuItem(MenuItem):
    def is_shown(self, request: Any) -> bool:
        return can_coordinate(request.user)


@hooks.register("register_admin_urls")
def register_member_admin_urls() -> list[Any]:
    return [
        path("aanmeldingen/", admin_views.pending_members, name="members_pending"),
        path(
            "aanmeldingen/<int:pk>/goedkeuren/",
            admin_views.approve_member,
            name="members_approve",
        ),
        path("aanmeldingen/<int:pk>/afwijzen/", admin_views.refuse_member, name="members_refuse"),
    ]


@hooks.register("register_admin_menu_item")
def register_pending_members_menu_item() -> MenuItem:
    return CoordinatorMenuItem(
        _("Aanmeldingen"), reverse("members_pending"), icon_name="group", order=250
    )


@hooks.register("after_edit_user")
def audit_role_change_on_edit(request: Any, user: Any) -> None:
    services.record_roles_changed(actor=request.user, user=user)


@hooks.register("after_create_user")
def audit_role_change_on_create(request: Any, user: Any) -> None:
    services.record_roles_changed(actor=request.user, user=user)


@hooks.register("after_bulk_action")
def after_user_bulk_action(request: Any, action_type: str, objects: Any, action: Any) -> None:
    """Wagtail's user bulk actions bypass the signals the user editor sends."""
    user_ids = [obj.pk for obj in objects if isinstance(obj, get_user_model())]
    if user_ids:
        services.record_accounts_changed_in_bulk(actor=request.user, user_ids=user_ids)
