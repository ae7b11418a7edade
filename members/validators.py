"""Format checks for what members type about themselves.

Register numbers are checked for their shape only (the registers publish no
checksum); a number that has the right shape may still not exist, which the
register itself finds when the provider reports attendance. Spaces and dots
that people copy from their register card are allowed and removed."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

PSEUDONYM_PATTERN = re.compile(r"^[\w][\w .\-]{1,38}[\w]$")
DOMAIN_PATTERN = re.compile(r"^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")

ERROR_PSEUDONYM_FORMAT = _(
    "Een schuilnaam heeft 3 tot 40 tekens: letters, cijfers, spaties, punten of streepjes, "
    "en begint en eindigt met een letter of cijfer."
)
ERROR_PSEUDONYM_EMAIL = _("Gebruik geen e-mailadres als schuilnaam: dat is naar jou herleidbaar.")
ERROR_DOMAIN = _("Vul een domein in zoals gemeente.nl, zonder @ en zonder http://.")
# Forms (error_messages["max_length"]) and services share this message.
ERROR_TOO_LONG = _(
    "Dit is te lang: gebruik hoogstens %(limit_value)d tekens (nu zijn het er %(show_value)d)."
)
MAX_REASON_LENGTH = 1000  # a refusal's reason, read by the member in an e-mail
MAX_PASSWORD_LENGTH = 1024  # hashing an unbounded password is unbounded work


def check_lengths(limits: dict[str, int], **values: str) -> None:
    """Raise one ValidationError naming every value longer than its limit."""
    errors = {
        name: ValidationError(
            ERROR_TOO_LONG,
            code="max_length",
            params={"limit_value": limits[name], "show_value": len(value)},
        )
        for name, value in values.items()
        if value is not None and len(value) > limits[name]
    }
    if errors:
        raise ValidationError(errors)


def normalise_register_number(value: str) -> str:
    return re.sub(r"[\s.\-]", "", value or "")


@deconstructible
class RegisterNumberValidator:
    def __init__(self, register: str, minimum: int, maximum: int, example: str) -> None:
        self.register, self.minimum, self.maximum, self.example = (
            register,
            minimum,
            maximum,
            example,
        )

    def __call__(self, value: str) -> None:
        number = normalise_register_number(value)
        if number.isdigit() and self.minimum <= len(number) <= self.maximum:
            return
        length = (
            _("%(n)s cijfers") % {"n": self.minimum}
            if self.minimum == self.maximum
            else _("%(min)s tot %(max)s cijfers") % {"min": self.minimum, "max": self.maximum}
        )
        raise ValidationError(
            _("Een %(register)s-nummer bestaat uit %(length)s, bijvoorbeeld %(example)s.")
            % {"register": self.register, "length": length, "example": self.example},
            code="register_number",
        )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RegisterNumberValidator) and (
            (self.register, self.minimum, self.maximum, self.example)
            == (other.register, other.minimum, other.maximum, other.example)
        )

    def __hash__(self) -> int:
        return hash((self.register, self.minimum, self.maximum))


validate_skj_number = RegisterNumberValidator("SKJ", 5, 9, "100012345")
validate_registerplein_number = RegisterNumberValidator("Registerplein", 4, 8, "123456")
validate_big_number = RegisterNumberValidator("BIG", 11, 11, "19012345601")
validate_vvn_number = RegisterNumberValidator("V&VN", 5, 9, "1234567")


def validate_pseudonym(value: str) -> None:
    if "@" in value:
        raise ValidationError(ERROR_PSEUDONYM_EMAIL, code="pseudonym_email")
    if not PSEUDONYM_PATTERN.match(value):
        raise ValidationError(ERROR_PSEUDONYM_FORMAT, code="pseudonym_format")


def validate_email_domain(value: str) -> None:
    if not DOMAIN_PATTERN.match((value or "").strip().lower().lstrip("@")):
        raise ValidationError(ERROR_DOMAIN, code="domain")
