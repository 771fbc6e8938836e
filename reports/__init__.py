"""Figures for managers and staff, computed with aggregate queries (no Flask-Admin here)."""
