"""Figures: the dashboard, each person's work queue and the home page."""
