"""Kasam: salutogenic workplace health for Swedish welfare organisations."""

__version__ = "0.1.0"
