from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """A login. What it may see comes from its role assignments (org.RoleAssignment), never from
    Django's staff flags; `is_superuser` is kept for the technical administrator only."""
