"""Thin views: lessons and courses (called from the pages' serve()), the learning
record, certificates and their public verification, coordinator reports."""

from __future__ import annotations

import csv
from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from members.decorators import NOT_YET_APPROVED, member_required
from members.permissions import can_coordinate, can_use_members_area, coordinated_organisation_ids

from . import certificates, selectors, services
from .forms import ReportFilterForm
from .models import CoursePage, LessonPage


def _errors(error: ValidationError) -> str:
    return " ".join(str(message) for message in error.messages)


def _guard(request: HttpRequest) -> HttpResponse | None:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not can_use_members_area(request.user):
        raise PermissionDenied(NOT_YET_APPROVED)
    return None


def _parse_answers(request: HttpRequest, lesson: LessonPage) -> dict[str, list[int]]:
    answers: dict[str, list[int]] = {}
    for block in lesson.question_blocks():
        chosen = []
        for raw in request.POST.getlist(f"vraag-{block.id}"):
            try:
                chosen.append(int(raw))
            except ValueError:
                continue
        answers[block.id] = chosen
    return answers


def _int(value: Any, default: int = -1) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


@never_cache
def serve_lesson(request: HttpRequest, lesson: LessonPage, *args: Any, **kwargs: Any) -> Any:
    """GET records the view (this is never a preview: previews do not call serve);
    POST handles the quiz, a scenario choice or a reflection, then redirects back
    to the block the learner worked on."""
    request.is_preview = False
    refused = _guard(request)
    if refused is not None:
        return refused
    user = request.user
    if request.method == "POST":
        action = request.POST.get("actie", "")
        block_id = request.POST.get("blok", "")
        try:
            if action == "toets":
                answers = _parse_answers(request, lesson)
                try:
                    services.grade_quiz_attempt(user=user, lesson=lesson, answers=answers)
                except ValidationError as error:
                    context = lesson.get_context(
                        request, posted_answers=answers, quiz_error=_errors(error)
                    )
                    return TemplateResponse(
                        request, lesson.get_template(request), context, status=422
                    )
                first = lesson.question_blocks()[0].id
                return HttpResponseRedirect(f"{lesson.url}#blok-{first}")
            if action == "casus":
                progress = services.choose_scenario_option(
                    user=user,
                    lesson=lesson,
                    block_id=block_id,
                    step=_int(request.POST.get("stap")),
                    choice=_int(request.POST.get("keuze")),
                )
                return HttpResponseRedirect(f"{lesson.url}#blok-{progress.position}")
            if action == "casus-opnieuw":
                services.restart_scenario(user=user, lesson=lesson, block_id=block_id)
                return HttpResponseRedirect(f"{lesson.url}#blok-{block_id}")
            if action == "reflectie":
                services.save_reflection(
                    user=user,
                    lesson=lesson,
                    block_id=block_id,
                    answer=request.POST.get("antwoord", ""),
                    seconds_spent=selectors.seconds_since(request.POST.get("gestart", "")),
                )
                messages.success(request, _("Je reflectie is bewaard in je leerdossier."))
                return HttpResponseRedirect(f"{lesson.url}#blok-{block_id}")
        except ValidationError as error:
            messages.error(request, _errors(error))
            return HttpResponseRedirect(lesson.url + (f"#blok-{block_id}" if block_id else ""))
        return HttpResponseRedirect(lesson.url)
    try:
        services.record_lesson_view(user=user, lesson=lesson)
    except ValidationError as error:
        messages.error(request, _errors(error))
        return HttpResponseRedirect(lesson.get_parent().url)
    context = lesson.get_context(request, retake=bool(request.GET.get("opnieuw")))
    return TemplateResponse(request, lesson.get_template(request), context)


def course_action(request: HttpRequest, course: CoursePage) -> HttpResponse:
    """POST on a course page: start it, or start again to re-certify."""
    refused = _guard(request)
    if refused is not None:
        return refused
    try:
        if request.POST.get("actie") == "opnieuw":
            services.restart_course(user=request.user, course=course)
            messages.success(request, _("Je begint opnieuw. Je oude certificaat blijft bewaard."))
        else:
            services.enrol(user=request.user, course=course)
    except ValidationError as error:
        messages.error(request, _errors(error))
        return HttpResponseRedirect(course.url)
    overview = selectors.course_overview(course=course, user=request.user)
    return HttpResponseRedirect(overview["resume_url"] or course.url)


# --- learning record -------------------------------------------------------------


@member_required
@never_cache
@require_GET
def learning_record(request: HttpRequest) -> HttpResponse:
    record = selectors.learning_record(user=request.user)
    return render(request, "courses/learning_record.html", record)


def _csv_response(filename: str) -> tuple[HttpResponse, Any]:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # Excel reads UTF-8 only with a byte order mark
    return response, csv.writer(response, delimiter=";")


@member_required
@never_cache
@require_GET
def learning_record_pdf(request: HttpRequest) -> HttpResponse:
    record = selectors.learning_record(user=request.user)
    profile = getattr(request.user, "profile", None)
    pdf = certificates.learning_record_pdf(
        name=selectors.holder_name(request.user),
        register_numbers=profile.register_numbers if profile else {},
        record=record,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="leerdossier-{timezone.localdate():%Y-%m-%d}.pdf"'
    )
    return response


@member_required
@never_cache
@require_GET
def learning_record_csv(request: HttpRequest) -> HttpResponse:
    record = selectors.learning_record(user=request.user)
    response, writer = _csv_response(f"leerdossier-{timezone.localdate():%Y-%m-%d}.csv")
    writer.writerow(
        [
            _("Cursus"),
            _("Afgerond op"),
            _("Geldig tot"),
            _("Status"),
            _("Studietijd (uur)"),
            _("Register"),
            _("Accreditatienummer"),
            _("Punten"),
            _("Certificaatcode"),
        ]
    )
    for c in record["completions"]:
        status = _("verlopen") if c.expired else _("geldig")
        base = [
            c.course_title,
            c.completed_on.isoformat(),
            c.expires_on.isoformat() if c.expires_on else "",
            status,
            str(c.study_hours).replace(".", ","),
        ]
        for item in c.accreditations or [{"register": "", "accreditation_id": "", "points": ""}]:
            writer.writerow(
                [
                    *base,
                    item["register"],
                    item["accreditation_id"],
                    str(item["points"]).replace(".", ","),
                    c.code,
                ]
            )
    return response


@member_required
@never_cache
@require_GET
def certificate_pdf(request: HttpRequest, code: str) -> HttpResponse:
    completion = selectors.completion_for_owner(user=request.user, code=code)
    if completion is None:
        raise Http404
    pdf = certificates.certificate_pdf(
        completion=completion, verify_url=certificates.verification_url(completion.code)
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificaat-{completion.code}.pdf"'
    return response


@member_required
@never_cache
@require_GET
def reflection_log_pdf(request: HttpRequest) -> HttpResponse:
    record = selectors.learning_record(user=request.user)
    pdf = certificates.reflection_log_pdf(
        name=selectors.holder_name(request.user), reflections=record["reflections"]
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="reflectielog-{timezone.localdate():%Y-%m-%d}.pdf"'
    )
    return response


@require_GET
def verify_certificate(request: HttpRequest, code: str) -> HttpResponse:
    """Public: genuine or not. Name, course, date and validity only."""
    completion = selectors.completion_by_code(code)
    if completion is None or not completion.user.is_active:
        return HttpResponse(
            _("Niet gevonden."), status=404, content_type="text/plain; charset=utf-8"
        )
    return render(
        request,
        "courses/verify_certificate.html",
        {
            "completion": completion,
            "holder": selectors.holder_name(completion.user),
            "expired": completion.is_expired(),
        },
    )


# --- coordinator reports -----------------------------------------------------------


def _coordinator(request: HttpRequest) -> frozenset[int] | None:
    if not can_coordinate(request.user):
        raise PermissionDenied(_("Rapportages zijn er voor coördinatoren."))
    return coordinated_organisation_ids(request.user)


def _report_form(request: HttpRequest) -> ReportFilterForm:
    return ReportFilterForm(request.GET or None, org_ids=coordinated_organisation_ids(request.user))


def _period(form: ReportFilterForm) -> tuple[date, date]:
    today = timezone.localdate()
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    start = data.get("start") or today.replace(month=1, day=1)
    end = data.get("end") or today
    return start, end


def _scope(form: ReportFilterForm, org_ids: frozenset[int] | None) -> frozenset[int] | None:
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    organisation = data.get("organisation")
    if organisation is not None:
        return frozenset({organisation.pk})
    return org_ids


def _filtered_report(request: HttpRequest) -> tuple[ReportFilterForm, Any, Any, dict[str, Any]]:
    """The coordinator's own organisation(s), narrowed by the filter form."""
    org_ids = _coordinator(request)
    form = _report_form(request)
    start, end = _period(form)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    report = selectors.organisation_report(
        org_ids=_scope(form, org_ids), start=start, end=end, course=data.get("course")
    )
    return form, start, end, report


@member_required
@never_cache
@require_GET
def reports(request: HttpRequest) -> HttpResponse:
    form, start, end, report = _filtered_report(request)
    return render(
        request,
        "courses/reports.html",
        {**report, "form": form, "start": start, "end": end, "query": request.GET.urlencode()},
    )


@member_required
@never_cache
@require_GET
def report_csv(request: HttpRequest) -> HttpResponse:
    _form, start, end, report = _filtered_report(request)
    response, writer = _csv_response(f"rapportage-{start:%Y%m%d}-{end:%Y%m%d}.csv")
    writer.writerow(
        [
            _("Cursus"),
            _("Ingeschreven"),
            _("Afgerond"),
            _("Bezig"),
            _("Verlopen"),
            _("Percentage afgerond"),
        ]
    )
    for row in report["rows"]:
        writer.writerow(
            [row.course.title, row.enrolled, row.completed, row.in_progress, row.expired, row.rate]
        )
    return response


@member_required
@never_cache
@require_GET
def attendance_csv(request: HttpRequest) -> HttpResponse:
    org_ids = _coordinator(request)
    form = _report_form(request)
    if not (form.is_bound and form.is_valid() and form.cleaned_data.get("course")):
        messages.error(request, _("Kies een cursus en een register voor de presentielijst."))
        return HttpResponseRedirect(request.path.replace("presentielijst.csv", ""))
    data = form.cleaned_data
    start, end = _period(form)
    register = data.get("register") or "SKJ"
    lines = selectors.attendance_list(
        org_ids=_scope(form, org_ids),
        course=data["course"],
        register=register,
        start=start,
        end=end,
    )
    response, writer = _csv_response(
        f"presentielijst-{register.replace('&', '')}-{data['course'].slug}-{start:%Y%m%d}.csv"
    )
    writer.writerow(
        [
            _("Naam"),
            _("Registratienummer"),
            _("Accreditatienummer"),
            _("Datum afgerond"),
            _("Punten"),
            _("Certificaatcode"),
        ]
    )
    for line in lines:
        writer.writerow(
            [
                line.name,
                line.register_number,
                line.accreditation_id,
                line.completed_on.isoformat(),
                line.points.replace(".", ","),
                line.code,
            ]
        )
    return response
