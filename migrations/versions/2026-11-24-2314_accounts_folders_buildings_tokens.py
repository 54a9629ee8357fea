"""Accounts, folder types, folders, buildings, API tokens and material databases.

Revision ID: daf5943a2277
Revises:
Create Date: 2026-11-24 23:14:43.271232
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import matbank.db

revision = "daf5943a2277"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "accounts",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("account_type", sa.String(length=32), nullable=False),
        sa.Column("created_at", matbank.db.UtcDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_accounts")),
    )
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("account_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("last_four", sa.String(length=4), nullable=False),
        sa.Column("scope_kind", sa.String(length=16), nullable=False),
        sa.Column("scope_id", sa.Uuid(), nullable=False),
        sa.Column("permission", sa.String(length=40), nullable=False),
        sa.Column("lifespan", sa.String(length=16), nullable=False),
        sa.Column("created_at", matbank.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", matbank.db.UtcDateTime(timezone=True), nullable=True),
        sa.Column("last_used_at", matbank.db.UtcDateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", matbank.db.UtcDateTime(timezone=True), nullable=True),
        sa.Column("created_by", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_api_tokens_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_tokens")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_api_tokens_token_hash")),
    )
    with op.batch_alter_table("api_tokens", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_api_tokens_account_id"), ["account_id"], unique=False)
        batch_op.create_index("ix_api_tokens_scope", ["scope_kind", "scope_id"], unique=False)

    op.create_table(
        "folder_types",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("account_id", sa.Uuid(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.JSON(), nullable=False),
        sa.Column("plural_name", sa.JSON(), nullable=False),
        sa.Column("description", sa.JSON(), nullable=False),
        sa.Column("allow_buildings", sa.Boolean(), nullable=False),
        sa.Column("allowed_directly_under_account", sa.Boolean(), nullable=False),
        sa.Column("has_address", sa.Boolean(), nullable=False),
        sa.Column("has_spatial_coordinates", sa.Boolean(), nullable=False),
        sa.Column("allowed_sub_folder_type_ids", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_folder_types_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_folder_types")),
    )
    with op.batch_alter_table("folder_types", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_folder_types_account_id"), ["account_id"], unique=False
        )

    op.create_table(
        "material_databases",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("account_id", sa.Uuid(), nullable=True),
        sa.Column("owner_kind", sa.String(length=16), nullable=False),
        sa.Column("owner_id", sa.Uuid(), nullable=True),
        sa.Column("external_id", sa.String(length=200), nullable=True),
        sa.Column("names", sa.JSON(), nullable=False),
        sa.Column("description", sa.JSON(), nullable=False),
        sa.Column("license", sa.JSON(), nullable=False),
        sa.Column("initially_selected_for_enrichment", sa.Boolean(), nullable=False),
        sa.Column("available_in_countries", sa.JSON(), nullable=True),
        sa.Column("is_available_for_everybody", sa.Boolean(), nullable=False),
        sa.Column("created_at", matbank.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", matbank.db.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_material_databases_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_material_databases")),
        sa.UniqueConstraint(
            "account_id", "external_id", name=op.f("uq_material_databases_account_id_external_id")
        ),
    )
    with op.batch_alter_table("material_databases", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_material_databases_account_id"), ["account_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_material_databases_owner_id"), ["owner_id"], unique=False
        )

    op.create_table(
        "folders",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("account_id", sa.Uuid(), nullable=False),
        sa.Column("parent_id", sa.Uuid(), nullable=True),
        sa.Column("path", sa.String(length=2000), nullable=False),
        sa.Column("folder_type_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=400), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("owner", sa.String(length=400), nullable=True),
        sa.Column("external_id", sa.String(length=200), nullable=True),
        sa.Column("created_at", matbank.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", matbank.db.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_folders_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["folder_type_id"],
            ["folder_types.id"],
            name=op.f("fk_folders_folder_type_id_folder_types"),
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["folders.id"],
            name=op.f("fk_folders_parent_id_folders"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_folders")),
        sa.UniqueConstraint(
            "account_id", "external_id", name=op.f("uq_folders_account_id_external_id")
        ),
    )
    with op.batch_alter_table("folders", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_folders_account_id"), ["account_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_folders_parent_id"), ["parent_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_folders_path"), ["path"], unique=False)

    op.create_table(
        "buildings",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("account_id", sa.Uuid(), nullable=False),
        sa.Column("folder_id", sa.Uuid(), nullable=False),
        sa.Column("external_id", sa.String(length=200), nullable=True),
        sa.Column("name", sa.String(length=400), nullable=False),
        sa.Column("phase", sa.String(length=16), nullable=False),
        sa.Column("design_stage", sa.String(length=32), nullable=False),
        sa.Column("cadastral_designation", sa.String(length=400), nullable=True),
        sa.Column("cadastral_area", sa.Integer(), nullable=False),
        sa.Column("parcel_number", sa.String(length=400), nullable=True),
        sa.Column("public_law_restriction", sa.Text(), nullable=True),
        sa.Column("completion_date", matbank.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("last_renovation_date", matbank.db.UtcDateTime(timezone=True), nullable=True),
        sa.Column("address_street", sa.String(length=400), nullable=True),
        sa.Column("address_housenumber", sa.String(length=40), nullable=True),
        sa.Column("address_housenumber_addition", sa.String(length=40), nullable=True),
        sa.Column("address_zipcode", sa.String(length=40), nullable=True),
        sa.Column("address_city", sa.String(length=400), nullable=True),
        sa.Column("address_country", sa.String(length=400), nullable=True),
        sa.Column("building_usage", sa.String(length=100), nullable=False),
        sa.Column("building_usage_other_description", sa.String(length=400), nullable=True),
        sa.Column("gross_surface_area", sa.Float(), nullable=True),
        sa.Column("gross_internal_area", sa.Float(), nullable=True),
        sa.Column("gross_asset_value", sa.Float(), nullable=True),
        sa.Column("energy_label", sa.String(length=40), nullable=True),
        sa.Column("beng1", sa.Float(), nullable=True),
        sa.Column("beng2", sa.Float(), nullable=True),
        sa.Column("beng3", sa.Float(), nullable=True),
        sa.Column("rto", sa.Float(), nullable=True),
        sa.Column("energy_index", sa.Float(), nullable=True),
        sa.Column("expected_lifespan", sa.Integer(), nullable=True),
        sa.Column("expected_lifespan_structure", sa.Integer(), nullable=True),
        sa.Column("expected_lifespan_skin", sa.Integer(), nullable=True),
        sa.Column("expected_lifespan_services", sa.Integer(), nullable=True),
        sa.Column("expected_lifespan_space_plan", sa.Integer(), nullable=True),
        sa.Column("expected_lifespan_stuff", sa.Integer(), nullable=True),
        sa.Column("breeam_label", sa.Integer(), nullable=False),
        sa.Column("breeam_registration_number", sa.String(length=100), nullable=True),
        sa.Column("gpr_score_energy", sa.Float(), nullable=True),
        sa.Column("gpr_score_health", sa.Float(), nullable=True),
        sa.Column("gpr_score_future_value", sa.Float(), nullable=True),
        sa.Column("gpr_score_usage_quality", sa.Float(), nullable=True),
        sa.Column("gpr_score_environment", sa.Float(), nullable=True),
        sa.Column("mpg_label", sa.Float(), nullable=True),
        sa.Column("leed_label", sa.String(length=100), nullable=True),
        sa.Column("well_score_building", sa.Integer(), nullable=True),
        sa.Column("well_score_interior", sa.Integer(), nullable=True),
        sa.Column("well_score_core_and_shell", sa.Integer(), nullable=True),
        sa.Column("classification_type", sa.Uuid(), nullable=True),
        sa.Column("material_classification_type_id", sa.String(length=64), nullable=False),
        sa.Column("prepared_by", sa.String(length=400), nullable=True),
        sa.Column("owner_name", sa.String(length=400), nullable=True),
        sa.Column("owner_address_line1", sa.String(length=400), nullable=True),
        sa.Column("owner_address_line2", sa.String(length=400), nullable=True),
        sa.Column("owner_zipcode", sa.String(length=40), nullable=True),
        sa.Column("owner_city", sa.String(length=400), nullable=True),
        sa.Column("owner_country_id", sa.String(length=64), nullable=True),
        sa.Column("geo_latitude", sa.Float(), nullable=True),
        sa.Column("geo_longitude", sa.Float(), nullable=True),
        sa.Column("is_dirty", sa.Boolean(), nullable=False),
        sa.Column("has_dirty_elements", sa.Boolean(), nullable=False),
        sa.Column("most_recent_bim_info", matbank.db.UtcDateTime(timezone=True), nullable=True),
        sa.Column("created_at", matbank.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", matbank.db.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_buildings_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["folder_id"], ["folders.id"], name=op.f("fk_buildings_folder_id_folders")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_buildings")),
        sa.UniqueConstraint(
            "account_id", "external_id", name=op.f("uq_buildings_account_id_external_id")
        ),
    )
    with op.batch_alter_table("buildings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_buildings_account_id"), ["account_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_buildings_folder_id"), ["folder_id"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("buildings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_buildings_folder_id"))
        batch_op.drop_index(batch_op.f("ix_buildings_account_id"))

    op.drop_table("buildings")
    with op.batch_alter_table("folders", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_folders_path"))
        batch_op.drop_index(batch_op.f("ix_folders_parent_id"))
        batch_op.drop_index(batch_op.f("ix_folders_account_id"))

    op.drop_table("folders")
    with op.batch_alter_table("material_databases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_material_databases_owner_id"))
        batch_op.drop_index(batch_op.f("ix_material_databases_account_id"))

    op.drop_table("material_databases")
    with op.batch_alter_table("folder_types", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_folder_types_account_id"))

    op.drop_table("folder_types")
    with op.batch_alter_table("api_tokens", schema=None) as batch_op:
        batch_op.drop_index("ix_api_tokens_scope")
        batch_op.drop_index(batch_op.f("ix_api_tokens_account_id"))

    op.drop_table("api_tokens")
    op.drop_table("accounts")
