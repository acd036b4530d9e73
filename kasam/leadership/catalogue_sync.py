"""Kasam's own building blocks (kasam.leadership.catalogue) into the database: each is added once, by
its slug. A block already there is left as it is – the organisation may have edited it or taken it
out of use; a block is never deleted (training records refer to it)."""

from django.db import transaction

from kasam.leadership import catalogue
from kasam.leadership.models import BuildingBlock


@transaction.atomic
def sync_catalogue() -> int:
    """Adds the built-in building blocks that are missing; returns how many were added."""
    present = set(BuildingBlock.objects.values_list("slug", flat=True))
    missing = [
        BuildingBlock(
            slug=block.slug,
            kind=block.kind,
            title_sv=block.title.sv,
            title_en=block.title.en,
            description_sv=block.description.sv,
            description_en=block.description.en,
            position=position,
            builtin=True,
        )
        for position, block in enumerate(catalogue.BUILDING_BLOCKS)
        if block.slug not in present
    ]
    BuildingBlock.objects.bulk_create(missing)
    return len(missing)


def sync_after_migrate(sender, using="default", **kwargs) -> None:
    """post_migrate: only on the default database, and only once the tables exist."""
    if using != "default":
        return
    sync_catalogue()
