"""The audit trail: written in the same transaction as the change it records."""
