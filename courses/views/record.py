"""Thin views for the member's learning record, their certificates (PDF) and the
public verification of a certificate."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from members.decorators import member_required

from .. import certificates, selectors, services
from ..csv_export import csv_response
from ..forms import CertificateCodeForm, RegisterNumberForm
from .common import errors_of


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
    """Public: genuine or not. Name, course, date and validity only (the register
    numbers are on the holder's PDF, not on a public page).
    An unknown code gets the site's layout, what may have gone wrong and the form to
    type the code again (status 404)."""
    completion = selectors.completion_by_code(code)
    if completion is None or not completion.user.is_active:
        return render(
            request,
            "courses/verify_certificate_form.html",
            {"form": CertificateCodeForm(initial={"code": code[:20]}), "not_found": True},
            status=404,
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


@require_GET
def verify_certificate_form(request: HttpRequest) -> HttpResponse:
    """Public: type a certificate code (from paper, where the QR code cannot be read)."""
    form = CertificateCodeForm(request.GET or None)
    if form.is_valid():
        code = form.cleaned_data["code"].strip().upper()
        return redirect("courses:verify_certificate", code=code)
    return render(request, "courses/verify_certificate_form.html", {"form": form})


@member_required
@never_cache
def completion(request: HttpRequest, code: str) -> HttpResponse:
    """The page after the last lesson: the certificate (PDF, verification link), the
    points per register and how to claim them, what to learn next. POST adds a
    register number the certificate lacks."""
    page = selectors.completion_page(user=request.user, code=code)
    if page is None:
        raise Http404
    form = RegisterNumberForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.add_missing_register_number(
                    user=request.user,
                    completion=page["completion"],
                    register=form.cleaned_data["register"],
                    number=form.cleaned_data["number"],
                )
            except ValidationError as error:
                form.add_error("number", errors_of(error))
            else:
                messages.success(
                    request, _("Je nummer staat nu op je certificaat en in je profiel.")
                )
                return redirect("courses:completion", code=code)
        page = selectors.completion_page(user=request.user, code=code)
    page.update(
        form=form,
        verify_url=certificates.verification_url(code),
        posted_register=request.POST.get("register", ""),
    )
    return render(request, "courses/completion.html", page, status=422 if form.errors else 200)
