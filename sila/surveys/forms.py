"""The survey page's form: five scores from 1 to 5, a comment, and the choice to answer anonymously."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from sila.requests.transitions import MAX_TEXT
from sila.surveys.responses import Answer

SCALE = (
    (1, _l("1 - Very dissatisfied")),
    (2, _l("2 - Dissatisfied")),
    (3, _l("3 - Neutral")),
    (4, _l("4 - Satisfied")),
    (5, _l("5 - Very satisfied")),
)


def _score(question: object) -> RadioField:
    return RadioField(
        question, coerce=int, choices=SCALE, validators=[DataRequired(message=_l("Choose a score from 1 to 5."))],
    )


def _strip(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else value


class SurveyForm(FlaskForm):
    overall = _score(_l("Overall, how satisfied are you with the service?"))
    speed = _score(_l("How satisfied are you with the speed of handling your request?"))
    courtesy = _score(_l("How satisfied are you with the courtesy of the staff?"))
    clarity = _score(_l("How clear were the procedures?"))
    channel_ease = _score(_l("How easy was the channel you used to apply?"))
    comment = TextAreaField(
        _l("Your comment (optional)"), filters=[_strip], validators=[Optional(), Length(max=MAX_TEXT)],
    )
    anonymous = BooleanField(
        _l("Answer anonymously"),
        description=_l("Your answer is then kept without your name or request: only the service, "
                       "the channel and the month."),
    )

    def answer(self) -> Answer:
        return Answer(
            overall=self.overall.data, speed=self.speed.data, courtesy=self.courtesy.data,
            clarity=self.clarity.data, channel_ease=self.channel_ease.data,
            comment=self.comment.data or None, anonymous=bool(self.anonymous.data),
        )
