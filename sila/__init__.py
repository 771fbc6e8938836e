"""Sila's code, one folder per feature; the card's folders (admin, models, forms, migrations) stay at the top."""
