"""`flask backup` and `flask restore`: the operator's side of sila.operations.backup."""
from __future__ import annotations

from pathlib import Path

import click
from flask_babel import gettext as _


@click.command("backup")
@click.argument("destination", type=click.Path(file_okay=False, path_type=Path), default="instance/backups")
def backup_command(destination: Path) -> None:
    """Back up the database and attachments into a new folder under DESTINATION."""
    from sila.operations.backup import backup

    click.echo(_("Backup: %(folder)s", folder=backup(destination)))


@click.command("restore")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Confirm that the current data will be replaced.")
def restore_command(folder: Path, yes: bool) -> None:
    """Replace the database and attachments with a backup folder's."""
    from sila.operations.backup import restore

    if not yes:
        raise click.ClickException(_("A restore replaces all the current data; run the command again with --yes to confirm."))
    restore(folder)
    click.echo(_("Restored."))
