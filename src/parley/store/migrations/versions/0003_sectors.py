"""Source and target sectors on every event (government, military, police, ...).

Revision ID: 0003
Revises: 0002
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # 0001 builds from the current schema.sql, which already has the columns; older databases lack them.
    op.execute("ALTER TABLE events ADD COLUMN IF NOT EXISTS source_sector VARCHAR")
    op.execute("ALTER TABLE events ADD COLUMN IF NOT EXISTS target_sector VARCHAR")


def downgrade() -> None:
    op.execute("ALTER TABLE events DROP COLUMN IF EXISTS target_sector")
    op.execute("ALTER TABLE events DROP COLUMN IF EXISTS source_sector")
