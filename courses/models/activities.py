"""Learning activities that are not courses: a guided intervisie session, for
example. Other apps record them through `courses.services.record_activity`; the
learning record, its CSV and PDF, and the coordinator's report read them."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .. import rules


class ActivityKind(models.TextChoices):
    """The kinds the registers count. SKJ and Registerplein count intervisie as
    reflection hours ("reflectie/intervisie")."""

    INTERVISIE = "intervisie", _("Reflectie/intervisie")


class LearningActivity(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learning_activities"
    )
    kind = models.CharField(_("soort"), max_length=20, choices=ActivityKind.choices)
    title = models.CharField(_("titel"), max_length=300)
    minutes = models.PositiveIntegerField(_("duur in minuten"))
    occurred_on = models.DateField(_("datum"))
    # Where it came from ("intervisie:12"): one activity per member and source.
    source = models.CharField(max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("leeractiviteit")
        verbose_name_plural = _("leeractiviteiten")
        ordering = ("-occurred_on", "-pk")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "source"], name="courses_one_activity_per_source"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def hours(self) -> Decimal:
        return rules.study_hours(self.minutes)
