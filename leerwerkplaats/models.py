"""Pages of the site shell: the home page, the help guide and plain information
pages such as the privacy statement."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from . import freshness
from .blocks import HelpStreamBlock
from .sections import SECTION_PAGE_TYPES

INFORMATION_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul"]


def _view_restrictions(page: Page) -> Any:
    """`Page.get_view_restrictions` for the shell's pages, from the worker's memory
    (shell_cache.py); Wagtail's serve check asks it on every request."""
    from .shell_cache import view_restrictions_for

    return view_restrictions_for(page, None)


def _public(queryset: Any, request: HttpRequest | None) -> Any:
    """`.public()` with the restricted sections from memory (one read per generation)."""
    from .shell_cache import private_sections_q

    return queryset.exclude(private_sections_q(request))


class HomePage(Page):
    """The root of the site: what the Leerwerkplaats is and where help is; for a
    member also what the apps offer them (see home_sections.py)."""

    intro = models.TextField(
        _("introductie"),
        blank=True,
        help_text=_("Eén of twee zinnen onder de titel: wat de Leerwerkplaats is en voor wie."),
    )
    body = RichTextField(_("tekst"), blank=True, features=INFORMATION_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    # Every section index (sections.py, by label: this module imports no app's
    # models) and plain information pages.
    subpage_types = [*SECTION_PAGE_TYPES, "leerwerkplaats.InformationPage"]
    max_count = 1

    class Meta:
        verbose_name = _("startpagina")
        verbose_name_plural = _("startpagina's")

    def route(self, request: HttpRequest, path_components: list[str]) -> Any:
        """Wagtail walks the tree from here, two queries per level; the address of
        a page is its `url_path`, so the page is found at once: where an address
        leads is kept in the worker's memory (shell_cache.py, emptied by every
        page change), and the page itself is one query. Falls back to Wagtail's
        walk for an address that is not a page's own (a page class that routes
        its sub-paths itself)."""
        from .shell_cache import remember

        if not path_components:
            return super().route(request, path_components)
        url_path = self.url_path + "/".join(path_components) + "/"

        def lookup() -> tuple[int, int] | None:
            return (
                Page.objects.filter(url_path=url_path, path__startswith=self.path)
                .values_list("pk", "content_type_id")
                .first()
            )

        found = remember(request, ("route", self.pk, url_path), lookup)
        if found is None:
            return super().route(request, path_components)
        pk, content_type_id = found
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        page = model.objects.filter(pk=pk).first() if model is not None else None
        if page is None:
            raise Http404
        return page.route(request, [])

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from .home_sections import home_sections_for

        context = super().get_context(request, *args, **kwargs)
        context["help_pages"] = self.help_pages(request)
        context["home_sections"] = home_sections_for(request)
        return context

    def help_pages(self, request: HttpRequest | None = None) -> QuerySet[HelpPage]:
        """The help pages the home page points visitors to, in the editors' order."""
        pages = HelpPage.objects.descendant_of(self).live()
        return _public(pages, request).defer_streamfields().order_by("path")

    get_view_restrictions = _view_restrictions


class HelpIndexPage(Page):
    """The help guide ("Hulp en advies"): the doorway to one help page per kind of reader."""

    intro = models.TextField(
        _("introductie"),
        help_text=_("Eén of twee zinnen: voor wie deze pagina's zijn en waar je begint."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["leerwerkplaats.HomePage"]
    subpage_types = ["leerwerkplaats.HelpPage"]
    max_count = 1

    class Meta:
        verbose_name = _("overzicht hulp en advies")
        verbose_name_plural = _("overzichten hulp en advies")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["help_pages"] = self.help_pages(request)
        return context

    def help_pages(self, request: HttpRequest | None = None) -> QuerySet[HelpPage]:
        pages = HelpPage.objects.child_of(self).live()
        return _public(pages, request).defer_streamfields().order_by("path")

    get_view_restrictions = _view_restrictions


class HelpPage(Page):
    """Help for one kind of reader: who can help, what happens next, and whether
    you can stay anonymous. Shows readers when it was last checked."""

    intro = models.TextField(
        _("introductie"),
        help_text=_("Voor wie is deze pagina? Eén of twee zinnen in eenvoudige taal (B1)."),
    )
    body = StreamField(HelpStreamBlock(), verbose_name=_("inhoud"))
    last_checked = models.DateField(
        _("laatst gecontroleerd"),
        default=timezone.localdate,
        null=True,
        blank=True,
        help_text=_(
            "De datum waarop iemand deze informatie heeft nagekeken bij de bronnen "
            "(o.a. Veilig Thuis). Lezers zien deze datum; na zes maanden krijgt de "
            "coördinator een herinnering. Leeg: nog nooit nagekeken (lezers zien dat)."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("last_checked")], heading=_("Actueel houden")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro", boost=1.5),
        index.SearchField("body"),
        index.FilterField("last_checked"),
    ]

    parent_page_types = ["leerwerkplaats.HelpIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("hulppagina")
        verbose_name_plural = _("hulppagina's")

    get_view_restrictions = _view_restrictions

    @property
    def is_stale(self) -> bool:
        return freshness.is_stale(self.last_checked)


class InformationPage(Page):
    """Plain information such as the privacy statement: text only, no tricks."""

    intro = models.TextField(_("introductie"), blank=True)
    body = RichTextField(_("tekst"), features=INFORMATION_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["leerwerkplaats.HomePage"]
    subpage_types: list[str] = []

    get_view_restrictions = _view_restrictions

    class Meta:
        verbose_name = _("informatiepagina")
        verbose_name_plural = _("informatiepagina's")
