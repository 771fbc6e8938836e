"""The portal's forms: the same domain rules as the staff screens, sized to the model columns."""
from __future__ import annotations

from flask import request
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, Field, Form, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, Regexp, StopValidation

from forms.domain_validators import Cleaned
from forms.dual_date import DualDateField
from models.base import db
from models.enums import ContactKind, Gender, choices
from models.service_type import ServiceType
from sila.core.dates import today
from sila.core.mobile import clean_mobile
from sila.core.national_id import clean_national_id
from sila.portal.applications import Application, Inquiry, active_service_types
from sila.portal.uploads import Upload, checked_uploads, document_items
from sila.requests.transitions import MAX_TEXT

NAME_LENGTH = 60


def _strip(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else value


def _required(message: object) -> list:
    return [DataRequired(message=message)]


def _name_field(text: object, missing: object) -> StringField:
    return StringField(
        text, filters=[_strip], validators=[*_required(missing), Length(max=NAME_LENGTH)],
    )


def _past_date(_form: Form, field: Field) -> None:
    """Required, and not after today; a wrongly typed date keeps its own message."""
    if field.errors:
        raise StopValidation()
    if field.data is None:
        raise StopValidation(_l("Enter the birth date."))
    if field.data > today():
        raise StopValidation(_l("The birth date cannot be in the future."))


class ApplicationForm(FlaskForm):
    national_id = StringField(_l("National ID / iqama"), validators=[Cleaned(clean_national_id)])
    first_name = _name_field(_l("First name"), _l("Enter the first name."))
    father_name = _name_field(_l("Father's name"), _l("Enter the father's name."))
    grandfather_name = _name_field(_l("Grandfather's name"), _l("Enter the grandfather's name."))
    family_name = _name_field(_l("Family name"), _l("Enter the family name."))
    gender = RadioField(_l("Gender"), choices=choices(Gender), validators=_required(_l("Choose the gender.")))
    birth_date = DualDateField(_l("Birth date"), validators=[_past_date])
    mobile = StringField(_l("Mobile"), validators=[Cleaned(clean_mobile)])
    email = StringField(
        _l("E-mail (optional)"), filters=[_strip],
        validators=[
            Optional(), Length(max=254),
            Regexp(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", message=_l("Enter a valid e-mail address.")),
        ],
    )
    city = StringField(_l("City"), filters=[_strip], validators=[*_required(_l("Enter the city.")), Length(max=100)])
    service_type = SelectField(
        _l("Service type"), coerce=int, validate_choice=True, validators=_required(_l("Choose the service.")),
    )
    details = TextAreaField(
        _l("Request details (optional)"), filters=[_strip], validators=[Optional(), Length(max=MAX_TEXT)],
    )
    accept_attestation = BooleanField(
        _l("I have read the attestation above and I accept it."),
        validators=_required(_l("You must accept the attestation to send the request.")),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.services = active_service_types()
        self.service_type.choices = [(0, _l("Choose the service"))] + [
            (service.id, service.name) for service in self.services
        ]
        self.uploads: list[Upload] = []
        self.upload_errors: dict[int, str] = {}

    def validate(self, extra_validators: dict | None = None) -> bool:
        """The fields, then the files sent for the chosen service's document items."""
        valid = super().validate(extra_validators)
        service = db.session.get(ServiceType, self.service_type.data) if not self.service_type.errors else None
        if service is not None:
            self.uploads, self.upload_errors = checked_uploads(request.files, document_items(service))
        return valid and not self.upload_errors

    def application(self) -> Application:
        return Application(
            national_id=self.national_id.data, first_name=self.first_name.data,
            father_name=self.father_name.data, grandfather_name=self.grandfather_name.data,
            family_name=self.family_name.data, gender=self.gender.data, birth_date=self.birth_date.data,
            mobile=self.mobile.data, email=self.email.data or None, city=self.city.data,
            service_type_id=self.service_type.data, details=self.details.data or None,
        )


class TrackForm(FlaskForm):
    """No field explains what is wrong: the page answers every wrong combination alike."""

    number = StringField(_l("Request number"), validators=[Length(max=12)])
    national_id = StringField(_l("National ID / iqama"), validators=[Length(max=10)])
    mobile_last_four = StringField(_l("Last four digits of the mobile"), validators=[Length(max=4)])


class ContactForm(FlaskForm):
    kind = RadioField(
        _l("Type of message"),
        choices=[
            (code, text) for code, text in choices(ContactKind)
            if code not in (ContactKind.follow_up, ContactKind.correction)
        ],
        validators=_required(_l("Choose the type of message.")),
    )
    name = StringField(
        _l("Your name"), filters=[_strip], validators=[*_required(_l("Enter your name.")), Length(max=200)],
    )
    mobile = StringField(_l("Mobile (optional)"), validators=[Cleaned(clean_mobile, optional=True)])
    message = TextAreaField(
        _l("Your message"), filters=[_strip], validators=[*_required(_l("Write your message.")), Length(max=MAX_TEXT)],
    )

    def inquiry(self) -> Inquiry:
        return Inquiry(kind=self.kind.data, name=self.name.data, mobile=self.mobile.data, message=self.message.data)


class SignInForm(FlaskForm):
    """Only the shape of each value is checked here: whether they belong to a file is never said."""

    national_id = StringField(_l("National ID / iqama"), validators=[Cleaned(clean_national_id)])
    mobile = StringField(_l("Mobile"), validators=[Cleaned(clean_mobile)])


class CodeForm(FlaskForm):
    code = StringField(_l("The code sent to your mobile"), validators=[Length(max=12)])


class CorrectionForm(FlaskForm):
    """Which of his data is wrong and what is right: staff check it against the originals and apply it."""

    field = SelectField(_l("The data to correct"), validators=_required(_l("Choose the data to correct.")))
    correct_value = TextAreaField(
        _l("What is right"), filters=[_strip],
        validators=[*_required(_l("Write what the correct data are.")), Length(max=MAX_TEXT)],
    )

    def __init__(self, fields: list[tuple[str, str]], *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.field.choices = [("", _l("Choose the data to correct"))] + fields
