"""Thin views: the library, the guided intake with its preview, "Mijn casussen" and
the moderator's queue and review page.

The intake keeps nothing between its steps: the preview re-posts the author's text
from hidden fields, so raw text never lands in a session, a cache or the database.
``sensitive_post_parameters`` keeps it out of error reports."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_GET, require_http_methods, require_POST

import privacy
from members import privacy_preview
from members.cache_versions import mark_member_cacheable
from members.decorators import member_required
from members.permissions import can_moderate

from . import library_html, selectors, services
from .anonymise import Anonymised, anonymise
from .forms import (
    CONFIRMED_PREFIX,
    CaseForm,
    LibraryFilterForm,
    MessageForm,
    MethodChoiceForm,
    RedactForm,
    TitleForm,
)
from .methods import Method, part_label
from .models import Case, Status, choice_filter

PAGE_SIZE = 20


# --- the library ---------------------------------------------------------------------


@member_required
@require_GET
def library(request: HttpRequest) -> HttpResponse:
    """The same for every approved member: drawn once per query string and kept
    until any case changes (library_html.py); a search is drawn every time."""

    form = LibraryFilterForm(request.GET or None)

    def valid() -> bool:
        # Asked only when the body is drawn: a kept body was valid when it was kept.
        return not form.is_bound or form.is_valid()

    def draw() -> str:
        cases = Case.objects.visible_to(request.user)
        if form.is_bound and form.is_valid():
            data = form.cleaned_data
            if data.get("vorm"):
                cases = cases.filter(choice_filter("violence_forms", data["vorm"]))
            if data.get("leeftijd"):
                cases = cases.filter(choice_filter("age_bands", data["leeftijd"]))
            if data.get("werkveld"):
                cases = cases.filter(setting=data["werkveld"])
            if data.get("stap"):
                cases = cases.filter(meldcode_step=data["stap"])
            if data.get("methode"):
                cases = cases.filter(method=data["methode"])
            if data.get("q"):
                cases = selectors.search_cases(cases, data["q"])
        page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("pagina"))
        query = request.GET.copy()
        query.pop("pagina", None)
        # No request in the context: nothing of this visit may end up in the kept HTML.
        return render_to_string(
            "casuistry/includes/library_body.html",
            {"form": form, "page": page, "query": query.urlencode()},
        )

    html, stamp = library_html.body_and_stamp(request.GET, draw, valid=valid)
    # A stamp is only given to a body kept for a valid query string.
    if stamp and library_html.page_keepable(request.GET):
        # The whole page kept for this member until a case changes (the stamp) or
        # anything of theirs does (leerwerkplaats/member_cache.py); never a search.
        mark_member_cacheable(
            request, seconds=library_html.TIMEOUT_SECONDS, stamps=stamp, query=True
        )
    return render(
        request,
        "casuistry/library.html",
        {"library_body": mark_safe(html)},  # noqa: S308
    )


@member_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_object_or_404(Case.objects.visible_to(request.user), pk=pk)
    return render(
        request,
        "casuistry/detail.html",
        {
            "case": case,
            "discussion_url": selectors.discussion_url(case),
            "can_moderate": can_moderate(request.user),
        },
    )


# --- the guided intake ---------------------------------------------------------------


def _false_finds(request: HttpRequest) -> list[dict[str, str]]:
    marks = []
    for value in request.POST.getlist("onterecht"):
        part, _sep, rest = value.partition("|")
        placeholder, _sep, label = rest.partition("|")
        marks.append({"part": part, "placeholder": placeholder, "label": label})
    return marks


def _add_errors(form: CaseForm, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for key, errors in error.error_dict.items():
            field = form.field_for(key)
            for item in errors:
                form.add_error(field, item)
    else:
        form.add_error(None, error)


@sensitive_variables()
def _scan(form: CaseForm) -> Anonymised | None:
    """Scan the form's text for the preview; a service failure becomes a form error."""
    try:
        return anonymise(form.texts())
    except privacy.TextTooLong:
        form.add_error(None, services.ERROR_TOO_LONG)
    except privacy.PrivacyServiceError:
        form.add_error(None, services.ERROR_SERVICE_DOWN)
    return None


def _preview_parts(result: Anonymised) -> list[dict[str, Any]]:
    return [
        {
            "key": key,
            "label": _("Titel") if key == "title" else part_label(key),
            "segments": part.segments,
            "redacted": part.redacted,
            "markable": part.markable,
            "blocked": part.structured_labels,
        }
        for key, part in result.parts.items()
    ]


@sensitive_variables()
def _intake(request: HttpRequest, *, case: Case | None) -> HttpResponse:
    """The form, then the preview, then the submission: one view, three steps, no state."""
    method = request.POST.get("method") or request.GET.get("methode") or (case and case.method)
    # Handing in is taking part: a suspended member reads why (with the end date) at
    # the top, on every visit and at every step, and gets no check button that would
    # be refused.
    refusal = services.suspension_refusal_for(request.user)
    if method not in Method.values:
        chooser = MethodChoiceForm(request.GET or None)
        return render(
            request,
            "casuistry/choose_method.html",
            {"form": chooser, "case": case, "suspension_note": refusal},
        )

    context: dict[str, Any] = {
        "case": case,
        "method_label": Method(method).label,
        "suspension_note": refusal,
    }
    if request.method != "POST":
        initial: dict[str, Any] = {}
        if case is not None:
            initial = {
                "title": case.title,
                "setting": case.setting,
                "age_bands": case.age_band_list,
                "violence_forms": case.violence_form_list,
                "meldcode_step": case.meldcode_step,
                "peer_request": case.peer_request,
                **{f"deel_{key}": text for key, text in case.parts.items()},
            }
        form = CaseForm(method=method, initial=initial)
        return render(request, "casuistry/intake.html", {**context, "form": form})

    form = CaseForm(request.POST, method=method)
    action = request.POST.get("action", "preview")
    if not form.is_valid() or action == "edit":
        return render(request, "casuistry/intake.html", {**context, "form": form})
    # Not while suspended: the form keeps every part, the note says why.
    if refusal is not None:
        return render(request, "casuistry/intake.html", {**context, "form": form})
    # The preview and the submission both run the privacy engine on every part.
    if not privacy_preview.checks_allowed(request.user):
        form.add_error(None, privacy_preview.ERROR_TOO_MANY_CHECKS)
        return render(request, "casuistry/intake.html", {**context, "form": form})

    if action == "submit":
        confirmed = {key: request.POST.get(CONFIRMED_PREFIX + key, "") for key in form.texts()}
        try:
            if case is None:
                services.submit_case(
                    author=request.user,
                    data=form.service_data(),
                    confirmed_redacted_parts=confirmed,
                    false_finds=_false_finds(request),
                )
            else:
                services.resubmit_case(
                    author=request.user,
                    case=case,
                    data=form.service_data(),
                    confirmed_redacted_parts=confirmed,
                    false_finds=_false_finds(request),
                )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _("Je casus is ingestuurd. Een moderator bekijkt hem; je ziet de status hier."),
            )
            return redirect("casuistry:mine")
        return render(request, "casuistry/intake.html", {**context, "form": form})

    result = _scan(form)
    if result is None:
        return render(request, "casuistry/intake.html", {**context, "form": form})
    preview = _preview_parts(result)
    if result.blocked:
        for key in result.blocked:
            form.add_error(form.field_for(key), services.ERROR_STRUCTURED)
        return render(
            request, "casuistry/intake.html", {**context, "form": form, "preview": preview}
        )
    return render(
        request,
        "casuistry/preview.html",
        {
            **context,
            "form": form,
            "preview": preview,
            "confirmed_prefix": CONFIRMED_PREFIX,
            "has_markable": any(part["markable"] for part in preview),
        },
    )


@member_required
@never_cache
@sensitive_post_parameters()
@require_http_methods(["GET", "POST"])
def submit(request: HttpRequest) -> HttpResponse:
    return _intake(request, case=None)


@member_required
@never_cache
@sensitive_post_parameters()
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_object_or_404(Case.objects.of_author(request.user), pk=pk)
    if case.status != Status.CHANGES_REQUESTED:
        messages.error(request, str(services.ERROR_NOT_EDITABLE))
        return redirect("casuistry:mine")
    return _intake(request, case=case)


@member_required
@never_cache
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    return render(
        request, "casuistry/mine.html", {"cases": list(Case.objects.of_author(request.user))}
    )


@member_required
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_object_or_404(Case.objects.of_author(request.user), pk=pk)
    try:
        services.withdraw_case(author=request.user, case=case)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Je casus is ingetrokken. Niemand ziet hem nog."))
    return redirect("casuistry:mine")


# --- the moderator's pages -----------------------------------------------------------


def _moderator(request: HttpRequest) -> None:
    if not can_moderate(request.user):
        raise PermissionDenied(_("Alleen moderatoren kunnen casussen beoordelen."))


@member_required
@never_cache
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    _moderator(request)
    return render(request, "casuistry/queue.html", {"cases": selectors.queue()})


def _part_choices(case: Case) -> list[tuple[str, str]]:
    return [("title", _("Titel")), *[(key, label) for key, label, _text in case.labelled_parts]]


@member_required
@never_cache
@sensitive_post_parameters()
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, pk: int) -> HttpResponse:
    _moderator(request)
    case = get_object_or_404(Case.objects.moderated_by(request.user), pk=pk)
    action = request.POST.get("action") if request.method == "POST" else None
    redact_form = RedactForm(
        request.POST if action == "redact" else None, parts=_part_choices(case)
    )
    title_form = TitleForm(
        request.POST if action == "title" else None, initial={"title": case.title}
    )
    message_form = MessageForm(request.POST if action in ("ask", "reject") else None)
    if action:
        try:
            done = _moderate(request, case, action, redact_form, title_form, message_form)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            done = False
        if done:
            messages.success(request, done)
            if action in ("approve", "reject", "ask"):
                return redirect("casuistry:queue")
            return redirect("casuistry:review", pk=case.pk)
        case.refresh_from_db()
    profile = getattr(case.author, "profile", None) if case.author else None
    return render(
        request,
        "casuistry/review.html",
        {
            "case": case,
            "profile": profile,
            "redact_form": redact_form,
            "title_form": title_form,
            "message_form": message_form,
            "recognisability": _recognisability(case),
            "rescan": _rescan(case),
            "placeholders": selectors.placeholders_in(case),
            "mine": case.claimed_by_id == request.user.pk,
            "history": selectors.history(case, viewer=request.user),
            "false_finds": [
                {**mark, "part_label": part_label(mark["part"])} for mark in case.false_finds
            ],
        },
    )


def _recognisability(case: Case) -> dict[str, Any]:
    """privacy's quasi-identifiers per part, and one level for the case as a whole
    (details in different parts add up)."""
    texts = {"title": case.title, **case.parts}
    assessment = privacy.recognisability("\n\n".join(texts.values()))
    items = [
        {
            "part": _("Titel") if key == "title" else str(part_label(key)),
            "kind": str(item.kind),
            "text": item.text,
            "advice": item.advice,
        }
        for key, text in texts.items()
        for item in privacy.quasi_identifiers(text)
    ]
    return {"level": assessment.level, "items": items}


def _rescan(case: Case) -> list[dict[str, str]] | None:
    """What a fresh scan of the stored text still finds (None: the scan is down)."""
    try:
        result = anonymise({"title": case.title, **case.parts})
    except privacy.PrivacyError:
        return None
    return [
        {
            "part": _("Titel") if key == "title" else str(part_label(key)),
            "text": segment.text,
            "label": segment.label,
        }
        for key, part in result.parts.items()
        for segment in part.segments
        if segment.label
    ]


def _moderate(
    request: HttpRequest,
    case: Case,
    action: str,
    redact_form: RedactForm,
    title_form: TitleForm,
    message_form: MessageForm,
) -> str | bool:
    """Run one moderation action; the success message, or False when a form is invalid."""
    moderator = request.user
    if action == "claim":
        services.claim_case(moderator=moderator, case=case)
        return _("Je hebt de casus opgepakt. Andere moderatoren zien dat.")
    if action == "redact":
        if not redact_form.is_valid():
            return False
        data = redact_form.cleaned_data
        if data.get("phrase"):
            services.redact_phrase(
                moderator=moderator,
                case=case,
                part=data["part"],
                phrase=data["phrase"],
                label=data["label"],
            )
        else:
            services.redact_further(
                moderator=moderator,
                case=case,
                part=data["part"],
                start=data["start"],
                end=data["end"],
                label=data["label"],
            )
        return _("De tekst is vervangen.")
    if action == "title":
        if not title_form.is_valid():
            return False
        services.edit_title(moderator=moderator, case=case, title=title_form.cleaned_data["title"])
        return _("De titel is aangepast.")
    if action in ("ask", "reject"):
        if not message_form.is_valid():
            return False
        text = message_form.cleaned_data["message"]
        if action == "ask":
            services.ask_changes(moderator=moderator, case=case, message=text)
            return _("De inbrenger is gevraagd de casus aan te passen.")
        services.reject(moderator=moderator, case=case, reason=text)
        return _("De casus is afgewezen. De inbrenger krijgt bericht.")
    if action == "approve":
        services.approve(moderator=moderator, case=case)
        return _("De casus is gepubliceerd in de bibliotheek.")
    if action in ("feature", "unfeature"):
        services.set_featured(moderator=moderator, case=case, featured=action == "feature")
        return _("Gewijzigd.")
    raise Http404
