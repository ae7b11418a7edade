"""The forum's records: categories, threads, posts and what members do with them.

A post's text is stored only after `privacy` redacted it and its author accepted the
redaction (forum.services); nothing here ever holds the text as typed.

Each thread is its own event log: every change that readers see live (a new post, an
edit, a post hidden or restored, a reaction) takes the thread's next sequence number
in the transaction that makes it, and is kept as a ThreadEvent. A client that
reconnects asks for every event after the last one it has and gets them from here."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.permissions import can_moderate, can_use_members_area


class Category(models.Model):
    slug = models.SlugField(_("korte naam"), max_length=80, unique=True)
    name = models.CharField(_("naam"), max_length=120)
    description = models.TextField(_("omschrijving"), blank=True)
    position = models.PositiveIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("categorie")
        verbose_name_plural = _("categorieën")
        ordering = ("position", "name")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("forum:category", kwargs={"slug": self.slug})


class ThreadQuerySet(models.QuerySet["Thread"]):
    def visible_to(self, user: Any) -> ThreadQuerySet:
        """Approved members see every thread that is not hidden; moderators all;
        visitors and pending members nothing at all."""
        if not can_use_members_area(user):
            return self.none()
        if can_moderate(user):
            return self
        return self.filter(hidden=False)


class Thread(models.Model):
    category = models.ForeignKey(
        Category, verbose_name=_("categorie"), on_delete=models.PROTECT, related_name="threads"
    )
    title = models.CharField(_("titel"), max_length=200)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gestart door"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="forum_threads",
    )
    created = models.DateTimeField(_("gestart op"), default=timezone.now)
    last_activity = models.DateTimeField(_("laatste bericht"), default=timezone.now)
    locked = models.BooleanField(_("gesloten"), default=False)
    hidden = models.BooleanField(_("verborgen"), default=False)
    last_seq = models.PositiveIntegerField(_("laatste volgnummer"), default=0)
    # What the thread discusses (a published case, a story): a generic link, so the
    # forum never imports the apps that open threads.
    subject_type = models.ForeignKey(
        ContentType, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    subject_id = models.CharField(max_length=64, blank=True)
    subject = GenericForeignKey("subject_type", "subject_id")
    alias_mode = models.BooleanField(
        _("deelnemers met schuilnaam per gesprek"),
        default=False,
        help_text=_('Deelnemers heten "Inbrenger" en "Deelnemer A, B, …" in dit gesprek.'),
    )

    objects = ThreadQuerySet.as_manager()

    class Meta:
        verbose_name = _("gesprek")
        verbose_name_plural = _("gesprekken")
        ordering = ("-last_activity", "-pk")
        indexes = [
            models.Index(fields=["category", "-last_activity"]),
            models.Index(fields=["subject_type", "subject_id"]),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("forum:thread", kwargs={"pk": self.pk})


class PostQuerySet(models.QuerySet["Post"]):
    def visible_to(self, user: Any) -> PostQuerySet:
        """Hidden posts are gone for everyone but moderators (no click-to-view);
        soft-deleted posts stay as a placeholder so the conversation still reads."""
        if not can_use_members_area(user):
            return self.none()
        if can_moderate(user):
            return self
        return self.filter(hidden=False, thread__hidden=False)


class Post(models.Model):
    thread = models.ForeignKey(
        Thread, verbose_name=_("gesprek"), on_delete=models.CASCADE, related_name="posts"
    )
    seq = models.PositiveIntegerField(_("volgnummer"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="forum_posts",
    )
    text = models.TextField(_("tekst (na anonimisering)"))
    reply_to = models.ForeignKey(
        "self",
        verbose_name=_("reactie op"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replies",
    )
    created = models.DateTimeField(_("geplaatst op"), default=timezone.now)
    edited = models.DateTimeField(_("bewerkt op"), null=True, blank=True)
    hidden = models.BooleanField(_("verborgen"), default=False)
    hidden_reason = models.CharField(_("reden van verbergen"), max_length=32, blank=True)
    deleted = models.BooleanField(_("verwijderd"), default=False)

    objects = PostQuerySet.as_manager()

    class Meta:
        verbose_name = _("bericht")
        verbose_name_plural = _("berichten")
        ordering = ("thread", "seq")
        constraints = [
            models.UniqueConstraint(fields=["thread", "seq"], name="forum_post_seq_unique"),
        ]

    def __str__(self) -> str:
        return f"#{self.seq} in {self.thread_id}"

    def get_absolute_url(self) -> str:
        return f"{self.thread.get_absolute_url()}#bericht-{self.seq}"


class PostRevision(models.Model):
    """An earlier version of an edited post, for moderators. A moderator's redaction
    purges these: the old text is exactly what had to go."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    text = models.TextField(_("eerdere tekst (na anonimisering)"))
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("eerdere versie")
        verbose_name_plural = _("eerdere versies")
        ordering = ("post", "-created", "-pk")

    def __str__(self) -> str:
        return f"{self.post} ({self.created:%Y-%m-%d %H:%M})"


class EventKind(models.TextChoices):
    POST = "post", "post"
    POST_UPDATED = "post_updated", "post_updated"
    POST_HIDDEN = "post_hidden", "post_hidden"
    REACTION = "reaction", "reaction"


class ThreadEvent(models.Model):
    """One numbered event of a thread's log; what it shows is the post's current state."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="events")
    seq = models.PositiveIntegerField()
    kind = models.CharField(max_length=16, choices=EventKind.choices)
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="events")

    class Meta:
        ordering = ("thread", "seq")
        constraints = [
            models.UniqueConstraint(fields=["thread", "seq"], name="forum_event_seq_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.seq} in {self.thread_id}"


class ThreadAlias(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="aliases")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_aliases"
    )
    alias = models.CharField(_("schuilnaam"), max_length=40)

    class Meta:
        verbose_name = _("schuilnaam in gesprek")
        verbose_name_plural = _("schuilnamen in gesprekken")
        constraints = [
            models.UniqueConstraint(fields=["thread", "user"], name="forum_alias_user_unique"),
            models.UniqueConstraint(fields=["thread", "alias"], name="forum_alias_unique"),
        ]

    def __str__(self) -> str:
        return self.alias


class ReadState(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_read_states"
    )
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="read_states")
    last_read_seq = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "thread"], name="forum_readstate_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.thread_id}: {self.last_read_seq}"


class ReactionKind(models.TextChoices):
    STEUN = "steun", _("Steun")
    HERKENBAAR = "herkenbaar", _("Herkenbaar")
    DANK = "dank", _("Dank je")


class Reaction(models.Model):
    """Supportive only, and shown without counts or names: no ranking of posts."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_reactions"
    )
    kind = models.CharField(_("soort"), max_length=16, choices=ReactionKind.choices)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "user", "kind"], name="forum_reaction_unique"),
        ]

    def __str__(self) -> str:
        return self.kind


class FlagReason(models.TextChoices):
    HERLEIDBAAR = "herleidbaar", _("Herleidbaar: iemand is te herkennen")
    ONGEPAST = "ongepast", _("Ongepast of kwetsend")
    ONVEILIG = "onveilig", _("Zorgen over iemands veiligheid")
    ANDERS = "anders", _("Iets anders")


class FlagStatus(models.TextChoices):
    OPEN = "open", _("Open")
    RESOLVED = "resolved", _("Afgehandeld")


class FlagQuerySet(models.QuerySet["Flag"]):
    def open(self) -> FlagQuerySet:
        return self.filter(status=FlagStatus.OPEN)


class Flag(models.Model):
    """A member's report of a post. Reasons are choices only: a free-text note
    would be one more place for a name."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="flags")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="forum_flags",
    )
    reason = models.CharField(_("reden"), max_length=16, choices=FlagReason.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=FlagStatus.choices, default=FlagStatus.OPEN
    )
    created = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = FlagQuerySet.as_manager()

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        ordering = ("-created", "-pk")
        constraints = [
            models.UniqueConstraint(
                fields=["post", "reporter"],
                condition=Q(status="open"),
                name="forum_flag_one_open_per_reporter",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} ({self.status})"


class SubscriptionState(models.TextChoices):
    SUBSCRIBED = "subscribed", _("Volgen")
    MUTED = "muted", _("Negeren")


class Subscription(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_subscriptions"
    )
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="subscriptions")
    state = models.CharField(max_length=16, choices=SubscriptionState.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "thread"], name="forum_subscription_unique"),
        ]

    def __str__(self) -> str:
        return self.state
