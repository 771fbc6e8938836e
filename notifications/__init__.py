"""Delivering the outbox to applicants, outside the web request."""
