"""The words that name a quotation's speaker, kept beside the resolved speaker.

Revision ID: 0004
Revises: 0003
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # 0001 builds from the current schema.sql, which already has the column; older databases lack it.
    op.execute("ALTER TABLE quotes ADD COLUMN IF NOT EXISTS speaker_text VARCHAR")


def downgrade() -> None:
    op.execute("ALTER TABLE quotes DROP COLUMN IF EXISTS speaker_text")
