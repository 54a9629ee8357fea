"""Every ORM model, imported once so the metadata is complete (Alembic, tests)."""

from matbank.accounts.models import Account, FolderType
from matbank.audit.models import AuditEvent
from matbank.auth.models import ApiToken
from matbank.buildings.models import Building, BuildingResults
from matbank.commodities.models import (
    Commodity,
    CommodityChild,
    CommodityFile,
    CommodityFinancial,
    CommodityImage,
    CommodityLca,
    MatchingTerm,
)
from matbank.databases.models import MaterialDatabase
from matbank.db import Base
from matbank.elements.models import Element
from matbank.files.models import BuildingFile, BuildingImage
from matbank.folders.models import Folder
from matbank.jobs.models import Job
from matbank.passports.models import StoredPassportPreset
from matbank.presets.models import UploadPreset
from matbank.users.models import Membership, User, WebSession

metadata = Base.metadata

__all__ = [
    "Account",
    "ApiToken",
    "AuditEvent",
    "Building",
    "Commodity",
    "CommodityChild",
    "CommodityFile",
    "CommodityFinancial",
    "CommodityImage",
    "CommodityLca",
    "BuildingFile",
    "BuildingImage",
    "BuildingResults",
    "Element",
    "Folder",
    "FolderType",
    "Job",
    "MatchingTerm",
    "MaterialDatabase",
    "StoredPassportPreset",
    "UploadPreset",
    "Membership",
    "User",
    "WebSession",
    "metadata",
]
