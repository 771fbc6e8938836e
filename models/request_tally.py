"""How many requests stand in each status on each channel at each branch, kept by the database as they move.

The dashboard's stage and channel figures read this small table instead of
counting a million requests. Triggers on `requests` keep it, so every way a
request is written — the workflow, the portal, an import, the retention purge,
a bulk load with COPY — moves the count in the same transaction, and no code
path can forget to. On PostgreSQL the trigger is deferred to the commit, so a
tally row is locked only while its transaction commits, not while a portal
submission stores its files; and an update touches its two tally rows in one
fixed order (the smaller status/channel/branch triple first), so two transactions moving
requests in opposite directions wait for each other instead of deadlocking.
"""
from __future__ import annotations

from sqlalchemy import DDL, ForeignKey, Integer, String, event
from sqlalchemy.orm import Mapped, mapped_column

from models.base import db
from models.branch_path import OWN_BRANCH
from models.personal_data import FACT, SYSTEM, personal

POSTGRESQL_TRIGGERS = (
    "DROP FUNCTION IF EXISTS request_tallies_add(text, integer, integer)",
    """
    CREATE OR REPLACE FUNCTION request_tallies_add(tally_status text, tally_channel integer, tally_branch integer,
                                                   delta integer)
    RETURNS void LANGUAGE sql AS $$
        INSERT INTO request_tallies (status, channel_id, branch_id, requests)
        VALUES (tally_status, tally_channel, tally_branch, delta)
        ON CONFLICT (status, channel_id, branch_id)
        DO UPDATE SET requests = request_tallies.requests + EXCLUDED.requests
    $$
    """,
    """
    CREATE OR REPLACE FUNCTION request_tallies_follow() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'INSERT' THEN
            PERFORM request_tallies_add(NEW.status, NEW.channel_id, NEW.branch_id, 1);
        ELSIF TG_OP = 'DELETE' THEN
            PERFORM request_tallies_add(OLD.status, OLD.channel_id, OLD.branch_id, -1);
        ELSIF (OLD.status, OLD.channel_id, OLD.branch_id) < (NEW.status, NEW.channel_id, NEW.branch_id) THEN
            PERFORM request_tallies_add(OLD.status, OLD.channel_id, OLD.branch_id, -1);
            PERFORM request_tallies_add(NEW.status, NEW.channel_id, NEW.branch_id, 1);
        ELSIF (OLD.status, OLD.channel_id, OLD.branch_id) > (NEW.status, NEW.channel_id, NEW.branch_id) THEN
            PERFORM request_tallies_add(NEW.status, NEW.channel_id, NEW.branch_id, 1);
            PERFORM request_tallies_add(OLD.status, OLD.channel_id, OLD.branch_id, -1);
        END IF;
        RETURN NULL;
    END
    $$
    """,
    "DROP TRIGGER IF EXISTS request_tallies_follow ON requests",
    """
    CREATE CONSTRAINT TRIGGER request_tallies_follow AFTER INSERT OR DELETE OR UPDATE OF status, channel_id, branch_id
    ON requests DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION request_tallies_follow()
    """,
)
_SQLITE_ADD = """
    INSERT INTO request_tallies (status, channel_id, branch_id, requests)
    VALUES ({row}.status, {row}.channel_id, {row}.branch_id, {delta})
    ON CONFLICT (status, channel_id, branch_id) DO UPDATE SET requests = requests + {delta};
"""
SQLITE_TRIGGERS = (
    "CREATE TRIGGER IF NOT EXISTS request_tallies_insert AFTER INSERT ON requests BEGIN"
    + _SQLITE_ADD.format(row="NEW", delta=1) + "END",
    "CREATE TRIGGER IF NOT EXISTS request_tallies_delete AFTER DELETE ON requests BEGIN"
    + _SQLITE_ADD.format(row="OLD", delta=-1) + "END",
    "CREATE TRIGGER IF NOT EXISTS request_tallies_update AFTER UPDATE OF status, channel_id, branch_id ON requests"
    " WHEN OLD.status IS NOT NEW.status OR OLD.channel_id IS NOT NEW.channel_id OR OLD.branch_id IS NOT NEW.branch_id"
    " BEGIN" + _SQLITE_ADD.format(row="OLD", delta=-1) + _SQLITE_ADD.format(row="NEW", delta=1) + "END",
)
# Counts what is already there when the table is first made (the migration on a live database).
BACKFILL = (
    "INSERT INTO request_tallies (status, channel_id, branch_id, requests)"
    " SELECT status, channel_id, branch_id, count(*) FROM requests GROUP BY status, channel_id, branch_id"
)


def trigger_statements(dialect: str) -> tuple[str, ...]:
    """The statements that make the database keep the tallies, for this dialect."""
    return POSTGRESQL_TRIGGERS if dialect == "postgresql" else SQLITE_TRIGGERS


class RequestTally(db.Model):
    __tablename__ = "request_tallies"
    # Counts without a file, each at one branch: a branch's figures read its own rows.
    __branch__ = OWN_BRANCH

    status: Mapped[str] = mapped_column(String(24), primary_key=True, info=personal(FACT))
    channel_id: Mapped[int] = mapped_column(
        ForeignKey("channels.id", ondelete="CASCADE"), primary_key=True, info=personal(SYSTEM)
    )
    branch_id: Mapped[int] = mapped_column(
        ForeignKey("branches.id", ondelete="CASCADE"), primary_key=True, info=personal(SYSTEM)
    )
    requests: Mapped[int] = mapped_column(Integer, nullable=False, info=personal(FACT))


# Tables made by create_all (tests, `flask seed` on a new file) get the same triggers as a migrated database.
for _dialect in ("postgresql", "sqlite"):
    for _statement in trigger_statements(_dialect):
        event.listen(db.metadata, "after_create", DDL(_statement).execute_if(dialect=_dialect))
