"""Reads for the site shell, shared by pages, views, template tags, the
dashboard panel and the reminder command."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db.models import F, Q, QuerySet
from wagtail.models import Page, PageViewRestriction

from members.selectors import coordinators

from . import freshness
from .models import HelpIndexPage, HelpPage, HomePage, InformationPage

AnyUser = AbstractBaseUser | AnonymousUser


@dataclass(frozen=True)
class Crumb:
    title: str
    url: str


# --- navigation ---------------------------------------------------------------


def main_menu_pages(root: Page) -> QuerySet[Page]:
    """The site's top level as editors chose it ("Tonen in menu's")."""
    return root.get_children().live().public().in_menu().only("id", "title", "url_path", "path")


def footer_pages(root: Page) -> QuerySet[Page]:
    """Information pages (privacy statement, ...) linked from every page's footer."""
    return (
        root.get_children()
        .live()
        .public()
        .type(InformationPage)
        .only("id", "title", "url_path", "path")
    )


def breadcrumb_trail(page: Page, *, site_root: Page) -> list[Page]:
    """The pages above `page`, from the site root down, without the page itself."""
    if page.pk == site_root.pk:
        return []
    return list(
        page.get_ancestors()
        .filter(depth__gte=site_root.depth)
        .only("id", "title", "url_path", "path")
    )


# --- the help guide --------------------------------------------------------------


def help_pages_under(index: HelpIndexPage) -> QuerySet[HelpPage]:
    return index.help_pages()  # defined beside the page, which shows them


def help_pages_for_home(home: HomePage) -> QuerySet[HelpPage]:
    """The help pages the home page points visitors to, in the editors' order."""
    return home.help_pages()


def stale_help_pages(*, today: date | None = None) -> QuerySet[HelpPage]:
    """Live help pages not checked for six months (or never), the longest unchecked
    first."""
    return (
        HelpPage.objects.live()
        .filter(
            Q(last_checked__isnull=True) | Q(last_checked__lt=freshness.check_due_before(today))
        )
        .defer_streamfields()
        .order_by(F("last_checked").asc(nulls_first=True), "title")
    )


def check_reminder_recipients() -> QuerySet:
    """The coordinators (members.permissions.can_coordinate, as a query) with an
    e-mail address; the platform's administrators while there are none."""
    users = coordinators().exclude(email="")
    members = users.filter(is_superuser=False)
    if members.exists():
        return members.order_by("email")
    return users.filter(is_superuser=True).order_by("email")


# --- who may see which page --------------------------------------------------


def hidden_sections_q(user: AnyUser) -> Q:
    """The parts of the page tree `user` may not see, as a filter.

    Follows PageViewRestriction.accept_request, except that password-protected
    sections are always hidden: search and lists must not reveal what a shared
    password guards. Three queries, whatever the number of pages."""
    group_ids: set[int] = set()
    if user.is_authenticated:
        group_ids = set(user.groups.values_list("id", flat=True))
    hidden = Q()
    restrictions = PageViewRestriction.objects.select_related("page").prefetch_related("groups")
    for restriction in restrictions:
        if restriction.restriction_type == PageViewRestriction.LOGIN and user.is_authenticated:
            continue
        if restriction.restriction_type == PageViewRestriction.GROUPS and (
            user.is_superuser or group_ids & {group.pk for group in restriction.groups.all()}
        ):
            continue
        hidden |= Page.objects.descendant_of_q(restriction.page, inclusive=True)
    return hidden
