"""The request tallies' triggers as migrations 0008 and 0011 made them, before 0016_service_area added the
branch: kept apart from models/request_tally.py so the chain replays the same history whatever the model holds today.
"""
POSTGRESQL_TRIGGERS = (
    """
    CREATE OR REPLACE FUNCTION request_tallies_add(tally_status text, tally_channel integer, delta integer)
    RETURNS void LANGUAGE sql AS $$
        INSERT INTO request_tallies (status, channel_id, requests) VALUES (tally_status, tally_channel, delta)
        ON CONFLICT (status, channel_id) DO UPDATE SET requests = request_tallies.requests + EXCLUDED.requests
    $$
    """,
    """
    CREATE OR REPLACE FUNCTION request_tallies_follow() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'INSERT' THEN
            PERFORM request_tallies_add(NEW.status, NEW.channel_id, 1);
        ELSIF TG_OP = 'DELETE' THEN
            PERFORM request_tallies_add(OLD.status, OLD.channel_id, -1);
        ELSIF (OLD.status, OLD.channel_id) < (NEW.status, NEW.channel_id) THEN
            PERFORM request_tallies_add(OLD.status, OLD.channel_id, -1);
            PERFORM request_tallies_add(NEW.status, NEW.channel_id, 1);
        ELSIF (OLD.status, OLD.channel_id) > (NEW.status, NEW.channel_id) THEN
            PERFORM request_tallies_add(NEW.status, NEW.channel_id, 1);
            PERFORM request_tallies_add(OLD.status, OLD.channel_id, -1);
        END IF;
        RETURN NULL;
    END
    $$
    """,
    "DROP TRIGGER IF EXISTS request_tallies_follow ON requests",
    """
    CREATE CONSTRAINT TRIGGER request_tallies_follow AFTER INSERT OR DELETE OR UPDATE OF status, channel_id
    ON requests DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION request_tallies_follow()
    """,
)
_SQLITE_ADD = """
    INSERT INTO request_tallies (status, channel_id, requests) VALUES ({row}.status, {row}.channel_id, {delta})
    ON CONFLICT (status, channel_id) DO UPDATE SET requests = requests + {delta};
"""
SQLITE_TRIGGERS = (
    "CREATE TRIGGER IF NOT EXISTS request_tallies_insert AFTER INSERT ON requests BEGIN"
    + _SQLITE_ADD.format(row="NEW", delta=1) + "END",
    "CREATE TRIGGER IF NOT EXISTS request_tallies_delete AFTER DELETE ON requests BEGIN"
    + _SQLITE_ADD.format(row="OLD", delta=-1) + "END",
    "CREATE TRIGGER IF NOT EXISTS request_tallies_update AFTER UPDATE OF status, channel_id ON requests"
    " WHEN OLD.status IS NOT NEW.status OR OLD.channel_id IS NOT NEW.channel_id BEGIN"
    + _SQLITE_ADD.format(row="OLD", delta=-1) + _SQLITE_ADD.format(row="NEW", delta=1) + "END",
)
# Counts what is already there when the table is first made (the migration on a live database).
BACKFILL = (
    "INSERT INTO request_tallies (status, channel_id, requests)"
    " SELECT status, channel_id, count(*) FROM requests GROUP BY status, channel_id"
)


def trigger_statements(dialect: str) -> tuple[str, ...]:
    return POSTGRESQL_TRIGGERS if dialect == "postgresql" else SQLITE_TRIGGERS
