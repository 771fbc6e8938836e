"""Referrals to the social researcher: questions, answers, field reports."""
