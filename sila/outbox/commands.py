"""`flask notifications send`: a manual run of the sender, for cron or an operator."""
from __future__ import annotations

import click
from flask.cli import AppGroup
from flask_babel import gettext as _

notifications = AppGroup("notifications", help="The outbox of messages to applicants.")


@notifications.command("send")
@click.option("--limit", default=200, show_default=True, help="At most this many messages in one run.")
def send_notifications(limit: int) -> None:
    """Send due messages; safe to run from several cron jobs or servers at once."""
    from flask import current_app

    from sila.outbox.backends import configured_backend
    from sila.outbox.sender import send_pending

    try:
        backend = configured_backend(current_app.config)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    outcome = send_pending(backend, limit)
    click.echo(_("Sent: %(sent)s — to be retried: %(retrying)s — failed: %(failed)s",
                 sent=outcome.sent, retrying=outcome.retrying, failed=outcome.failed))
