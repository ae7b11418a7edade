"""Thin views for intervisie: bind the form, call one service, show the privacy
preview or the rule's hint in Dutch, redirect. Every form works without JavaScript;
static/js/intervisie.js adds the live room (same URLs, same answers).

Typed text is never stored before the author accepted its redaction: the preview is
rendered from the POST itself and the views that take text are marked with
`sensitive_post_parameters`. A GET changes no row: the asynchronous clock is read
through selectors.effective_state, and stored by the next write or the command."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

import casuistry.selectors
from members.decorators import member_required
from members.permissions import suspension_refusal
from members.privacy_preview import Previews
from members.privacy_preview import attempt as _attempt

from . import permissions, selectors, services
from .forms import (
    AskInbrengerForm,
    AttachCaseForm,
    ContributionForm,
    ExtendForm,
    PlanForm,
    ReflectionForm,
)

FETCH_HEADER = "X-Intervisie-Fetch"


@never_cache
@member_required
def mine(request: HttpRequest) -> HttpResponse:
    asked = selectors.sessions_asking(user=request.user)
    open_sessions = selectors.open_sessions_for(user=request.user)
    # Joining and confirming are taking part, as services.join_session and
    # services.confirm_inbrenger ask: a suspended member gets no button that would be
    # refused, and reads why (with the end date) once, above both lists.
    takes_part = permissions.can_take_part(request.user)
    note = None
    if not takes_part and (asked or open_sessions):
        note = suspension_refusal(
            request.user,
            services.ERROR_SUSPENDED_CONFIRM if asked else services.ERROR_SUSPENDED_JOIN,
        )
    return render(
        request,
        "intervisie/mine.html",
        {
            "sessions": selectors.sessions_for(user=request.user),
            "reflections": selectors.reflections_of(user=request.user),
            "can_plan": permissions.can_plan_sessions(request.user),
            "open_sessions": open_sessions,
            "asked_as_inbrenger": asked,
            "takes_part": takes_part,
            "suspension_note": note,
        },
    )


@member_required
@require_POST
def confirm_inbrenger(request: HttpRequest, pk: int) -> HttpResponse:
    """The member asked as the inbrenger (by their address) confirms."""
    session = next((s for s in selectors.sessions_asking(user=request.user) if s.pk == pk), None)
    if session is None:
        raise Http404
    try:
        services.confirm_inbrenger(session=session, user=request.user)
    except (PermissionDenied, ValidationError) as error:
        reason = (
            " ".join(error.messages)
            if isinstance(error, ValidationError)
            else services.ERROR_NOT_ASKED
        )
        # Shown on /intervisie/, where several requests may be listed: name this one.
        messages.error(
            request,
            _("Bevestigen als inbrenger bij %(session)s lukte niet. %(reason)s")
            % {"session": selectors.session_label(session), "reason": reason},
        )
        return redirect("intervisie:mine")
    messages.success(request, _("Je doet mee als inbrenger."))
    return redirect("intervisie:room", pk=pk)


@member_required
@require_POST
def join(request: HttpRequest, pk: int) -> HttpResponse:
    """A member joins an open session of their organisation or the region."""
    session = selectors.get_open_session_for(user=request.user, pk=pk)
    try:
        services.join_session(session=session, user=request.user)
    except ValidationError as error:
        # Shown on /intervisie/, where several sessions may be listed: name this one.
        messages.error(
            request,
            _("Aanmelden voor %(session)s lukte niet. %(reason)s")
            % {"session": selectors.session_label(session), "reason": " ".join(error.messages)},
        )
        return redirect("intervisie:mine")
    messages.success(request, _("Je doet mee. De uitnodiging met de link staat in je e-mail."))
    return redirect("intervisie:room", pk=pk)


@member_required
@require_POST
def attach_case(request: HttpRequest, pk: int) -> HttpResponse:
    """The inbrenger names the case they brought in through the casuistry intake."""
    session = selectors.get_session_for(user=request.user, pk=pk)
    form = AttachCaseForm(request.POST, cases=casuistry.selectors.cases_to_bring_in(request.user))
    try:
        if not form.is_valid():
            raise ValidationError(services.ERROR_NOT_YOUR_CASE)
        services.attach_case(session=session, actor=request.user, case_id=form.cleaned_data["case"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _(
                "Je casus is gekoppeld. De anderen lezen hem zodra een moderator hem heeft "
                "goedgekeurd."
            ),
        )
    return redirect("intervisie:room", pk=pk)


@never_cache
@member_required
def plan(request: HttpRequest) -> HttpResponse:
    if not permissions.can_plan_sessions(request.user):
        raise PermissionDenied(_("Alleen gespreksleiders en moderatoren plannen sessies."))
    cases = casuistry.selectors.published_cases()
    form = PlanForm(request.POST or None, cases=cases)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            session = services.plan_session(
                facilitator=request.user,
                case_id=data["case"],
                method=data["method"],
                mode=data["mode"],
                starts_at=data["starts_at"],
                inbrenger_address=data["inbrenger"],
                participants=data["participants"].members,
                other_addresses=data["participants"].other_addresses,
                keep_text=data["keep_text"],
                async_days_per_phase=data["async_days_per_phase"],
                audience=data["audience"],
                organisation=data["organisation"],
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error("participants", error.messages)
        else:
            # The same for every address: whether one has an account is not shown.
            messages.success(
                request,
                _(
                    "De sessie is gepland. Elk adres heeft een e-mail gekregen: wie een "
                    "goedgekeurd account heeft de uitnodiging met de link, anders hoe je "
                    "meedoet. De inbrenger bevestigt eerst; daarna kan de sessie beginnen."
                ),
            )
            return redirect("intervisie:room", pk=session.pk)
    return render(request, "intervisie/plan.html", {"form": form})


def _room_context(
    request: HttpRequest,
    session: Any,
    form: ContributionForm,
    previews: Previews,
    ask_form: AskInbrengerForm | None = None,
) -> dict[str, Any]:
    context = selectors.room(session=session, user=request.user)
    # The case is read in the library, so only once it is published there.
    published = session.case_id is not None and (
        not session.new_case or casuistry.selectors.published_case(session.case_id) is not None
    )
    me = context["me"]
    attach_form = None
    if (
        session.new_case
        and me is not None
        and me.role == "inbrenger"
        and session.status == "planned"
    ):
        attach_form = AttachCaseForm(
            initial={"case": session.case_id},
            cases=casuistry.selectors.cases_to_bring_in(request.user),
        )
    context.update(
        form=form,
        previews=previews,
        extend_form=ExtendForm(),
        case_url=(
            reverse("casuistry:detail", kwargs={"pk": session.case_id}) if published else None
        ),
        attach_form=attach_form,
        # The planner may ask someone else while no inbrenger confirmed: the form
        # is drawn exactly when services.ask_another_inbrenger would accept it.
        ask_inbrenger_form=(
            (ask_form or AskInbrengerForm())
            if permissions.can_ask_another_inbrenger(
                request.user, session, status=context["state"].status, roles=context["roles"]
            )
            else None
        ),
        start_blocker=(
            selectors.start_blocker(session, group=context["group_roles"])
            if context["state"].status == "planned"
            else None
        ),
        reflection=selectors.reflection_of(session=session, user=request.user),
        # A suspended member reads why (with the end date) where the form would be;
        # a form they sent before they knew comes back with what they typed in it.
        draws_form=permissions.sees_contribution_form(request.user) or form.is_bound,
        suspension_note=suspension_refusal(request.user, services.ERROR_SUSPENDED),
    )
    return context


@never_cache
@sensitive_post_parameters("text")
@member_required
def room(request: HttpRequest, pk: int) -> HttpResponse:
    """The session's room. A POST is a contribution in the current phase: the rule's
    hint or the privacy preview, then, confirmed, the redacted text is stored."""
    session = selectors.get_session_for(user=request.user, pk=pk)
    fetch = request.headers.get(FETCH_HEADER) == "1"
    previews = Previews()
    if request.method == "POST":
        form = ContributionForm(request.POST)
        if form.is_valid():
            contribution, previews = _attempt(
                request,
                form,
                lambda accepted: services.post_contribution(
                    session=session,
                    author=request.user,
                    text=form.cleaned_data["text"],
                    accepted_placeholders=accepted,
                ),
            )
            if contribution is not None:
                if fetch:
                    return JsonResponse({"ok": True, "seq": contribution.seq})
                return redirect(
                    f"{reverse('intervisie:room', kwargs={'pk': pk})}#bijdrage-{contribution.seq}"
                )
        session.refresh_from_db()
        if fetch:
            html = render_to_string(
                "intervisie/includes/contribution_form.html",
                _room_context(request, session, form, previews),
                request=request,
            )
            return JsonResponse({"ok": False, "html": html}, status=400)
    else:
        form = ContributionForm()
    return render(request, "intervisie/room.html", _room_context(request, session, form, previews))


CONTROL_ACTIONS = ("start", "volgende", "verlengen", "onthullen")


@member_required
@require_POST
def control(request: HttpRequest, pk: int) -> HttpResponse:
    """The facilitator's buttons: start, next phase, extend the timer, reveal."""
    session = selectors.get_session_for(user=request.user, pk=pk)
    action = request.POST.get("actie")
    try:
        if action == "start":
            services.start_session(session=session, actor=request.user)
        elif action == "volgende":
            services.advance_phase(session=session, actor=request.user)
        elif action == "verlengen":
            form = ExtendForm(request.POST)
            minutes = form.cleaned_data["minutes"] if form.is_valid() else 0
            services.extend_timer(session=session, actor=request.user, minutes=minutes)
        elif action == "onthullen":
            services.reveal_positions(session=session, actor=request.user)
        elif action == "inbrenger":
            return _ask_another_inbrenger(request, session)
        else:
            raise ValidationError(_("Onbekende actie."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("intervisie:room", pk=pk)


def _ask_another_inbrenger(request: HttpRequest, session: Any) -> HttpResponse:
    """The room again with the address typed and the reason when it is refused."""
    form = AskInbrengerForm(request.POST)
    if form.is_valid():
        try:
            services.ask_another_inbrenger(
                session=session, actor=request.user, address=form.cleaned_data["inbrenger"]
            )
        except ValidationError as error:
            form.add_error("inbrenger" if hasattr(error, "error_dict") else None, error.messages)
        else:
            messages.success(
                request,
                _(
                    "Het adres heeft de vraag om inbrenger te zijn gekregen. De sessie begint "
                    "pas als die bevestigt."
                ),
            )
            return redirect("intervisie:room", pk=session.pk)
    context = _room_context(request, session, ContributionForm(), Previews(), ask_form=form)
    return render(request, "intervisie/room.html", context, status=400)


@member_required
def ics(request: HttpRequest, pk: int) -> HttpResponse:
    session = selectors.get_session_for(user=request.user, pk=pk)
    url = request.build_absolute_uri(reverse("intervisie:room", kwargs={"pk": pk}))
    response = HttpResponse(
        selectors.ics_for(session=session, url=url), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="intervisie-{pk}.ics"'
    return response


REFLECTION_FIELDS = ("happened", "felt", "means", "will_do")


@never_cache
@sensitive_post_parameters(*REFLECTION_FIELDS)
@member_required
def reflection(request: HttpRequest, pk: int) -> HttpResponse:
    """The participant's private Korthagen reflection, after the session."""
    session = selectors.get_session_for(user=request.user, pk=pk)
    existing = selectors.reflection_of(session=session, user=request.user)
    previews = Previews()
    if request.method == "POST":
        form = ReflectionForm(request.POST)
        if form.is_valid():
            saved, previews = _attempt(
                request,
                form,
                lambda accepted: services.save_reflection(
                    session=session,
                    user=request.user,
                    accepted_placeholders=accepted,
                    **{name: form.cleaned_data[name] for name in REFLECTION_FIELDS},
                ),
                fields=REFLECTION_FIELDS,
            )
            if saved is not None:
                messages.success(request, _("Je reflectie is opgeslagen. Alleen jij ziet haar."))
                return redirect("intervisie:room", pk=pk)
    else:
        initial = (
            {name: getattr(existing, name) for name in REFLECTION_FIELDS} if existing else None
        )
        form = ReflectionForm(initial=initial)
    return render(
        request,
        "intervisie/reflection.html",
        {"session": session, "form": form, "previews": previews},
    )
