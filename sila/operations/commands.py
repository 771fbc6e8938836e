"""`flask backup` and `flask restore`: the operator's side of sila.operations.backup."""
from __future__ import annotations

from pathlib import Path

import click


@click.command("backup")
@click.argument("destination", type=click.Path(file_okay=False, path_type=Path), default="instance/backups")
def backup_command(destination: Path) -> None:
    """Back up the database and attachments into a new folder under DESTINATION."""
    from sila.operations.backup import backup

    click.echo(f"النسخة الاحتياطية: {backup(destination)}")


@click.command("restore")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Confirm that the current data will be replaced.")
def restore_command(folder: Path, yes: bool) -> None:
    """Replace the database and attachments with a backup folder's."""
    from sila.operations.backup import restore

    if not yes:
        raise click.ClickException("الاستعادة تستبدل البيانات الحالية كلها؛ أعد الأمر مع ‎--yes للتأكيد.")
    restore(folder)
    click.echo("تمت الاستعادة.")
