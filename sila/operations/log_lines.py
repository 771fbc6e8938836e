"""Where the app's own log lines go: one configuration, made by the app factory.

Sila writes two kinds of lines, both without personal data: one per request
(`sila.requests`) and one per message the log backend stands in for
(`sila.notifications`). They go to stderr, where gunicorn, systemd or a
container runtime collect them. Alembic's progress lines go there too, so
`flask db upgrade` keeps saying what it ran. Loggers that already exist are
left enabled and propagate, so a test's log capture still sees every line.
"""
from __future__ import annotations

import logging.config

from flask import Flask


def configure_logging(app: Flask) -> None:
    level = app.config.get("SILA_LOG_LEVEL", "INFO")
    logging.config.dictConfig({
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"line": {"format": "%(message)s"}},
        "handlers": {"stderr": {"class": "logging.StreamHandler", "stream": "ext://sys.stderr", "formatter": "line"}},
        "loggers": {
            "sila": {"level": level, "handlers": ["stderr"]},
            "alembic": {"level": "INFO", "handlers": ["stderr"]},
        },
    })
