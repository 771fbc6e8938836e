"""`flask files review`: the yearly re-study notices and closures, dry run first."""
from __future__ import annotations

import click
from flask.cli import AppGroup
from flask_babel import gettext as _

files = AppGroup("files", help="Keep applicants' files current: yearly re-study notices and closures.")


@files.command("review")
@click.option("--apply", "apply_", is_flag=True, help="Send the notices and close overdue files for real.")
def files_review(apply_: bool) -> None:
    """Dry run by default: who gets a re-study notice, whose file is closed for a missed update."""
    from sila.applicants.restudy import apply_review, due_for_review
    from sila.core.dates import today

    review = apply_review(today()) if apply_ else due_for_review(today())
    click.echo(_("Yearly re-study notices: %(notices)s — files closed for now: %(closures)s",
                 notices=len(review.notices), closures=len(review.closures))
               + ("" if apply_ else " " + _("(dry run: nothing changed)")))
    for applicant in review.closures:
        click.echo("  " + _("#%(id)s — re-study due %(day)s", id=applicant.id, day=applicant.next_restudy_on.isoformat()))
