"""Thin views for the member's learning record, their certificates (PDF) and the
public verification of a certificate."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from members.decorators import member_required

from .. import certificates, selectors
from ..csv_export import csv_response


@member_required
@never_cache
@require_GET
def learning_record(request: HttpRequest) -> HttpResponse:
    record = selectors.learning_record(user=request.user)
    return render(request, "courses/learning_record.html", record)


@member_required
@never_cache
@require_GET
def learning_record_pdf(request: HttpRequest) -> HttpResponse:
    record = selectors.learning_record(user=request.user)
    pdf = certificates.learning_record_pdf(
        name=selectors.member_name(request.user),
        register_numbers=selectors.member_register_numbers(request.user),
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
    response, writer = csv_response(f"leerdossier-{timezone.localdate():%Y-%m-%d}.csv")
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
    # Activities that are not courses (intervisie): the kind the registers count,
    # its hours in the study-time column.
    for a in record["activities"]:
        writer.writerow(
            [
                a.title,
                a.occurred_on.isoformat(),
                "",
                a.get_kind_display(),
                str(a.hours).replace(".", ","),
                "",
                "",
                "",
                "",
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
        name=selectors.member_name(request.user), reflections=record["reflections"]
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
            "holder": completion.holder_name,
            "expired": completion.is_expired(),
        },
    )
