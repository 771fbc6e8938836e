"""Command-line entry points: `flask --app app seed` and `flask --app app users create`."""
from __future__ import annotations

from pathlib import Path

import click
from flask import Flask
from flask.cli import AppGroup

from models.base import db
from models.enums import Role
from models.user import User
from sila.core.errors import InvalidValue
from sila.core.passwords import check_password
from sila.settings.presets import PRESETS

users = AppGroup("users", help="Manage staff accounts.")


@users.command("create")
@click.option("--username", required=True)
@click.option("--full-name", required=True)
@click.option("--role", type=click.Choice([role.value for role in Role]), default=Role.admin.value, show_default=True)
@click.password_option(help="Prompted for (hidden) when not given.")
def create_user(username: str, full_name: str, role: str, password: str) -> None:
    """Create a staff account, e.g. the first administrator."""
    try:
        check_password(password, username)
    except InvalidValue as exc:
        raise click.ClickException(str(exc)) from exc
    if db.session.scalar(db.select(User).where(User.username == username)):
        raise click.ClickException(f"اسم المستخدم {username} مستخدم من قبل.")
    user = User(username=username, full_name=full_name, role=role)
    user.set_password(password)
    db.session.add(user)
    db.session.commit()
    click.echo(f"تم إنشاء المستخدم {username} ({role}).")


@click.command("seed")
@click.option("--preset", type=click.Choice(sorted(PRESETS)), required=True)
@click.option("--demo", is_flag=True, help="Also load demo users, applicants and requests.")
def seed(preset: str, demo: bool) -> None:
    """Load a policy preset (idempotent), and optionally demo data."""
    from sila.settings.presets.demo import ensure_demo_users, load_demo_requests
    from sila.settings.presets.demo_files import load_demo_files
    from sila.settings.presets.demo_meetings import load_demo_meetings
    from sila.settings.presets.seed import apply_preset

    try:
        organization = apply_preset(PRESETS[preset])
    except InvalidValue as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"الإعداد المسبق: {preset} — {organization.name}")
    if not demo:
        return
    logins = ensure_demo_users()
    created = load_demo_requests()
    if created:
        click.echo(f"تم تحميل بيانات تجريبية: {created} طلباً.")
    households = load_demo_files()
    if households:
        click.echo(f"وملفات أسر تجريبية: {households} أسرة، مع زيارات منزلية ومواعيد إعادة الدراسة.")
    agenda = load_demo_meetings()
    if agenda:
        click.echo(f"واجتماع تجريبي للجنة البحث بجدول أعمال من {agenda} طلبات.")
    click.echo("حسابات التجربة (اسم المستخدم / كلمة المرور / الدور):")
    for username, password, role in logins:
        click.echo(f"  {username:<12} {password:<24} {role}")


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
    click.echo(f"أُرسلت: {outcome.sent} — ستُعاد المحاولة: {outcome.retrying} — فشلت: {outcome.failed}")


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
    click.echo(
        f"جديد: {counts['create']} — تحديث: {counts['update']} — "
        f"دون تغيير: {counts['unchanged']} — مرفوض: {counts['refused']}"
    )
    for row in result.rows:
        if row.errors:
            click.echo(f"  السطر {row.line}: " + " / ".join(row.errors))
    if apply_:
        try:
            apply(result)
        except InvalidValue as exc:
            raise click.ClickException(str(exc)) from exc
        click.echo("تم الاستيراد.")


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


files = AppGroup("files", help="Keep applicants' files current: yearly re-study notices and closures.")


@files.command("review")
@click.option("--apply", "apply_", is_flag=True, help="Send the notices and close overdue files for real.")
def files_review(apply_: bool) -> None:
    """Dry run by default: who gets a re-study notice, whose file is closed for a missed update."""
    from sila.applicants.restudy import apply_review, due_for_review
    from sila.core.dates import today

    review = apply_review(today()) if apply_ else due_for_review(today())
    verb = "" if apply_ else " (فحص تجريبي: لم يتغير شيء)"
    click.echo(f"إشعارات التحديث السنوي: {len(review.notices)} — ملفات تُغلق مؤقتاً: {len(review.closures)}{verb}")
    for applicant in review.closures:
        click.echo(f"  #{applicant.id} — موعد التحديث {applicant.next_restudy_on.isoformat()}")


def register_commands(app: Flask) -> None:
    app.cli.add_command(files)
    app.cli.add_command(retention)
    app.cli.add_command(import_applicants)
    app.cli.add_command(seed)
    app.cli.add_command(users)
    app.cli.add_command(notifications)
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)
