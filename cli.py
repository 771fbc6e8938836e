"""Command-line entry points: `flask --app app seed` and `flask --app app users create`."""
from __future__ import annotations

from pathlib import Path

import click
from flask import Flask
from flask.cli import AppGroup

from domain.invalid import InvalidValue
from domain.passwords import check_password
from models.base import db
from models.enums import Role
from models.user import User
from presets import PRESETS

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
    from presets.demo import ensure_demo_users, load_demo_requests
    from presets.seed import apply_preset

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
    click.echo("حسابات التجربة (اسم المستخدم / كلمة المرور / الدور):")
    for username, password, role in logins:
        click.echo(f"  {username:<12} {password:<24} {role}")


notifications = AppGroup("notifications", help="The outbox of messages to applicants.")


@notifications.command("send")
@click.option("--limit", default=200, show_default=True, help="At most this many messages in one run.")
def send_notifications(limit: int) -> None:
    """Send due messages; safe to run from several cron jobs or servers at once."""
    from flask import current_app

    from notifications.backends import configured_backend
    from notifications.sender import send_pending

    outcome = send_pending(configured_backend(current_app.config["SILA_NOTIFY_BACKEND"]), limit)
    click.echo(f"أُرسلت: {outcome.sent} — ستُعاد المحاولة: {outcome.retrying} — فشلت: {outcome.failed}")


@click.command("backup")
@click.argument("destination", type=click.Path(file_okay=False, path_type=Path), default="instance/backups")
def backup_command(destination: Path) -> None:
    """Back up the database and attachments into a new folder under DESTINATION."""
    from operations.backup import backup

    click.echo(f"النسخة الاحتياطية: {backup(destination)}")


@click.command("restore")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Confirm that the current data will be replaced.")
def restore_command(folder: Path, yes: bool) -> None:
    """Replace the database and attachments with a backup folder's."""
    from operations.backup import restore

    if not yes:
        raise click.ClickException("الاستعادة تستبدل البيانات الحالية كلها؛ أعد الأمر مع ‎--yes للتأكيد.")
    restore(folder)
    click.echo("تمت الاستعادة.")


def register_commands(app: Flask) -> None:
    app.cli.add_command(seed)
    app.cli.add_command(users)
    app.cli.add_command(notifications)
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)
