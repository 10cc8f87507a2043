"""Evidence images drawn after the upload: a photo may have none yet.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this migration."""
    with op.batch_alter_table("photos", schema=None) as batch_op:
        batch_op.alter_column("evidence_sha256", existing_type=sa.String(length=64), nullable=True)
        batch_op.alter_column("faces_blurred", existing_type=sa.Integer(), nullable=True)
        batch_op.create_index(
            batch_op.f("ix_photos_evidence_sha256"), ["evidence_sha256"], unique=False
        )


def downgrade() -> None:
    """Revert this migration (photos without an evidence image must be drawn first)."""
    with op.batch_alter_table("photos", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_photos_evidence_sha256"))
        batch_op.alter_column("faces_blurred", existing_type=sa.Integer(), nullable=False)
        batch_op.alter_column("evidence_sha256", existing_type=sa.String(length=64), nullable=False)
