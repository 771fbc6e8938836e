"""What every feature leans on: refusals and invalid input, the unit of work, permissions, dates, Arabic text, ID and mobile checks."""
