"""Work that runs on its own: sending messages, the re-study review, retention, backups."""
