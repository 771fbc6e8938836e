"""Satisfaction surveys: the invitation sent at delivery and the answer given through its link."""
