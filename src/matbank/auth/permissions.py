"""Permission levels, token scopes and the rights table.

The rights follow the platform's permission tables (account, folder and object level):
a Reader never writes, only an Administrator deletes folders and buildings or creates
and deletes databases, and creating sub-folders inside a folder is an Administrator
right while creating folders at account level is open to every writing level.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum


class PermissionLevel(StrEnum):
    ADMINISTRATOR = "Administrator"
    MANAGER_CONTRIBUTOR = "ManagerAndContributorToDatabase"
    MANAGER = "Manager"
    READER = "Reader"


class ScopeKind(StrEnum):
    ACCOUNT = "account"
    FOLDER = "folder"
    BUILDING = "building"
    DATABASE = "database"


class Lifespan(StrEnum):
    ONE_YEAR = "one-year"
    TWO_YEARS = "two-years"
    INFINITE = "infinite"

    def expiry(self, created_at: datetime) -> datetime | None:
        """When a token created at ``created_at`` stops working (None: never)."""
        if self is Lifespan.ONE_YEAR:
            return created_at + timedelta(days=365)
        if self is Lifespan.TWO_YEARS:
            return created_at + timedelta(days=730)
        return None


class Action(StrEnum):
    READ = "read"
    FOLDER_CREATE = "folder.create"
    FOLDER_UPDATE = "folder.update"
    FOLDER_DELETE = "folder.delete"
    BUILDING_CREATE = "building.create"
    BUILDING_UPDATE = "building.update"
    BUILDING_DELETE = "building.delete"
    DATABASE_CREATE = "database.create"
    DATABASE_UPDATE = "database.update"
    DATABASE_DELETE = "database.delete"
    DATABASE_CONTRIBUTE = "database.contribute"
    PASSPORT_EXPORT = "passport.export"


A = PermissionLevel.ADMINISTRATOR
MC = PermissionLevel.MANAGER_CONTRIBUTOR
M = PermissionLevel.MANAGER
R = PermissionLevel.READER
_WRITERS = frozenset({A, MC, M})
_ADMIN = frozenset({A})
_CONTRIBUTORS = frozenset({A, MC})
_EVERYONE = frozenset({A, MC, M, R})

RIGHTS: dict[ScopeKind, dict[Action, frozenset[PermissionLevel]]] = {
    ScopeKind.ACCOUNT: {
        Action.READ: _EVERYONE,
        Action.FOLDER_CREATE: _WRITERS,
        Action.FOLDER_UPDATE: _WRITERS,
        Action.FOLDER_DELETE: _ADMIN,
        Action.BUILDING_CREATE: _WRITERS,
        Action.BUILDING_UPDATE: _WRITERS,
        Action.BUILDING_DELETE: _ADMIN,
        Action.DATABASE_CREATE: _ADMIN,
        Action.DATABASE_UPDATE: _CONTRIBUTORS,
        Action.DATABASE_DELETE: _ADMIN,
        Action.DATABASE_CONTRIBUTE: _CONTRIBUTORS,
        Action.PASSPORT_EXPORT: _WRITERS,
    },
    ScopeKind.FOLDER: {
        Action.READ: _EVERYONE,
        Action.FOLDER_CREATE: _ADMIN,
        Action.FOLDER_UPDATE: _WRITERS,
        Action.FOLDER_DELETE: _ADMIN,
        Action.BUILDING_CREATE: _WRITERS,
        Action.BUILDING_UPDATE: _WRITERS,
        Action.BUILDING_DELETE: _ADMIN,
        Action.DATABASE_CREATE: _ADMIN,
        Action.DATABASE_UPDATE: _CONTRIBUTORS,
        Action.DATABASE_DELETE: _ADMIN,
        Action.DATABASE_CONTRIBUTE: _CONTRIBUTORS,
        Action.PASSPORT_EXPORT: _WRITERS,
    },
    ScopeKind.BUILDING: {
        Action.READ: _EVERYONE,
        Action.BUILDING_UPDATE: _WRITERS,
        Action.BUILDING_DELETE: _ADMIN,
        Action.DATABASE_CREATE: _ADMIN,
        Action.DATABASE_UPDATE: _CONTRIBUTORS,
        Action.DATABASE_DELETE: _ADMIN,
        Action.DATABASE_CONTRIBUTE: _CONTRIBUTORS,
        Action.PASSPORT_EXPORT: _WRITERS,
    },
    ScopeKind.DATABASE: {
        Action.READ: _EVERYONE,
        Action.DATABASE_UPDATE: _CONTRIBUTORS,
        Action.DATABASE_DELETE: _ADMIN,
        Action.DATABASE_CONTRIBUTE: _CONTRIBUTORS,
    },
}


def is_allowed(scope: ScopeKind, level: PermissionLevel, action: Action) -> bool:
    """Whether a token of ``level`` scoped to a ``scope`` resource may perform ``action``."""
    return level in RIGHTS[scope].get(action, frozenset())


LEVEL_ALIASES = {
    "administrator": A,
    "admin": A,
    "manager-contributor": MC,
    "manager_contributor": MC,
    "managerandcontributortodatabase": MC,
    "contributor": MC,
    "manager": M,
    "reader": R,
}


def parse_level(text: str) -> PermissionLevel:
    """Accept the wire value or a friendly alias (``manager-contributor``)."""
    key = text.strip().lower().replace(" ", "").replace("&", "and")
    if key in LEVEL_ALIASES:
        return LEVEL_ALIASES[key]
    for level in PermissionLevel:
        if level.value.lower() == key:
            return level
    choices = ", ".join(sorted({"administrator", "manager-contributor", "manager", "reader"}))
    raise ValueError(f"unknown permission level {text!r}; choose one of {choices}")
