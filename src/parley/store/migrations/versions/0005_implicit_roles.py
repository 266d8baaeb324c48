"""Which roles of an event were taken from context rather than from words of its sentence.

Revision ID: 0005
Revises: 0004
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # 0001 builds from the current schema.sql, which already has the column; older databases lack it.
    op.execute("ALTER TABLE events ADD COLUMN IF NOT EXISTS implicit VARCHAR[]")


def downgrade() -> None:
    op.execute("ALTER TABLE events DROP COLUMN IF EXISTS implicit")
