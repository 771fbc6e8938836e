"""Upload and download routes for request attachments."""
from __future__ import annotations

from flask import Blueprint

blueprint = Blueprint("attachments", __name__)
