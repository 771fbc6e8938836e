"""Logging in and out: throttled sign-in, sessions that end on logout, password change or deactivation."""
