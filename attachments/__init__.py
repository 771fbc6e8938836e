"""Uploaded files of requests: checked by content, stored outside static/, downloaded by those who may."""
