"""``matbank init`` installs the generic database; ``matbank db import/export``."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from matbank.cli import app
from matbank.databases.catalogue import GENERIC_DATABASE_ID

runner = CliRunner()


@pytest.fixture
def fresh_db(tmp_path, monkeypatch):
    monkeypatch.setenv("MATBANK_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    assert runner.invoke(app, ["migrate"]).exit_code == 0
    return tmp_path


def test_init_installs_the_generic_database_and_db_export_writes_it(fresh_db):
    assert runner.invoke(app, ["init"]).exit_code == 0
    assert runner.invoke(app, ["init", "--if-needed"]).exit_code == 0
    out = fresh_db / "generic.csv"
    result = runner.invoke(app, ["db", "export", "--database", str(GENERIC_DATABASE_ID), str(out)])
    assert result.exit_code == 0, result.output
    assert "wrote 203 commodities" in result.output
    assert out.read_text(encoding="utf-8").startswith("external_id,commodity_type")


def test_db_import_new_and_into_an_existing_database(fresh_db):
    runner.invoke(app, ["init"])
    source = fresh_db / "in.csv"
    source.write_text(
        "external_id,commodity_type,functional_unit,name_en,name_nl,name_de,family_madaster,"
        "family_nlsfb,density_kg_m3,mass_per_unit_kg,lifespan_years,feedstock_recycled,"
        "feedstock_reused,feedstock_renewable,eol_reuse,eol_recycling,eol_landfill,"
        "eol_incineration,efficiency_recycling_input,efficiency_recycling_output,lca_compliance,"
        "lca_unit,gwp_a1_a3,gwp_a4,gwp_a5,gwp_c1,gwp_c2,gwp_c3,gwp_c4,gwp_d,odp_a1_a3,ap_a1_a3,"
        "ep_a1_a3,pocp_a1_a3,adpe_a1_a3,adpf_a1_a3,penrt_a1_a3,pert_a1_a3,terms_en,terms_nl,"
        "terms_de,terms_any,density_source,circularity_source,lca_source\n"
        "a,Material,Volume,Clay,,,stone,G2,1800,,50,,,,,1,,,,,,,,,,,,,,,,,,,,,,,clay,,,,s,s,s\n"
        "b,Material,Volume,Bad,,,stone,G2,,,50,,,,,1,,,,,,,,,,,,,,,,,,,,,,,,,,,s,s,s\n",
        encoding="utf-8",
    )
    created = runner.invoke(app, ["db", "import", str(source), "--new", "Mine"])
    assert created.exit_code == 0, created.output
    assert "1 created, 0 updated, 1 row(s) refused" in created.output
    assert "row 3: density_kg_m3 is required for a material" in created.output
    database = re.search(r"database ([0-9a-f-]{36})", created.output).group(1)
    again = runner.invoke(app, ["db", "import", str(source), "--database", database])
    assert "0 created, 1 updated" in again.output
    both = runner.invoke(app, ["db", "import", str(source)])
    assert both.exit_code != 0
    missing = runner.invoke(
        app, ["db", "import", str(source), "--database", "00000000-0000-0000-0000-0000000000aa"]
    )
    assert missing.exit_code == 2 and "No database" in missing.output
