"""Every ORM model, imported once so the metadata is complete (Alembic, tests)."""

from matbank.accounts.models import Account, FolderType
from matbank.auth.models import ApiToken
from matbank.buildings.models import Building
from matbank.databases.models import MaterialDatabase
from matbank.db import Base
from matbank.folders.models import Folder

metadata = Base.metadata

__all__ = [
    "Account",
    "ApiToken",
    "Building",
    "Folder",
    "FolderType",
    "MaterialDatabase",
    "metadata",
]
