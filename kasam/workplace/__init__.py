"""The employees' own Kasam ("Min arbetsplats"): a phone-first page for one's own workplace, reached
after logging in or through a personal link, installable as a web app (docs/employee-page.md)."""
