"""The audit log: one row per authenticated write (who, what, when, outcome)."""
