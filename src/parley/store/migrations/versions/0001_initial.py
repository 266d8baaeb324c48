"""Initial PostgreSQL schema: the same tables as schema.sql (version 1) for DuckDB.

Revision ID: 0001
Revises:
"""

from importlib import resources

from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TABLES = [
    "watch_state",
    "actors",
    "quotes",
    "proposals",
    "events",
    "time_refs",
    "mentions",
    "sentences",
    "raw_inputs",
    "documents",
    "meta",
]


def upgrade() -> None:
    # schema.sql is written in the SQL both stores share; only DOUBLE needs PostgreSQL's spelling.
    ddl = (resources.files("parley.store") / "schema.sql").read_text(encoding="utf-8")
    ddl = ddl.replace(" DOUBLE\n", " DOUBLE PRECISION\n").replace(" DOUBLE,", " DOUBLE PRECISION,")
    for statement in ddl.split(";"):
        lines = [line for line in statement.splitlines() if not line.strip().startswith("--")]
        if "".join(lines).strip():
            op.execute("\n".join(lines))
    op.execute("CREATE INDEX IF NOT EXISTS events_doc ON events (doc_id)")
    op.execute("CREATE INDEX IF NOT EXISTS events_source ON events (source)")
    op.execute("CREATE INDEX IF NOT EXISTS events_target ON events (target)")


def downgrade() -> None:
    for table in TABLES:
        op.execute(f"DROP TABLE IF EXISTS {table}")
