"""Aid delivery: what the committee granted, funding sources and their budgets, instalments, deliveries."""
