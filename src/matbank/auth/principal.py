"""Who is calling: the token's account, scope and permission level."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from matbank.auth.permissions import Action, PermissionLevel, ScopeKind, is_allowed
from matbank.errors import Forbidden


@dataclass(frozen=True, slots=True)
class Principal:
    token_id: uuid.UUID
    account_id: uuid.UUID
    scope_kind: ScopeKind
    scope_id: uuid.UUID
    permission: PermissionLevel
    # For folder-scoped tokens: the materialised path of the scoped folder.
    folder_path: str | None = None

    def require(self, action: Action) -> None:
        """Raise 403 unless this token's level allows ``action`` at its scope."""
        if not is_allowed(self.scope_kind, self.permission, action):
            raise Forbidden(
                f"A {self.permission.value} token scoped to a {self.scope_kind.value} "
                f"may not perform '{action.value}'."
            )

    @property
    def sees_whole_account(self) -> bool:
        return self.scope_kind is ScopeKind.ACCOUNT
