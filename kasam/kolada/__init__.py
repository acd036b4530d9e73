"""Kolada: public comparison figures for the municipality, its county and Kolada's "Liknande kommuner"
group, fetched from Kolada's API v3 by our own small client (docs/kolada.md)."""
