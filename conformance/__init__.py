"""Proof that matbank serves the Madaster API as published: `make conformance`.

Three parts, each runnable on its own: the reference operations matbank does not serve
(``specs``), a property-based run of schemathesis against the reference documents
(``fuzz``), and clients generated from the reference documents driven through the
documented flows (``clients``). ``server`` starts a seeded matbank on 127.0.0.1.
"""
