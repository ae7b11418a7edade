"""Forms for members. Errors are Dutch and specific; what was typed is kept."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from . import services
from .models import Organisation, Profession, Profile
from .validators import (
    ERROR_TOO_LONG,
    MAX_PASSWORD_LENGTH,
    MAX_REASON_LENGTH,
    normalise_register_number,
    validate_pseudonym,
)

ERROR_PSEUDONYM_TAKEN = _("Deze schuilnaam is al in gebruik. Kies een andere.")
ERROR_UNKNOWN_ORGANISATION = _(
    "Kies je organisatie uit de lijst. Staat die er niet bij? Mail de Leerwerkplaats, "
    "dan voegen we haar toe."
)
ERROR_WRONG_PASSWORD = _("Dit wachtwoord klopt niet. Je account is niet verwijderd.")
REGISTER_FIELDS = ("skj_number", "registerplein_number", "big_number", "vvn_number")


def use_dutch_length_messages(form: forms.BaseForm) -> None:
    """Every text field with a maximum says so in the project's own words."""
    for field in form.fields.values():
        if getattr(field, "max_length", None):
            field.error_messages["max_length"] = ERROR_TOO_LONG


class ProfileFieldsMixin:
    """Checks shared by sign-up and profile editing."""

    instance_user: Any = None

    def clean_pseudonym(self) -> str:
        pseudonym = self.cleaned_data["pseudonym"].strip()
        validate_pseudonym(pseudonym)
        taken = Profile.objects.filter(pseudonym__iexact=pseudonym)
        if self.instance_user is not None:
            taken = taken.exclude(user=self.instance_user)
        if taken.exists():
            raise forms.ValidationError(ERROR_PSEUDONYM_TAKEN, code="pseudonym_taken")
        return pseudonym

    def _clean_register(self, name: str) -> str:
        number = normalise_register_number(self.cleaned_data.get(name, ""))
        if number:
            for validator in Profile._meta.get_field(name).validators:
                validator(number)
        return number

    def clean_skj_number(self) -> str:
        return self._clean_register("skj_number")

    def clean_registerplein_number(self) -> str:
        return self._clean_register("registerplein_number")

    def clean_big_number(self) -> str:
        return self._clean_register("big_number")

    def clean_vvn_number(self) -> str:
        return self._clean_register("vvn_number")


def _profile_field(name: str, **kwargs: Any) -> forms.Field:
    return Profile._meta.get_field(name).formfield(**kwargs)


class SignupForm(ProfileFieldsMixin, forms.Form):
    """Extra fields on allauth's sign-up form (ACCOUNT_SIGNUP_FORM_CLASS)."""

    display_name = _profile_field("display_name", required=True)
    pseudonym = _profile_field("pseudonym", required=True)
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.all(),
        label=_("Organisatie"),
        empty_label=_("Kies je organisatie"),
        help_text=format_lazy(
            _(
                "Staat je organisatie er niet bij? Mail de naam van je organisatie naar "
                "{email}. We voegen haar toe en laten het je weten; registreer je daarna."
            ),
            email=settings.CONTACT_EMAIL,
        ),
        error_messages={
            "invalid_choice": ERROR_UNKNOWN_ORGANISATION,
            "required": ERROR_UNKNOWN_ORGANISATION,
        },
    )
    profession = forms.ChoiceField(
        label=_("Beroep"), choices=[("", _("Kies je beroep")), *Profession.choices]
    )
    skj_number = _profile_field("skj_number", required=False)
    registerplein_number = _profile_field("registerplein_number", required=False)
    big_number = _profile_field("big_number", required=False)
    vvn_number = _profile_field("vvn_number", required=False)

    PROFILE_FIELDS = ("display_name", "pseudonym", "organisation", "profession", *REGISTER_FIELDS)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        use_dutch_length_messages(self)

    def signup(self, request: Any, user: Any) -> None:
        services.create_profile(
            user=user, **{name: self.cleaned_data[name] for name in self.PROFILE_FIELDS}
        )


class ProfileForm(ProfileFieldsMixin, forms.ModelForm):
    class Meta:
        model = Profile
        fields = (
            "display_name",
            "pseudonym",
            "profession",
            *REGISTER_FIELDS,
            "notify_replies",
            "notify_mentions",
            "notify_moderation",
        )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance_user = self.instance.user
        self.fields["pseudonym"].required = True
        use_dutch_length_messages(self)


class RefusalForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden van afwijzing"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=MAX_REASON_LENGTH,
        help_text=_("Het lid krijgt deze tekst per e-mail."),
        error_messages={"required": services.ERROR_REASON_REQUIRED, "max_length": ERROR_TOO_LONG},
    )


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Je wachtwoord"),
        strip=False,
        max_length=MAX_PASSWORD_LENGTH,
        error_messages={"max_length": ERROR_TOO_LONG},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label=_("Ik begrijp dat mijn account en mijn gegevens definitief worden gewist."),
        error_messages={"required": _("Vink aan dat je dit begrijpt.")},
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(ERROR_WRONG_PASSWORD, code="wrong_password")
        return password
