"""Certificates and the reflection log as PDF, drawn with ReportLab (pure Python,
no system libraries). What a register accepts: name and register numbers, course,
provider, date, net study time, points and accreditation number per register,
that the test was passed, and a code with a URL (and QR code) to verify it."""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from . import rules
from .models import Completion, ReflectionAnswer

PROVIDER = "HG Leerwerkplaats Rotterdam-Rijnmond"
# Bounds of the reflection log, so that the largest log renders in a few seconds.
REFLECTION_LOG_MAX_ITEMS = 200
REFLECTION_LOG_MAX_CHARS = 100_000

REGISTER_LABELS = {
    "SKJ": "SKJ",
    "Registerplein": "Registerplein",
    "V&VN": "V&VN Kwaliteitsregister",
}


def verification_url(code: str) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("courses:verify_certificate", kwargs={"code": code})
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _date(value: Any) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return date_format(value, "j F Y")


def _qr(c: canvas.Canvas, url: str, x: float, y: float, size: float) -> None:
    widget = QrCodeWidget(url)
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    renderPDF.draw(drawing, c, x, y)


def _test_line(completion: Completion) -> str:
    """The final score, and beside it the first attempt's: what a register or an
    employer reads as what the holder knew before retaking."""
    line = f"behaald, eindscore {completion.score}% goed"
    if completion.first_score is not None:
        line += f" (eerste poging: {completion.first_score}%)"
    return line


def certificate_pdf(*, completion: Completion, verify_url: str) -> bytes:
    numbers = completion.holder_register_numbers
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4, pageCompression=1)
    c.setTitle(f"Certificaat {completion.course_title}")
    c.setAuthor(PROVIDER)
    width, height = A4
    left = 25 * mm
    y = height - 35 * mm

    c.setFont("Helvetica-Bold", 26)
    c.drawString(left, y, "Certificaat")
    y -= 10 * mm
    c.setFont("Helvetica", 11)
    c.drawString(left, y, f"Aanbieder: {PROVIDER}")
    y -= 18 * mm

    c.setFont("Helvetica", 12)
    c.drawString(left, y, "Hierbij verklaren wij dat")
    y -= 10 * mm
    c.setFont("Helvetica-Bold", 18)
    c.drawString(left, y, completion.holder_name)
    y -= 8 * mm
    c.setFont("Helvetica", 10)
    for register, number in numbers.items():
        c.drawString(left, y, f"{register}-nummer: {number}")
        y -= 5 * mm
    y -= 6 * mm
    c.setFont("Helvetica", 12)
    c.drawString(left, y, "met goed gevolg de e-learning heeft afgerond, inclusief de toets:")
    y -= 10 * mm
    c.setFont("Helvetica-Bold", 15)
    c.drawString(left, y, completion.course_title)
    y -= 14 * mm

    hours = str(completion.study_hours).replace(".", ",")
    rows = [
        ("Datum van afronding", _date(completion.completed_on)),
        ("Netto studietijd", f"{hours} uur ({completion.study_minutes} minuten)"),
        ("Toets", _test_line(completion)),
        (
            "Geldig tot",
            _date(completion.expires_on) if completion.expires_on else "onbeperkt",
        ),
    ]
    c.setFont("Helvetica", 11)
    for label, value in rows:
        c.drawString(left, y, f"{label}:")
        c.drawString(left + 50 * mm, y, value)
        y -= 6.5 * mm

    y -= 6 * mm
    c.setFont("Helvetica-Bold", 12)
    c.drawString(left, y, "Accreditatie")
    y -= 7 * mm
    c.setFont("Helvetica", 11)
    if completion.accreditations:
        for item in completion.accreditations:
            register = REGISTER_LABELS.get(item["register"], item["register"])
            c.drawString(
                left,
                y,
                f"{register}: {rules.points_text(item['points'])}, "
                f"accreditatienummer {item['accreditation_id']}",
            )
            y -= 6.5 * mm
    else:
        c.drawString(left, y, "Deze cursus is niet geaccrediteerd.")
        y -= 6.5 * mm

    # Verification block at the foot of the page.
    qr_size = 32 * mm
    base = 25 * mm
    _qr(c, verify_url, width - left - qr_size, base, qr_size)
    c.setFont("Helvetica-Bold", 12)
    c.drawString(left, base + 22 * mm, f"Certificaatcode: {completion.code}")
    c.setFont("Helvetica", 10)
    c.drawString(left, base + 15 * mm, "Controleer dit certificaat op:")
    c.drawString(left, base + 10 * mm, verify_url)
    c.showPage()
    c.save()
    return buffer.getvalue()


def _bounded(text: str, limit: int) -> tuple[str, bool]:
    if len(text) <= limit:
        return text, False
    return text[:limit].rstrip() + " …", True


def _paragraphs(text: str, style: Any) -> list[Any]:
    """One Paragraph per line: ReportLab splits a paragraph that runs over a page by
    re-laying it out, which grows with the square of its length."""
    return [Paragraph(_escape(line) or "&nbsp;", style) for line in text.splitlines() or [""]]


def reflection_log_pdf(*, name: str, reflections: Iterable[ReflectionAnswer]) -> bytes:
    """The learner's own reflections with the time spent, for the register's
    separate count of reflection hours.

    Bounded work: at most REFLECTION_LOG_MAX_ITEMS reflections and
    REFLECTION_LOG_MAX_CHARS characters of answers (each answer is already at most
    rules.REFLECTION_MAX_CHARS); what is left out is said in a note at the end,
    and the total time still counts every reflection."""
    buffer = io.BytesIO()
    styles = getSampleStyleSheet()
    doc = SimpleDocTemplate(buffer, pagesize=A4, title="Reflectielog", author=PROVIDER)
    story: list[Any] = [
        Paragraph("Reflectielog", styles["Title"]),
        Paragraph(f"{_escape(name)} — {PROVIDER}", styles["Normal"]),
        Spacer(1, 8 * mm),
    ]
    total = 0
    shown = left_out = shortened = 0
    budget = REFLECTION_LOG_MAX_CHARS
    for reflection in reflections:
        total += reflection.seconds_spent
        if shown >= REFLECTION_LOG_MAX_ITEMS or budget <= 0:
            left_out += 1
            continue
        minutes = round(reflection.seconds_spent / 60)
        answer, cut = _bounded(reflection.answer, min(budget, rules.REFLECTION_MAX_CHARS))
        prompt, _cut = _bounded(reflection.prompt, rules.PROMPT_MAX_CHARS)
        budget -= len(answer)
        shown += 1
        shortened += cut
        story += [
            Paragraph(
                f"{_escape(reflection.course_title)} — {_escape(reflection.lesson_title)}",
                styles["Heading3"],
            ),
            Paragraph(
                _date(reflection.updated_at.date()) + (f", {minutes} minuten" if minutes else ""),
                styles["Italic"],
            ),
            Paragraph(f"<b>{_escape(prompt)}</b>", styles["Normal"]),
            *_paragraphs(answer, styles["Normal"]),
            Spacer(1, 5 * mm),
        ]
    if round(total / 60) > 0:  # "0 minuten" reads as broken: say nothing then
        story.append(
            Paragraph(f"Totale reflectietijd: {round(total / 60)} minuten", styles["Heading3"])
        )
    if left_out or shortened:
        story.append(
            Paragraph(
                f"Dit log is ingekort: {shortened} antwoord(en) afgebroken (…) en "
                f"{left_out} reflectie(s) weggelaten. Alle reflecties staan volledig in je "
                "leerdossier op de site en in de download van je gegevens.",
                styles["Italic"],
            )
        )
    doc.build(story)
    return buffer.getvalue()


def learning_record_pdf(
    *, name: str, register_numbers: dict[str, str], record: dict[str, Any]
) -> bytes:
    """The learning record for a register audit or an appraisal: every completion with
    its points per register, the totals per year, and what expires soon. Reflection
    answers are not in it: they have their own log."""
    buffer = io.BytesIO()
    styles = getSampleStyleSheet()
    doc = SimpleDocTemplate(buffer, pagesize=A4, title="Leerdossier", author=PROVIDER)
    numbers = ", ".join(
        f"{REGISTER_LABELS.get(register, register)} {number}"
        for register, number in register_numbers.items()
    )
    story: list[Any] = [
        Paragraph("Leerdossier", styles["Title"]),
        Paragraph(f"{_escape(name)} — {PROVIDER}", styles["Normal"]),
    ]
    if numbers:
        story.append(Paragraph(f"Registratienummers: {_escape(numbers)}", styles["Normal"]))
    story.append(Spacer(1, 6 * mm))
    story.append(Paragraph("Afgeronde cursussen", styles["Heading2"]))
    if not record["completions"]:
        story.append(Paragraph("Nog geen afgeronde cursussen.", styles["Normal"]))
    for completion in record["completions"]:
        status = "verlopen" if completion.expired else "geldig"
        until = f", geldig tot {_date(completion.expires_on)}" if completion.expires_on else ""
        points = "; ".join(
            f"{REGISTER_LABELS.get(item['register'], item['register'])}: "
            f"{rules.points_text(item['points'])}, accreditatie {item['accreditation_id']}"
            for item in completion.accreditations
        )
        story += [
            Paragraph(_escape(completion.course_title), styles["Heading3"]),
            Paragraph(
                f"Afgerond op {_date(completion.completed_on)}{until} ({status}); "
                f"studietijd {rules.dutch_number(completion.study_hours)} uur; "
                f"certificaat {completion.code}",
                styles["Normal"],
            ),
        ]
        if points:
            story.append(Paragraph(_escape(points), styles["Normal"]))
    if record.get("activities"):
        story.append(Spacer(1, 4 * mm))
        story.append(Paragraph("Andere leeractiviteiten", styles["Heading2"]))
        for activity in record["activities"]:
            story.append(
                Paragraph(
                    f"{_escape(activity.title)}: {_date(activity.occurred_on)}, "
                    f"{_escape(str(activity.get_kind_display()))}, "
                    f"{rules.dutch_number(activity.hours)} uur",
                    styles["Normal"],
                )
            )
    if record["per_year"]:
        story.append(Spacer(1, 4 * mm))
        story.append(Paragraph("Punten per jaar", styles["Heading2"]))
        for year in record["per_year"]:
            line = ", ".join(
                f"{REGISTER_LABELS.get(register, register)} {rules.points_text(points)}"
                for register, points in zip(record["registers"], year["points"], strict=True)
            )
            story.append(Paragraph(f"{year['year']}: {_escape(line)}", styles["Normal"]))
    if record.get("expiring"):
        story.append(Spacer(1, 4 * mm))
        story.append(Paragraph("Verloopt binnen drie maanden", styles["Heading2"]))
        for completion in record["expiring"]:
            story.append(
                Paragraph(
                    f"{_escape(completion.course_title)}: {_date(completion.expires_on)}",
                    styles["Normal"],
                )
            )
    doc.build(story)
    return buffer.getvalue()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
