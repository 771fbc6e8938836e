"""`flask users create`: staff accounts from the shell, e.g. the first administrator before anyone can log in."""
from __future__ import annotations

import click
from flask.cli import AppGroup
from flask_babel import gettext as _

from models.base import db
from models.enums import Role
from models.user import User
from sila.core.errors import InvalidValue
from sila.core.passwords import check_password

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
        raise click.ClickException(_("The username %(username)s is already taken.", username=username))
    user = User(username=username, full_name=full_name, role=role)
    user.set_password(password)
    db.session.add(user)
    db.session.commit()
    click.echo(_("User %(username)s (%(role)s) created.", username=username, role=role))
