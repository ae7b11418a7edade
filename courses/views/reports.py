"""Thin views for the coordinator's reports: counts per course, as a page and as
CSV, and the attendance list a register asks for."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from members.decorators import member_required
from members.permissions import can_coordinate, coordinated_organisation_ids

from .. import selectors
from ..csv_export import csv_response
from ..forms import ReportFilterForm


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
    # A refused filter (an unknown or impossible id, a period that ends before it
    # starts) answers 400 with the form's errors over the unfiltered report.
    refused = form.is_bound and not form.is_valid()
    data = form.cleaned_data if form.is_bound and not refused else {}
    course, register = data.get("course"), data.get("register")
    extra: dict[str, Any] = {"attendance_ready": bool(course and register)}
    if course is not None:
        scope = _scope(form, coordinated_organisation_ids(request.user))
        extra["min_attempts"] = selectors.MIN_ATTEMPTS_FOR_A_RATE
        extra["question_rates"] = selectors.first_attempt_rates(
            org_ids=scope, course=course, start=start, end=end
        )
        if register:
            # Members the register cannot credit: no number on their certificate.
            lines = selectors.attendance_list(
                org_ids=scope, course=course, register=register, start=start, end=end
            )
            extra["attendance_count"] = len(lines)
            extra["missing_numbers"] = [line for line in lines if not line.register_number]
    return render(
        request,
        "courses/reports.html",
        {
            **report,
            **extra,
            "form": form,
            "start": start,
            "end": end,
            "query": request.GET.urlencode(),
        },
        status=400 if refused else 200,
    )


@member_required
@never_cache
@require_GET
def report_csv(request: HttpRequest) -> HttpResponse:
    _form, start, end, report = _filtered_report(request)
    response, writer = csv_response(f"rapportage-{start:%Y%m%d}-{end:%Y%m%d}.csv")
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
    response, writer = csv_response(
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
