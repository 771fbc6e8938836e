"""The association's configuration: organization profile, users, channels, service types, texts and presets."""
