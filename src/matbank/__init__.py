"""matbank: an open materials-passport platform that speaks the Madaster REST API."""

__version__ = "0.1.0"
