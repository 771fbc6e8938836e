"""`flask retention run`: anonymizing applicants past the retention period, dry run first."""
from __future__ import annotations

import click
from flask.cli import AppGroup
from flask_babel import gettext as _

retention = AppGroup("retention", help="Anonymize applicants after the organization's retention period.")


@retention.command("run")
@click.option("--apply", "apply_", is_flag=True, help="Anonymize for real (needs --confirm).")
@click.option("--confirm", default="", help="The code the dry run printed for the same list.")
def retention_run(apply_: bool, confirm: str) -> None:
    """Dry run by default: lists who would be anonymized and prints the code that --apply needs."""
    from sila.core.dates import today
    from sila.privacy.retention import apply, eligible

    found = eligible(today())
    if found.years is None:
        click.echo(_("No retention period is set in the organization profile; nothing is erased."))
        return
    if not apply_:
        click.echo(_("Retention period: %(years)s years — due for anonymizing: %(count)s beneficiaries.",
                     years=found.years, count=len(found.applicant_ids)))
        for applicant_id in found.applicant_ids:
            click.echo(f"  #{applicant_id}")
        click.echo(_("To apply: %(command)s", command=f"flask --app app retention run --apply --confirm {found.code}"))
        return
    try:
        count = apply(today(), confirm)
    except ValueError as exc:
        raise click.ClickException(_("The confirmation code does not match the current list; run the dry run first.")) from exc
    click.echo(_("%(count)s beneficiaries anonymized.", count=count))
