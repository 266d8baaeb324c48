"""CAMEO code beside the PLOVER type on every event.

Revision ID: 0002
Revises: 0001
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # 0001 builds from the current schema.sql, which already has the column; older databases lack it.
    op.execute("ALTER TABLE events ADD COLUMN IF NOT EXISTS cameo VARCHAR")


def downgrade() -> None:
    op.execute("ALTER TABLE events DROP COLUMN IF EXISTS cameo")
