"""Levels a person can hold and the shapes of the forms that manage people and tokens."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from matbank.auth.permissions import Lifespan, PermissionLevel

MIN_PASSWORD_LENGTH = 12


class UserLevel(StrEnum):
    """The four token levels plus Billing (subscriptions and passports, no object data)."""

    ADMINISTRATOR = "Administrator"
    MANAGER_CONTRIBUTOR = "ManagerAndContributorToDatabase"
    MANAGER = "Manager"
    READER = "Reader"
    BILLING = "Billing"

    @property
    def rank(self) -> int:
        return _RANKS[self]

    @property
    def label(self) -> str:
        return LEVEL_LABELS[self.value]

    def as_permission(self) -> PermissionLevel:
        """The token level whose rights this role has on data (Billing reads, like a Reader)."""
        if self is UserLevel.BILLING:
            return PermissionLevel.READER
        return PermissionLevel(self.value)


_RANKS = {
    UserLevel.ADMINISTRATOR: 4,
    UserLevel.MANAGER_CONTRIBUTOR: 3,
    UserLevel.MANAGER: 2,
    UserLevel.READER: 1,
    UserLevel.BILLING: 0,
}

LEVEL_LABELS = {
    "Administrator": "Administrator",
    "ManagerAndContributorToDatabase": "Manager & Contributor to database",
    "Manager": "Manager",
    "Reader": "Reader",
    "Billing": "Billing",
}

LIFESPAN_LABELS = {
    Lifespan.ONE_YEAR: "One year",
    Lifespan.TWO_YEARS: "Two years",
    Lifespan.INFINITE: "Infinite",
}

# Deliberately loose: one "@", no spaces, a dot in the domain; the mailbox is the user's word.
_EMAIL = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"


def normalise_email(value: str) -> str:
    return value.strip().lower()


Email = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=320, pattern=_EMAIL),
    AfterValidator(normalise_email),
]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Password = Annotated[str, Field(min_length=MIN_PASSWORD_LENGTH, max_length=1024)]


class _Form(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class InviteForm(_Form):
    email: Email
    level: UserLevel


class TokenForm(_Form):
    name: Name
    level: PermissionLevel
    lifespan: Lifespan


class TokenEditForm(_Form):
    name: Name
    level: PermissionLevel


class NewPasswordForm(_Form):
    password: Password
    confirm: str
