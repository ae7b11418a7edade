"""The forum's audit actions, registered with members' audit log from ForumConfig.ready().

Every line holds ids only, like every audit line."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


class ForumAudit:
    POST_HIDDEN = "forum.post_hidden"
    POST_RESTORED = "forum.post_restored"
    POST_REDACTED = "forum.post_redacted"
    POST_DELETED = "forum.post_deleted"
    THREAD_LOCKED = "forum.thread_locked"
    THREAD_UNLOCKED = "forum.thread_unlocked"
    THREAD_MOVED = "forum.thread_moved"
    ALIAS_REVEALED = "forum.alias_revealed"


ACTIONS = {
    ForumAudit.POST_HIDDEN: _("Forumbericht verborgen"),
    ForumAudit.POST_RESTORED: _("Forumbericht hersteld"),
    ForumAudit.POST_REDACTED: _("Forumbericht geanonimiseerd"),
    ForumAudit.POST_DELETED: _("Forumbericht verwijderd door moderator"),
    ForumAudit.THREAD_LOCKED: _("Forumgesprek gesloten"),
    ForumAudit.THREAD_UNLOCKED: _("Forumgesprek heropend"),
    ForumAudit.THREAD_MOVED: _("Forumgesprek verplaatst"),
    ForumAudit.ALIAS_REVEALED: _("Schuilnaam in forum opgezocht"),
}


def register() -> None:
    from members import audit

    audit.register_actions("forum", ACTIONS, moderation=True)
