"""Admins manage channels: create, rename, reorder, deactivate; never delete one in use."""
from __future__ import annotations

from models import Applicant, Channel, ServiceRequest, ServiceType
from models.base import db
from tests.conftest import login, post_form


def _channel(name: str) -> Channel | None:
    return db.session.scalar(db.select(Channel).where(Channel.name == name))


def test_admin_creates_renames_reorders_and_deactivates_a_channel(rakeen, client):
    login(client, "admin")
    response = post_form(client, "/admin/channels/new/", {"name": "واتساب", "position": "8", "is_active": "y"})
    assert response.status_code == 302
    channel = _channel("واتساب")
    assert channel is not None and channel.is_active and channel.position == 8

    response = post_form(client, f"/admin/channels/edit/?id={channel.id}", {"name": "واتساب الجمعية", "position": "1"})
    assert response.status_code == 302
    db.session.refresh(channel)
    assert channel.name == "واتساب الجمعية"
    assert channel.position == 1
    assert channel.is_active is False

    listing = client.get("/admin/channels/").get_data(as_text=True)
    table = listing.split("<table", 1)[1]
    assert table.index("واتساب الجمعية") < table.index("الخطابات")


def test_a_channel_in_use_cannot_be_deleted(rakeen, client):
    channel = db.session.scalar(db.select(Channel).where(Channel.code == "phone"))
    applicant = Applicant(
        national_id="1000000008", first_name="محمد", father_name="علي", grandfather_name="صالح",
        family_name="الحربي", gender="male", mobile="0551234567",
    )
    db.session.add(applicant)
    db.session.add(ServiceRequest(
        applicant=applicant, channel=channel, service_type=db.session.scalar(db.select(ServiceType).limit(1)),
    ))
    db.session.commit()
    login(client, "admin")
    response = post_form(client, "/admin/channels/delete/", {"id": channel.id}, follow_redirects=True)
    assert "لا يمكن حذف" in response.get_data(as_text=True)
    assert _channel(channel.name) is not None


def test_an_unused_channel_can_be_deleted(rakeen, client):
    login(client, "admin")
    post_form(client, "/admin/channels/new/", {"name": "قناة مؤقتة", "position": "20"})
    channel = _channel("قناة مؤقتة")
    post_form(client, "/admin/channels/delete/", {"id": channel.id})
    db.session.expire_all()
    assert _channel("قناة مؤقتة") is None
