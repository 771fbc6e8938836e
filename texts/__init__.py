"""Letter and message texts: their defaults, placeholders and the stored versions admins edit."""
