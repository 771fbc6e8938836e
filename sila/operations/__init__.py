"""Running a deployment: backups and restores, and where the log lines go."""
