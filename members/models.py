"""Accounts: members log in with their e-mail address; there are no usernames."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable

from . import audit
from .validators import (
    validate_big_number,
    validate_email_domain,
    validate_pseudonym,
    validate_registerplein_number,
    validate_skj_number,
    validate_vvn_number,
)


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra: Any) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        if extra["is_staff"] is not True or extra["is_superuser"] is not True:
            raise ValueError("A superuser must have is_staff and is_superuser set.")
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    username = None  # type: ignore[assignment]
    email = models.EmailField(_("e-mailadres"), unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    objects: ClassVar[UserManager] = UserManager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        ordering = ("email",)

    def __str__(self) -> str:
        return self.get_full_name() or self.email


class OrganisationKind(models.TextChoices):
    GEMEENTE = "gemeente", _("Gemeente")
    LOKAAL_TEAM = "lokaal_team", _("Lokaal team")
    VEILIG_THUIS = "veilig_thuis", _("Veilig Thuis")
    MAATSCHAPPELIJK_WERK = "maatschappelijk_werk", _("Maatschappelijk werk")
    POLITIE = "politie", _("Politie")
    ONDERWIJS = "onderwijs", _("Onderwijs")
    ZORG = "zorg", _("Zorg")
    ERVARINGSDESKUNDIGEN = "ervaringsdeskundigen", _("Ervaringsdeskundigen")
    OTHER = "anders", _("Anders")


class Organisation(ClusterableModel):
    """An organisation of the network. A verified e-mail address on one of its
    domains makes a sign-up a member without waiting for approval."""

    name = models.CharField(_("naam"), max_length=200, unique=True)
    kind = models.CharField(_("soort"), max_length=32, choices=OrganisationKind.choices)

    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        InlinePanel("domains", label=_("e-maildomeinen"), heading=_("E-maildomeinen")),
    ]

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name


class OrganisationDomain(Orderable):
    organisation = ParentalKey(Organisation, on_delete=models.CASCADE, related_name="domains")
    domain = models.CharField(
        _("domein"),
        max_length=253,
        unique=True,
        validators=[validate_email_domain],
        help_text=_("Het deel na de @, bijvoorbeeld lansingerland.nl."),
    )

    panels = [FieldPanel("domain")]

    class Meta(Orderable.Meta):
        verbose_name = _("e-maildomein")
        verbose_name_plural = _("e-maildomeinen")

    def __str__(self) -> str:
        return self.domain

    def clean(self) -> None:
        self.domain = (self.domain or "").strip().lower().lstrip("@")


class Profession(models.TextChoices):
    JEUGDCONSULENT = "jeugdconsulent", _("Jeugdconsulent")
    WMO_CONSULENT = "wmo_consulent", _("Wmo-consulent")
    MAATSCHAPPELIJK_WERKER = "maatschappelijk_werker", _("Maatschappelijk werker")
    PROCESREGISSEUR = "procesregisseur", _("Procesregisseur")
    POLITIE = "politie", _("Politie")
    LEERKRACHT = "leerkracht", _("Leerkracht / intern begeleider")
    HUISARTS = "huisarts", _("Huisarts(assistent)")
    WIJKVERPLEEGKUNDIGE = "wijkverpleegkundige", _("Wijkverpleegkundige")
    ERVARINGSDESKUNDIGE = "ervaringsdeskundige", _("Ervaringsdeskundige")
    OTHER = "anders", _("Anders")


class MembershipStatus(models.TextChoices):
    PENDING = "pending", _("Wacht op goedkeuring")
    APPROVED = "approved", _("Goedgekeurd")
    REFUSED = "refused", _("Afgewezen")


class Profile(models.Model):
    """Everything about a member beyond the login: how they appear, where they
    work, what they may do, and how the platform may reach them."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="profile")
    display_name = models.CharField(
        _("naam voor certificaten"),
        max_length=150,
        blank=True,
        help_text=_("Je volledige naam zoals die op certificaten en in je leerdossier staat."),
    )
    # NULL, not "", for "none chosen": the case-insensitive unique constraint must
    # allow many members without one (erased accounts, staff).
    pseudonym = models.CharField(  # noqa: DJ001
        _("schuilnaam op het forum"),
        max_length=40,
        null=True,
        blank=True,
        validators=[validate_pseudonym],
        help_text=_("Zo zien anderen je op het forum. Kies iets dat niet naar jou herleidbaar is."),
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisatie"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
    )
    profession = models.CharField(
        _("beroep"), max_length=32, choices=Profession.choices, blank=True
    )
    skj_number = models.CharField(
        _("SKJ-registratienummer"), max_length=20, blank=True, validators=[validate_skj_number]
    )
    registerplein_number = models.CharField(
        _("Registerplein-registratienummer"),
        max_length=20,
        blank=True,
        validators=[validate_registerplein_number],
    )
    big_number = models.CharField(
        _("BIG-nummer"), max_length=20, blank=True, validators=[validate_big_number]
    )
    vvn_number = models.CharField(
        _("V&VN kwaliteitsregister-nummer"),
        max_length=20,
        blank=True,
        validators=[validate_vvn_number],
    )
    notify_replies = models.BooleanField(_("e-mail bij reacties op mijn berichten"), default=True)
    notify_mentions = models.BooleanField(_("e-mail als iemand mij noemt"), default=True)
    notify_moderation = models.BooleanField(
        _("e-mail over beslissingen van moderatoren"), default=True
    )
    status = models.CharField(
        _("lidmaatschap"),
        max_length=16,
        choices=MembershipStatus.choices,
        default=MembershipStatus.PENDING,
    )
    status_reason = models.TextField(_("toelichting bij de beslissing"), blank=True)
    decided_at = models.DateTimeField(_("beslist op"), null=True, blank=True)
    coordinated_organisations = models.ManyToManyField(
        Organisation,
        verbose_name=_("coördinator van"),
        blank=True,
        related_name="coordinators",
        help_text=_("Alleen voor coördinatoren: de organisaties waarvoor zij leden goedkeuren."),
    )

    erased_at = models.DateTimeField(_("gegevens gewist op"), null=True, blank=True)
    # Set by a moderator (services.suspend_member); a member is suspended while
    # this lies in the future (permissions.is_suspended).
    suspended_until = models.DateTimeField(_("geschorst tot"), null=True, blank=True)

    class Meta:
        verbose_name = _("profiel")
        verbose_name_plural = _("profielen")
        permissions = [("approve_member", _("Mag aanmeldingen goedkeuren of afwijzen"))]
        constraints = [
            models.UniqueConstraint(Lower("pseudonym"), name="members_profile_pseudonym_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.pseudonym or _("lid %(id)s") % {"id": self.user_id}

    @property
    def is_approved(self) -> bool:
        return self.status == MembershipStatus.APPROVED

    @property
    def register_numbers(self) -> dict[str, str]:
        numbers = {
            "SKJ": self.skj_number,
            "Registerplein": self.registerplein_number,
            "BIG": self.big_number,
            "V&VN": self.vvn_number,
        }
        return {register: number for register, number in numbers.items() if number}


class AuditAction(models.TextChoices):
    """The members app's own audit actions, registered in MembersConfig.ready()
    like every other app's (audit.py); the field itself has no fixed choices."""

    SIGNUP_APPROVED_BY_DOMAIN = "signup.approved_by_domain", _("Aanmelding goedgekeurd (domein)")
    SIGNUP_APPROVED = "signup.approved", _("Aanmelding goedgekeurd")
    SIGNUP_REFUSED = "signup.refused", _("Aanmelding afgewezen")
    ROLES_CHANGED = "roles.changed", _("Rollen gewijzigd")
    MFA_ADDED = "mfa.added", _("Tweestapsverificatie ingesteld")
    MFA_REMOVED = "mfa.removed", _("Tweestapsverificatie verwijderd")
    DATA_EXPORTED = "data.exported", _("Gegevens gedownload")
    ACCOUNT_DELETED = "account.deleted", _("Account verwijderd")
    PROFILE_CHANGED = "profile.changed", _("Profiel gewijzigd door beheer")


class ModerationAction(models.TextChoices):
    """Moderators' decisions about a member, registered with moderation=True so
    every moderator can read them in the audit log."""

    MEMBER_WARNED = "member.warned", _("Lid gewaarschuwd")
    MEMBER_SUSPENDED = "member.suspended", _("Lid geschorst")
    SUSPENSION_LIFTED = "member.suspension_lifted", _("Schorsing opgeheven")


class ModerationReason(models.TextChoices):
    """The fixed reasons a moderator chooses from for a warning or a suspension:
    no free text in the audit log."""

    HERLEIDBAAR = "herleidbaar", _("Herleidbare gegevens gedeeld")
    ONGEPAST = "ongepast", _("Ongepaste of kwetsende bijdrage")
    ONVEILIG = "onveilig", _("Onveilige sfeer voor anderen")
    HUISREGELS = "huisregels", _("Herhaald de huisregels overtreden")
    ANDERS = "anders", _("Andere reden (zie toelichting)")


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise PermissionError("The audit log is append-only.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("The audit log is append-only.")


class AuditEvent(models.Model):
    """Append-only: who did what, to which object, when, and why.

    Holds ids, never names or e-mail addresses, so that erasing a member leaves
    nothing here that names them."""

    actor = models.ForeignKey(
        User,
        verbose_name=_("door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_events_done",
    )
    subject = models.ForeignKey(
        User,
        verbose_name=_("over lid"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_events_about",
    )
    # Any action an app registered (audit.register_actions); services check it.
    action = models.CharField(_("handeling"), max_length=64)
    object_type = models.CharField(_("soort object"), max_length=100, blank=True)
    object_id = models.CharField(_("object"), max_length=64, blank=True)
    reason = models.CharField(_("reden"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("tijdstip"), default=timezone.now, editable=False)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("auditregel")
        verbose_name_plural = _("auditlog")
        ordering = ("-created_at", "-id")
        indexes = [models.Index(fields=["subject", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.get_action_display()} ({self.created_at:%Y-%m-%d %H:%M})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("The audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("The audit log is append-only.")

    # Readers see the registered label and pseudonymous references (the admin's
    # list and inspect views call these), never a member's name or address.
    def get_action_display(self) -> str:
        return audit.label_for(self.action)

    get_action_display.short_description = _("handeling")  # type: ignore[attr-defined]

    def get_actor_display(self) -> str:
        return audit.member_reference(self.actor)

    get_actor_display.short_description = _("door")  # type: ignore[attr-defined]

    def get_subject_display(self) -> str:
        return audit.member_reference(self.subject)

    get_subject_display.short_description = _("over lid")  # type: ignore[attr-defined]
