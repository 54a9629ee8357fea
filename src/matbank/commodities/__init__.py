"""Commodities (Madaster API v4.0): materials and products of a material database."""
