"""Thin views, one module per screen: a course and its lessons (`lessons`), the
learning record and certificates (`record`), the coordinator's reports (`reports`)."""

from .lessons import course_action, serve_lesson
from .record import (
    certificate_pdf,
    completion,
    learning_record,
    learning_record_csv,
    learning_record_pdf,
    reflection_log_pdf,
    verify_certificate,
    verify_certificate_form,
)
from .reports import attendance_csv, report_csv, reports

__all__ = [
    "attendance_csv",
    "certificate_pdf",
    "completion",
    "course_action",
    "learning_record",
    "learning_record_csv",
    "learning_record_pdf",
    "reflection_log_pdf",
    "report_csv",
    "reports",
    "serve_lesson",
    "verify_certificate",
    "verify_certificate_form",
]
