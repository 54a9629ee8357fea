"""Elements of building files."""

from matbank.elements import usage as _usage  # noqa: F401  (registers the in-use check)
