"""Thin views: writing and "Mijn verhalen" for authors, the moderators' queue,
and the two story pages (served through stories.wagtail_hooks)."""

from __future__ import annotations

import re
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from members import privacy_preview

from . import discussion, rules, selectors, services
from .forms import (
    ERROR_NO_TEXT,
    DecisionForm,
    SectionFormSet,
    StoryForm,
    content_from_forms,
    initial_from_page,
)
from .models import StoryIndexPage, StoryPage, Theme

SUPPORT_LINES = (
    (
        gettext_lazy("Veilig Thuis"),
        "0800-2000",
        gettext_lazy("advies en hulp bij huiselijk geweld, gratis, dag en nacht"),
    ),
    (gettext_lazy("Slachtofferhulp Nederland"), "0900-0101", gettext_lazy("steun na een misdrijf")),
    (
        gettext_lazy("De Kindertelefoon"),
        "0800-0432",
        gettext_lazy("voor kinderen en jongeren, gratis en anoniem"),
    ),
)


# static/js/stories-autosave.js keeps a copy of the form in the author's tab under
# this key, so nothing typed is lost when the session ends; the server names the
# key and says when the copy of a new story may go (it was saved).
DRAFT_KEY = "hg-verhaal:{user}:{story}"
NEW_DRAFT_SAVED = "stories_new_draft_saved"


def draft_key(request: HttpRequest, story: StoryPage | None) -> str:
    return DRAFT_KEY.format(user=request.user.pk, story=story.pk if story else "nieuw")


def _draft_to_forget(request: HttpRequest) -> str:
    """The key of the new story's copy in the tab, once after it was saved."""
    return draft_key(request, None) if request.session.pop(NEW_DRAFT_SAVED, False) else ""


def _require_writer(request: HttpRequest) -> None:
    if not rules.can_write_stories(request.user):
        raise PermissionDenied


def _story_or_404(pk: int) -> StoryPage:
    # By `id`, the page's own integer column: Django answers an id beyond the
    # database's integers with "none"; `pk` (the parent link) would send it to the
    # database, which fails (a 500).
    return get_object_or_404(StoryPage, id=pk)


def _own_story(request: HttpRequest, pk: int) -> StoryPage:
    story = _story_or_404(pk)
    if not rules.can_edit_story(request.user, story):
        raise PermissionDenied
    return story


# --- writing -------------------------------------------------------------------


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def write(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    _require_writer(request)
    story = _own_story(request, pk) if pk is not None else None
    if story is not None and story.workflow_in_progress:
        messages.info(request, str(services.ERROR_NOT_EDITABLE))
        return redirect("stories:mine")
    if request.method == "GET":
        if story is not None:
            initial, sections_initial = initial_from_page(story.get_latest_revision_as_object())
        else:
            initial, sections_initial = {}, [{}]
        form = StoryForm(initial=initial)
        sections = SectionFormSet(initial=sections_initial, prefix="deel")
        return _render_write(request, story, form, sections)

    data = request.POST.copy()
    upload_errors = _store_uploads(request, data)
    form = StoryForm(data)
    sections = SectionFormSet(data, prefix="deel")
    action = data.get("action", "save")
    if upload_errors:
        sections.is_valid()
        for index, errors in upload_errors.items():
            if index < len(sections.forms):
                sections.forms[index].add_error("image", errors)
        form.is_valid()
        return _render_write(request, story, form, sections)
    if action == "add_section":
        if sections.is_valid():
            rows = [s for s in sections.cleaned_data if s]
            sections = SectionFormSet(initial=[*rows, {}], prefix="deel")
        return _render_write(request, story, form, sections)

    valid = form.is_valid() and sections.is_valid()
    if valid and not any((s or {}).get("text", "").strip() for s in sections.cleaned_data):
        form.add_error(None, ERROR_NO_TEXT)
        valid = False
    if not valid:
        if _autosaving(request):
            return JsonResponse({"saved": False}, status=400)
        return _render_write(request, story, form, sections)

    # Handing in is taking part: not while suspended (everything typed stays; the
    # page says why at the top, with the end date, as on every visit).
    if action == "submit" and services.suspension_refusal_for(request.user) is not None:
        return _render_write(request, story, form, sections)
    # Handing in runs the privacy engine on the whole story (saving a draft does not).
    if action == "submit" and not privacy_preview.checks_allowed(request.user):
        form.add_error(None, privacy_preview.ERROR_TOO_MANY_CHECKS)
        return _render_write(request, story, form, sections)
    content = content_from_forms(form, sections)
    try:
        if action == "submit":
            page = services.submit_story(
                author=request.user,
                content=content,
                story=story,
                reviewed=request.POST.getlist("reviewed"),
                replace_keys=request.POST.getlist("replace"),
                pen_name_confirmed=request.POST.get("pseudonym_confirmed", ""),
            )
        else:
            page = services.save_draft(author=request.user, content=content, story=story)
    except services.StoryBlocked as blocked:
        if blocked.pen_name:
            form.add_error("pseudonym", blocked.pen_name_message())
        if blocked.elsewhere:
            form.add_error(None, blocked)
        return _render_write(request, story, form, sections, blocked=blocked.details)
    except services.ConfirmationNeeded as needed:
        return _render_write(
            request, story, form, sections, details=needed.details, pen_name=needed.pen_name
        )
    except ValidationError as error:
        form.add_error(None, error)
        return _render_write(request, story, form, sections)
    if story is None and not _autosaving(request):
        request.session[NEW_DRAFT_SAVED] = True
    if action == "submit":
        messages.success(
            request, _("Je verhaal is ingediend. Een moderator leest het en laat het je weten.")
        )
        return redirect("stories:mine")
    if _autosaving(request):
        return JsonResponse(
            {
                "saved": True,
                "edit_url": reverse("stories:edit", args=[page.pk]),
                "revision": page.latest_revision_id,
                "draft_key": draft_key(request, page),
            }
        )
    messages.success(request, _("Je concept is opgeslagen."))
    return redirect("stories:edit", pk=page.pk)


UPLOAD_FIELD = re.compile(r"deel-(\d+)-image")


def _store_uploads(request: HttpRequest, data: QueryDict) -> dict[int, list[str]]:
    """Store each section's new image at once (cleaned of its metadata) and put its
    id in the form's data, so an error elsewhere never asks for the file again.
    Returns the refusals by section."""
    errors: dict[int, list[str]] = {}
    for key, upload in request.FILES.items():
        match = UPLOAD_FIELD.fullmatch(key)
        if match is None:
            continue
        index = int(match.group(1))
        try:
            image_id = services.store_story_image(author=request.user, upload=upload)
        except ValidationError as error:
            errors[index] = error.messages
        else:
            data[f"deel-{index}-image_id"] = str(image_id)
            data.pop(f"deel-{index}-remove_image", None)
    return errors


def _autosaving(request: HttpRequest) -> bool:
    """static/js/stories-autosave.js saves the draft as the author types."""
    return request.headers.get("X-Autosave") == "1" and request.POST.get("action") == "save"


def _render_write(
    request: HttpRequest,
    story: StoryPage | None,
    form: StoryForm,
    sections: Any,
    *,
    details: Any = (),
    blocked: Any = (),
    pen_name: Any = (),
) -> TemplateResponse:
    """`pen_name`: names found in the pen name, a warning beside the field that the
    author answers by confirming (the text they confirmed goes back with the form)."""
    comment = selectors.story_status(story)[1] if story is not None else ""
    return TemplateResponse(
        request,
        "stories/write.html",
        {
            "story": story,
            "form": form,
            "sections": sections,
            "details": details,
            "blocked": blocked,
            "pen_name_warning": services.WARNING_PEN_NAME if pen_name else "",
            "pen_name_confirmed": request.POST.get("pseudonym_confirmed", "")
            if request.method == "POST"
            else "",
            "moderator_comment": comment,
            "draft_key": draft_key(request, story),
            "draft_base": story.latest_revision_id if story is not None else "",
            "draft_to_forget": _draft_to_forget(request),
            # A suspended author reads why (with the end date) at the top and gets
            # no hand-in button; saving a draft stays allowed.
            "suspension_note": services.suspension_refusal_for(request.user),
        },
    )


@login_required
@never_cache
def mine(request: HttpRequest) -> HttpResponse:
    _require_writer(request)
    return TemplateResponse(
        request,
        "stories/mine.html",
        {
            "stories": selectors.my_stories(user=request.user),
            "draft_to_forget": _draft_to_forget(request),
        },
    )


@login_required
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    _require_writer(request)
    story = _own_story(request, pk)
    was_live = story.live  # otherwise it only waited for its go-live moment
    try:
        services.withdraw_story(author=request.user, story=story)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        done = (
            _("Je verhaal staat niet meer online.")
            if was_live
            else _("Je verhaal verschijnt niet: de geplande publicatie is geannuleerd.")
        )
        messages.success(request, done)
    return redirect("stories:mine")


@login_required
@require_POST
def discussion_state(request: HttpRequest, pk: int) -> HttpResponse:
    """Close or reopen the discussion about the author's own story."""
    _require_writer(request)
    story = _own_story(request, pk)
    open_ = request.POST.get("action") == "heropenen"
    try:
        services.set_discussion_open(author=request.user, story=story, open_=open_)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Het gesprek over je verhaal is weer open.")
            if open_
            else _("Het gesprek over je verhaal is gesloten. Leden kunnen het nog lezen."),
        )
    return redirect("stories:mine")


# --- moderation ------------------------------------------------------------------


def _require_moderator(request: HttpRequest) -> None:
    if not rules.can_moderate_stories(request.user):
        raise PermissionDenied


@login_required
@never_cache
def moderation(request: HttpRequest) -> HttpResponse:
    _require_moderator(request)
    return TemplateResponse(
        request, "stories/moderation.html", {"stories": selectors.stories_in_review()}
    )


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, pk: int) -> HttpResponse:
    _require_moderator(request)
    story = _story_or_404(pk)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        comment = form.cleaned_data["comment"]
        try:
            if request.POST.get("action") == "publish":
                page = services.publish_story(moderator=request.user, story=story, comment=comment)
                messages.success(request, _publication_message(page))
            else:
                services.request_changes(moderator=request.user, story=story, comment=comment)
                messages.success(request, _("De schrijver krijgt je vraag om een wijziging."))
        except ValidationError as error:
            # A dict error names its field ("comment"); any other is about the story.
            form.add_error(None, error)
        else:
            return redirect("stories:moderation")
    draft = story.get_latest_revision_as_object()
    status, go_live_at = selectors.review_state(story)
    return TemplateResponse(
        request,
        "stories/review.html",
        {
            "story": story,
            "draft": draft,
            "form": form,
            "status": status,
            "go_live_at": go_live_at,
        },
    )


def _publication_message(story: StoryPage) -> str:
    moment = selectors.go_live_at(story)
    if moment is None:
        return _("Het verhaal is gepubliceerd.")
    return _("Het verhaal is goedgekeurd en verschijnt op %(moment)s.") % {
        "moment": formats.date_format(timezone.localtime(moment), "j F Y H:i")
    }


# --- reading (served by Wagtail, see wagtail_hooks.before_serve_page) --------------


def story_index(request: HttpRequest, index: StoryIndexPage) -> HttpResponse:
    theme = request.GET.get("thema", "")
    length = request.GET.get("lengte", "")
    stories = selectors.story_list(
        index=index, user=request.user, theme=theme, length=length, request=request
    )
    return TemplateResponse(
        request,
        "stories/story_index_page.html",
        {
            **index.get_context(request),
            "stories": stories,
            "themes": Theme.choices,
            "current_theme": theme if theme in Theme.values else "",
            "lengths": [(value.value, label) for value, label in selectors.LENGTH_LABELS.items()],
            "current_length": length if length in selectors.LENGTH_LABELS else "",
            "can_write": rules.can_write_stories(request.user),
        },
    )


def story_page(request: HttpRequest, story: StoryPage) -> HttpResponse:
    if not rules.can_read_story(request.user, story):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied
    return TemplateResponse(
        request,
        "stories/story_page.html",
        {
            **story.get_context(request),
            "reading": request.GET.get("lezen") == "1",
            "support_lines": SUPPORT_LINES,
            "discussion": discussion.discussion_for(story, request.user),
        },
    )
