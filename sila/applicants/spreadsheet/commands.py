"""`flask import-applicants`: the spreadsheet import from the shell, with the same dry run as the screen."""
from __future__ import annotations

from pathlib import Path

import click
from flask_babel import gettext as _

from sila.core.errors import InvalidValue


@click.command("import-applicants")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--apply", "apply_", is_flag=True, help="Import for real; without it only the dry run is shown.")
def import_applicants(file: Path, apply_: bool) -> None:
    """Import applicants from an XLSX or CSV file, mapping its columns by their (Arabic) headers."""
    from sila.applicants.spreadsheet.columns import guess_all
    from sila.applicants.spreadsheet.plan import apply, plan
    from sila.applicants.spreadsheet.reader import rows

    data = file.read_bytes()
    try:
        headers = next(rows(data, file.name), [])
        result = plan(data, file.name, guess_all(headers))
    except InvalidValue as exc:
        raise click.ClickException(str(exc)) from exc
    counts = result.counts
    click.echo(_(
        "New: %(create)s — updated: %(update)s — unchanged: %(unchanged)s — refused: %(refused)s",
        create=counts["create"], update=counts["update"], unchanged=counts["unchanged"], refused=counts["refused"],
    ))
    for row in result.rows:
        if row.errors:
            click.echo("  " + _("Line %(line)s: %(errors)s", line=row.line, errors=" / ".join(row.errors)))
    if apply_:
        try:
            apply(result)
        except InvalidValue as exc:
            raise click.ClickException(str(exc)) from exc
        click.echo(_("Imported."))
