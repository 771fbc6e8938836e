"""Importing applicants from a spreadsheet: reading, guessing columns, a dry run per row, then all or nothing."""
