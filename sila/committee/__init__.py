"""The research committee: meetings, votes, the count, decisions, their letters and the minutes."""
