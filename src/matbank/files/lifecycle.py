"""The building-file state machine.

[INTERP] The platform documents the statuses and the client flows, not a transition table;
this is matbank's reading of them (see docs/interpretations/files.md):

    Creating --upload--> Uploaded --import--> Importing --> Imported
    Imported --> Refining --> Mapping --> Mapped
    Creating/Mapped/failed --setimporting--> Importing (elements added through the API)
    Importing/Imported --startrefinement--> Refining
    Mapped/RefineFailed --restartrefinement--> Refining
    Importing --> ImportFailed | UnknownImportFile
    Refining/Mapping --> RefineFailed ;  any --> Error

Only a Mapped source file can be activated; information files are stored, never imported.
"""

from __future__ import annotations

from enum import StrEnum

from matbank.errors import Conflict


class FileStatus(StrEnum):
    ERROR = "Error"
    UPLOADED = "Uploaded"
    REFINED = "Refined"
    MAPPED = "Mapped"
    REFINING = "Refining"
    MAPPING = "Mapping"
    CREATING = "Creating"
    IMPORTING = "Importing"
    IMPORTED = "Imported"
    REFINE_FAILED = "RefineFailed"
    IMPORT_FAILED = "ImportFailed"
    UNKNOWN_IMPORT_FILE = "UnknownImportFile"


class FileType(StrEnum):
    SOURCE = "Source"
    INFORMATION = "Information"
    PASSPORT_PDF = "PassportPdf"
    PASSPORT_EXCEL = "PassportExcel"


S = FileStatus
_FAILED = {S.ERROR, S.REFINE_FAILED, S.IMPORT_FAILED, S.UNKNOWN_IMPORT_FILE}

ALLOWED: dict[str, frozenset[FileStatus]] = {
    # action -> statuses it may start from
    "upload": frozenset({S.CREATING, *_FAILED}),
    "setimporting": frozenset({S.CREATING, S.IMPORTING, S.IMPORTED, S.MAPPED, *_FAILED}),
    "edit_elements": frozenset({S.IMPORTING}),
    # Element overrides may change whenever no import or refinement job writes the elements.
    "edit_overrides": frozenset({S.IMPORTING, S.IMPORTED, S.MAPPED, S.REFINED, S.REFINE_FAILED}),
    "startrefinement": frozenset({S.IMPORTING, S.IMPORTED}),
    "restartrefinement": frozenset({S.MAPPED, S.REFINE_FAILED, S.REFINED}),
    "activate": frozenset({S.MAPPED}),
}

ACTION_WORDS = {
    "upload": "upload content to",
    "setimporting": "put into Importing",
    "edit_elements": "add, change or delete elements of",
    "edit_overrides": "change element overrides of",
    "startrefinement": "start refinement of",
    "restartrefinement": "restart refinement of",
    "activate": "activate",
}


def require(action: str, status: str, file_label: str) -> None:
    """Raise 409 naming the file's status when ``action`` is not allowed from it."""
    if FileStatus(status) not in ALLOWED[action]:
        allowed = ", ".join(sorted(s.value for s in ALLOWED[action]))
        raise Conflict(
            f"Cannot {ACTION_WORDS[action]} {file_label}: its status is {status} "
            f"(allowed from: {allowed}).",
            title="The file is not in a state that allows this.",
        )
