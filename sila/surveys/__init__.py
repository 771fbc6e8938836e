"""The satisfaction survey after delivery: invitations, answers and results."""
