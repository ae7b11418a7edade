"""The registers a course may be accredited with, and which of a member's numbers
each register asks for."""

from __future__ import annotations

from collections.abc import Mapping

from django.db import models
from django.utils.translation import gettext_lazy as _


class Register(models.TextChoices):
    SKJ = "SKJ", _("SKJ (Stichting Kwaliteitsregister Jeugd)")
    REGISTERPLEIN = "Registerplein", _("Registerplein")
    VVN = "V&VN", _("V&VN Kwaliteitsregister")


# Which profile number a register asks for on its attendance list.
REGISTER_NUMBER_KEYS = {
    Register.SKJ: ("SKJ",),
    Register.REGISTERPLEIN: ("Registerplein",),
    Register.VVN: ("V&VN", "BIG"),
}


def number_for_register(numbers: Mapping[str, str], register: str) -> str:
    """The holder's number that `register` asks for, from a {register: number} map."""
    keys = REGISTER_NUMBER_KEYS.get(register, (register,))  # type: ignore[call-overload]
    return next((numbers[key] for key in keys if numbers.get(key)), "")
