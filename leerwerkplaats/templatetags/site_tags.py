"""Template tags of the site shell: navigation read through the selectors, and
form fields dressed in NL Design System classes."""

from __future__ import annotations

from typing import Any

from django import forms, template
from django.conf import settings
from django.forms.boundfield import BoundField
from django.forms.widgets import Input
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from ..selectors import Crumb, breadcrumb_trail, footer_pages, main_menu_pages
from ..shell_cache import remember

register = template.Library()

# NL Design System (Utrecht) classes per kind of widget; anything else renders as
# Django renders it. Order matters: CheckboxInput is an Input too.
WIDGET_CLASSES: list[tuple[type[forms.Widget], str]] = [
    (forms.CheckboxInput, "utrecht-checkbox"),
    (forms.Textarea, "utrecht-textarea"),
    (forms.Select, "utrecht-select"),
    (Input, "utrecht-textbox"),
]
HTML_VARIANT = {"utrecht-textarea": "html-textarea", "utrecht-select": "html-select"}


def _site_root(context: template.Context) -> tuple[Any, Page | None]:
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    return request, (site.root_page if site else None)


def _menu_items(request: Any, root: Page) -> list[dict[str, Any]]:
    """The menu's pages as plain data, from the worker's memory (shell_cache.py)."""
    return remember(
        request,
        ("main_menu", root.pk, get_language()),
        lambda: [
            {"pk": page.pk, "path": page.path, "title": page.title, "url": page.get_url(request)}
            for page in main_menu_pages(root)
        ],
    )


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context: template.Context) -> dict[str, Any]:
    request, root = _site_root(context)
    current = context.get("page")
    is_page = isinstance(current, Page)
    items = []
    if root is not None:
        for page in _menu_items(request, root):
            items.append(
                {
                    "title": page["title"],
                    "url": page["url"],
                    "current": is_page and current.pk == page["pk"],
                    "in_section": is_page and current.path.startswith(page["path"]),
                }
            )
    return {
        "items": items,
        "home_current": is_page and root is not None and current.pk == root.pk,
        "request": request,
        "user": context.get("user"),
        "perms_lwp": context.get("perms_lwp"),
        "csrf_token": context.get("csrf_token"),
        "LANGUAGE_CODE": context.get("LANGUAGE_CODE"),
        "content_language": context.get("content_language"),
    }


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context: template.Context) -> dict[str, Any]:
    """Pages show the pages above them; other views name themselves in
    `breadcrumb_title`. The home page has no breadcrumbs."""
    request, root = _site_root(context)
    page = context.get("page")
    crumbs: list[Crumb] = []
    current = ""
    if root is not None and isinstance(page, Page) and page.pk != root.pk:
        # The site root's title is a welcome; in a trail it is simply "Home".
        crumbs = remember(
            request,
            ("breadcrumbs", root.pk, page.pk, get_language()),
            lambda: [
                Crumb(_("Home") if p.pk == root.pk else p.title, p.get_url(request))
                for p in breadcrumb_trail(page, site_root=root)
            ],
        )
        current = page.title
    elif root is not None and context.get("breadcrumb_title"):
        crumbs = [Crumb(_("Home"), root.get_url(request))]
        current = context["breadcrumb_title"]
    from_pages = isinstance(page, Page)
    lang = content_lang(context)
    return {
        "crumbs": crumbs,
        "current": current,
        # Page titles are content (Dutch); the first crumb, "Home", is the site's word.
        "page_lang": lang if from_pages else "",
    }


@register.simple_tag(takes_context=True)
def content_lang(context: template.Context) -> SafeString:
    """` lang="nl"` on an element that shows page content (written in Dutch) while
    the site speaks another language, so screen readers pronounce it as Dutch."""
    language = context.get("content_language")
    if not language or context.get("LANGUAGE_CODE") == language:
        return SafeString("")
    return SafeString(f' lang="{language}"')


@register.filter
def in_content_lang(value: Any) -> SafeString:
    """A page title inside a translated sentence, wrapped in a `lang` span when the
    site speaks another language than the content."""
    text = conditional_escape(value)
    if get_language() == settings.LANGUAGE_CODE:
        return SafeString(text)
    return format_html('<span lang="{}">{}</span>', settings.LANGUAGE_CODE, text)


@register.inclusion_tag("includes/footer_links.html", takes_context=True)
def footer_links(context: template.Context) -> dict[str, Any]:
    request, root = _site_root(context)
    if root is None:
        return {"links": []}
    links = remember(
        request,
        ("footer", root.pk, get_language()),
        lambda: [Crumb(page.title, page.get_url(request)) for page in footer_pages(root)],
    )
    return {"links": links}


@register.filter
def nlds_widget(field: BoundField) -> SafeString:
    """The field's widget with the design system's classes (and the invalid state)."""
    for widget_class, block in WIDGET_CLASSES:
        if isinstance(field.field.widget, widget_class):
            classes = f"{block} {block}--{HTML_VARIANT.get(block, 'html-input')}"
            if field.errors:
                classes = f"{classes} {block}--invalid"
            existing = field.field.widget.attrs.get("class", "")
            return field.as_widget(attrs={"class": f"{classes} {existing}".strip()})
    return field.as_widget()
