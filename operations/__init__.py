"""Running Sila: backups and restores."""
