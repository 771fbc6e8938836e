"""`flask retention run`: anonymizing applicants past the retention period, dry run first."""
from __future__ import annotations

import click
from flask.cli import AppGroup

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
        click.echo("لم تُحدَّد مدة الاحتفاظ في ملف الجمعية؛ لا شيء يُحذف.")
        return
    if not apply_:
        click.echo(f"مدة الاحتفاظ: {found.years} سنوات — يستحق إخفاء الهوية: {len(found.applicant_ids)} مستفيداً.")
        for applicant_id in found.applicant_ids:
            click.echo(f"  #{applicant_id}")
        click.echo(f"للتنفيذ: flask --app app retention run --apply --confirm {found.code}")
        return
    try:
        count = apply(today(), confirm)
    except ValueError as exc:
        raise click.ClickException("رمز التأكيد لا يطابق القائمة الحالية؛ شغّل الفحص التجريبي أولاً.") from exc
    click.echo(f"تم إخفاء هوية {count} مستفيداً.")
