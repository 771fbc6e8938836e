"""`flask seed`: a policy preset, and the demo data `make run` shows."""
from __future__ import annotations

import click

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
    click.echo(f"الإعداد المسبق: {preset} — {organization.name}")
    if not demo:
        return
    logins = ensure_demo_users() + ensure_demo_branches()
    created = load_demo_requests()
    if created:
        click.echo(f"تم تحميل بيانات تجريبية: {created} طلباً.")
    households = load_demo_files()
    if households:
        click.echo(f"وملفات أسر تجريبية: {households} أسرة، مع زيارات منزلية ومواعيد إعادة الدراسة.")
    agenda = load_demo_meetings()
    if agenda:
        click.echo(f"واجتماع تجريبي للجنة البحث بجدول أعمال من {agenda} طلبات.")
    aided = load_demo_aid()
    if aided:
        click.echo(f"ومساعدات تجريبية: مصادر تمويل و{aided} طلبات مقبولة جاهزة للصرف.")
    if load_demo_vouchers():
        click.echo("وقسيمة سلة غذائية صادرة يصرفها المتجر الشريك (outlet).")
    if load_demo_transfers():
        click.echo("ونقل ملف من المكتب الرئيسي إلى فرع جدة ينتظر قبول staff_jeddah، ونقل من فرع الدمام قبله فرع المدينة.")
    click.echo("حسابات التجربة (اسم المستخدم / كلمة المرور / الدور):")
    for username, password, role in logins:
        click.echo(f"  {username:<12} {password:<24} {role}")
