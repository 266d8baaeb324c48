"""The coder's learned confidence in each event (coding/confidence.py).

Revision ID: 0006
Revises: 0005
"""

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # 0001 builds from the current schema.sql, which already has the column; older databases lack it.
    op.execute("ALTER TABLE events ADD COLUMN IF NOT EXISTS confidence DOUBLE PRECISION")


def downgrade() -> None:
    op.execute("ALTER TABLE events DROP COLUMN IF EXISTS confidence")
