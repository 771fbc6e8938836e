"""`flask seed`: a policy preset, and the demo data `make run` shows."""
from __future__ import annotations

import click
from flask_babel import gettext as _

from sila.core.errors import InvalidValue
from sila.settings.presets import PRESETS


@click.command("seed")
@click.option("--preset", type=click.Choice(sorted(PRESETS)), required=True)
@click.option("--demo", is_flag=True, help="Also load demo users, applicants and requests.")
def seed(preset: str, demo: bool) -> None:
    """Load a policy preset (idempotent), and optionally demo data."""
    from sila.settings.presets.demo import ensure_demo_users, load_demo_requests
    from sila.settings.presets.demo_aid import load_demo_aid
    from sila.settings.presets.demo_branches import ensure_demo_branches
    from sila.settings.presets.demo_files import load_demo_files
    from sila.settings.presets.demo_meetings import load_demo_meetings
    from sila.settings.presets.demo_transfers import load_demo_transfers
    from sila.settings.presets.demo_vouchers import load_demo_vouchers
    from sila.settings.presets.seed import apply_preset

    try:
        organization = apply_preset(PRESETS[preset])
    except InvalidValue as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(_("Preset: %(preset)s — %(name)s", preset=preset, name=organization.name))
    if not demo:
        return
    logins = ensure_demo_users() + ensure_demo_branches()
    created = load_demo_requests()
    if created:
        click.echo(_("Demo data loaded: %(count)s requests.", count=created))
    households = load_demo_files()
    if households:
        click.echo(_("And demo household files: %(count)s families, with home visits and re-study dates.", count=households))
    agenda = load_demo_meetings()
    if agenda:
        click.echo(_("And a demo meeting of the research committee with %(count)s requests on its agenda.", count=agenda))
    aided = load_demo_aid()
    if aided:
        click.echo(_("And demo aid: funding sources and %(count)s accepted requests ready to be paid.", count=aided))
    if load_demo_vouchers():
        click.echo(_("And an issued food-basket voucher for the partner outlet (outlet) to redeem."))
    if load_demo_transfers():
        click.echo(_("And a file transfer from the main office to the Jeddah branch waiting for staff_jeddah's answer, "
                     "and one from the Dammam branch that the Madinah branch accepted."))
    click.echo(_("Demo accounts (username / password / role):"))
    for username, password, role in logins:
        click.echo(f"  {username:<12} {password:<24} {role}")
