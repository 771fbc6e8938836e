"""Both policies load as presets with their own channels, tools and vocabulary."""
from __future__ import annotations

import pytest

from models import Channel, Organization, ReferenceDocument, ServiceType, User
from models.base import db
from sila.settings.presets import PRESETS
from sila.settings.presets.seed import apply_preset
from tests.conftest import login

HEALTH_CHANNELS = [
    "المقابلة", "الاتصالات الهاتفية", "وسائل التواصل الاجتماعي", "الخطابات",
    "خدمات طلب المساعدة", "خدمة التطوع", "الموقع الالكتروني للجمعية", "مناديب المكاتب الفرعية",
]


def _channels() -> list[str]:
    return list(db.session.scalars(db.select(Channel.name).order_by(Channel.position)))


def _documents() -> list[str]:
    return list(db.session.scalars(db.select(ReferenceDocument.title).order_by(ReferenceDocument.position)))


def test_health_coop_has_eight_channels_in_policy_order_and_member_vocabulary(health_coop):
    assert _channels() == HEALTH_CHANNELS
    assert _documents() == ["اللائحة الأساسية للجمعية", "دليل سياسة الدعم للاعضاء", "طلب خدمة عضو"]
    organization = db.session.scalar(db.select(Organization))
    assert organization.vocabulary == "member"
    assert organization.board_meeting_number == 8
    assert organization.policy_approved_on.isoformat() == "2021-03-01"
    assert organization.response_days >= 14


def test_rakeen_has_seven_channels_four_tools_and_beneficiary_vocabulary(rakeen):
    assert _channels() == HEALTH_CHANNELS[:7]
    assert "دليل خدمات البحث الاجتماعي" in _documents()
    assert len(_documents()) == 4
    assert db.session.scalar(db.select(Organization.vocabulary)) == "beneficiary"


def test_seeding_twice_adds_nothing(rakeen):
    before = [db.session.scalar(db.select(db.func.count()).select_from(model))
              for model in (Channel, ReferenceDocument, ServiceType, User)]
    apply_preset(PRESETS["rakeen"])
    after = [db.session.scalar(db.select(db.func.count()).select_from(model))
             for model in (Channel, ReferenceDocument, ServiceType, User)]
    assert before == after


def test_a_second_preset_is_refused_on_the_same_database(rakeen):
    from sila.core.errors import InvalidValue

    with pytest.raises(InvalidValue):
        apply_preset(PRESETS["health-coop"])
    assert db.session.scalar(db.select(db.func.count()).select_from(Organization)) == 1


def test_health_coop_screens_say_member_and_never_beneficiary(health_coop, client):
    login(client, "staff")
    for url in ("/admin/", "/admin/applicants/", "/admin/requests/new/", "/admin/contacts/new/"):
        page = client.get(url).get_data(as_text=True)
        assert "مستفيد" not in page, url
    assert "الأعضاء" in client.get("/admin/applicants/").get_data(as_text=True)


def test_rakeen_screens_say_beneficiaries(rakeen, client):
    login(client, "staff")
    assert "المستفيدون" in client.get("/admin/applicants/").get_data(as_text=True)


def test_seed_command_prints_the_demo_logins(app):
    result = app.test_cli_runner().invoke(args=["seed", "--preset", "rakeen", "--demo"])
    assert result.exit_code == 0, result.output
    assert "sila-demo-staff" in result.output
    from models import Applicant, ServiceRequest
    from models.enums import RequestStatus

    assert db.session.scalar(db.select(db.func.count()).select_from(Applicant)) >= 200
    statuses = set(db.session.scalars(db.select(ServiceRequest.status).distinct()))
    assert statuses == {status.value for status in RequestStatus}
    again = app.test_cli_runner().invoke(args=["seed", "--preset", "rakeen", "--demo"])
    assert again.exit_code == 0
    assert db.session.scalar(db.select(db.func.count()).select_from(Applicant)) == 300


def test_the_commands_speak_arabic_by_default_and_english_when_the_locale_is_english(app):
    from flask_babel import refresh

    arabic = app.test_cli_runner().invoke(args=["seed", "--preset", "rakeen"])
    assert arabic.exit_code == 0, arabic.output
    assert arabic.output.startswith("الإعداد المسبق: rakeen")
    app.config["BABEL_DEFAULT_LOCALE"] = "en"
    refresh()
    english = app.test_cli_runner().invoke(args=["seed", "--preset", "rakeen"])
    assert english.output.startswith("Preset: rakeen")
    refused = app.test_cli_runner().invoke(args=["restore", str(app.instance_path)])
    assert refused.exit_code != 0
    assert "run the command again with --yes" in refused.output


def test_membership_number_is_asked_only_of_members(rakeen, client):
    login(client, "staff")
    assert 'name="membership_number"' not in client.get("/admin/applicants/new/").get_data(as_text=True)


def test_members_have_a_membership_number_field(health_coop, client):
    login(client, "staff")
    assert 'name="membership_number"' in client.get("/admin/applicants/new/").get_data(as_text=True)
