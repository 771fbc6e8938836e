"""Messages to applicants: queued with the change that caused them, sent by backends, watched by staff."""
