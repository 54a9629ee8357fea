"""The ÖKOBAUDAT reader on its own: module cells, phase order and the descriptive columns."""

import io

from matbank.importers import oekobaudat
from matbank.importers.commodity_records import CommodityRecord, RowError

HEADER = "UUID;Version;Name (de);Laenderkennung;Bezugsgroesse;Bezugseinheit;Modul;GWP;ODP\n"


def _read(lines: list[str]) -> list[CommodityRecord | RowError]:
    return list(oekobaudat.read(io.StringIO(HEADER + "\n".join(lines) + "\n", newline="")))


def test_padded_module_cells_are_read_and_phases_follow_en_15804_order():
    (record,) = _read(
        [
            "u-1;01.00.000;Ziegel;DE;1;kg; D ;-0.5;",
            "u-1;01.00.000;Ziegel;DE;1;kg;C4;0.25;1e-9",
            "u-1;01.00.000;Ziegel;DE;1;kg;A1-A3 ;2;",
        ]
    )
    assert isinstance(record, CommodityRecord)
    (lca,) = record.lcas
    assert [p["phaseId"] for p in lca["phases"]] == ["A1_A3", "C4", "D"]
    block = oekobaudat.A1_BLOCK
    assert lca["phases"][1][block] == {
        "globalWarmingPotential": 0.25,
        "ozoneDeplationPotential": 1e-9,
    }
    assert lca["phases"][2][block] == {"globalWarmingPotential": -0.5}
    assert lca["UUID"] == "u-1" and lca["version"] == "01.00.000" and lca["isoCode"] == "de"


def test_an_unknown_module_is_reported_with_its_row_and_the_dataset_kept():
    found = _read(
        [
            "u-1;01.00.000;Ziegel;DE;1;kg;A1-A3;2;",
            "u-1;01.00.000;Ziegel;DE;1;kg; X9 ;3;",
        ]
    )
    assert found[0] == RowError(3, "Modul 'X9' is not an EN 15804 module")
    assert isinstance(found[1], CommodityRecord) and len(found[1].lcas[0]["phases"]) == 1
