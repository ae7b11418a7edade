"""casuistry's audit actions: every moderation step and every change the author makes.

Registered with members' audit log from CasuistryConfig.ready(); moderators may read
them (moderation=True). Lines hold ids only, never case text."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


class CaseAuditAction:
    CASE_SUBMITTED = "casuistry.submitted"
    CASE_RESUBMITTED = "casuistry.resubmitted"
    CASE_CLAIMED = "casuistry.claimed"
    CASE_REDACTED = "casuistry.redacted"
    CASE_TITLE_EDITED = "casuistry.title_edited"
    CASE_CHANGES_ASKED = "casuistry.changes_asked"
    CASE_REJECTED = "casuistry.rejected"
    CASE_APPROVED = "casuistry.approved"
    CASE_FEATURED = "casuistry.featured"
    CASE_WITHDRAWN = "casuistry.withdrawn"
    CASE_ARCHIVED = "casuistry.archived"
    CASE_DELETED = "casuistry.deleted"


LABELS = {
    CaseAuditAction.CASE_SUBMITTED: _("Casus ingediend"),
    CaseAuditAction.CASE_RESUBMITTED: _("Casus opnieuw ingediend"),
    CaseAuditAction.CASE_CLAIMED: _("Casus opgepakt"),
    CaseAuditAction.CASE_REDACTED: _("Casus verder geanonimiseerd"),
    CaseAuditAction.CASE_TITLE_EDITED: _("Titel van casus gewijzigd"),
    CaseAuditAction.CASE_CHANGES_ASKED: _("Wijziging van casus gevraagd"),
    CaseAuditAction.CASE_REJECTED: _("Casus afgewezen"),
    CaseAuditAction.CASE_APPROVED: _("Casus gepubliceerd"),
    CaseAuditAction.CASE_FEATURED: _("Casus uitgelicht of niet meer"),
    CaseAuditAction.CASE_WITHDRAWN: _("Casus ingetrokken"),
    CaseAuditAction.CASE_ARCHIVED: _("Casus gearchiveerd"),
    CaseAuditAction.CASE_DELETED: _("Casus verwijderd na bewaartermijn"),
}

CASE_ACTIONS = tuple(LABELS)


def register() -> None:
    from members import audit

    audit.register_actions("casuistry", LABELS, moderation=True)
