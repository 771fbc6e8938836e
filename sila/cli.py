"""Every `flask --app app …` command, gathered from the features that own them."""
from __future__ import annotations

from flask import Flask

from sila.applicants.commands import files
from sila.applicants.spreadsheet.commands import import_applicants
from sila.auth.commands import users
from sila.jobs.commands import jobs
from sila.operations.commands import backup_command, restore_command
from sila.outbox.commands import notifications
from sila.privacy.commands import retention
from sila.settings.presets.commands import seed


def register_commands(app: Flask) -> None:
    for command in (files, jobs, retention, import_applicants, seed, users, notifications, backup_command, restore_command):
        app.cli.add_command(command)
