"""casuistry's audit actions: every moderation step and every change the author makes.

The values live in ``members.models.AuditAction`` (the audit log's field validates
against it) until the audit log takes each app's own registry; this module is the one
name casuistry uses, so that move changes one import."""

from __future__ import annotations

from members.models import AuditAction

CASE_ACTIONS = (
    AuditAction.CASE_SUBMITTED,
    AuditAction.CASE_RESUBMITTED,
    AuditAction.CASE_CLAIMED,
    AuditAction.CASE_REDACTED,
    AuditAction.CASE_TITLE_EDITED,
    AuditAction.CASE_CHANGES_ASKED,
    AuditAction.CASE_REJECTED,
    AuditAction.CASE_APPROVED,
    AuditAction.CASE_FEATURED,
    AuditAction.CASE_WITHDRAWN,
    AuditAction.CASE_ARCHIVED,
    AuditAction.CASE_DELETED,
)

CaseAuditAction = AuditAction
