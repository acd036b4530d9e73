"""Pulse (docs/definitions.md "Pulse"): programmes, rounds, invitations and answers that cannot be linked."""
