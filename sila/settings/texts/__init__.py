"""The texts of letters and messages: defaults, placeholders and the stored versions admins edit."""
