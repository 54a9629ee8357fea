"""People: users who sign in with a password (and optionally TOTP), their roles on accounts,
folders and buildings, and their browser sessions."""
