"""What every feature leans on: refusals, invalid input, the unit of work, permissions, dates, Arabic text, ID checks."""
