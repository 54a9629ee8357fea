"""Material passports: the PDF and Excel documents generated from a building's stored results."""
