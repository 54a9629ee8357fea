"""The folder tree as rows to render: depth-first, names in order, buildings under their
folder. Pure functions over what the services returned."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from matbank.accounts.models import FolderType
from matbank.buildings.models import Building
from matbank.folders.models import Folder


@dataclass
class TreeRow:
    depth: int
    folder: Folder
    type_name: str
    buildings: list[Building] = field(default_factory=list)


def folder_tree(
    folders: Sequence[Folder],
    buildings: Iterable[Building],
    folder_types: Sequence[FolderType],
    root: Folder | None = None,
) -> list[TreeRow]:
    """Rows for ``root``'s subtree (or for every visible top folder when there is none)."""
    if root is not None:
        folders = [f for f in folders if f.path.startswith(root.path)]
    ids = {f.id for f in folders}
    children: dict[uuid.UUID | None, list[Folder]] = defaultdict(list)
    for folder in folders:
        children[folder.parent_id if folder.parent_id in ids else None].append(folder)
    housed: dict[uuid.UUID, list[Building]] = defaultdict(list)
    for building in buildings:
        housed[building.folder_id].append(building)
    names = {t.id: t.name.get("en", t.key) for t in folder_types}
    rows: list[TreeRow] = []

    def visit(folder: Folder, depth: int) -> None:
        kept = sorted(housed.get(folder.id, []), key=lambda b: b.name.lower())
        rows.append(TreeRow(depth, folder, names.get(folder.folder_type_id, ""), kept))
        for child in sorted(children.get(folder.id, []), key=lambda f: f.name.lower()):
            visit(child, depth + 1)

    for top in sorted(children.get(None, []), key=lambda f: f.name.lower()):
        visit(top, 0)
    return rows


def ancestors(folder: Folder, visible: Sequence[Folder]) -> list[Folder]:
    """The visible folders above ``folder``, outermost first (for breadcrumbs)."""
    by_id = {f.id: f for f in visible}
    chain = [uuid.UUID(hex=part) for part in folder.path.strip("/").split("/")[:-1] if part]
    return [by_id[i] for i in chain if i in by_id]
