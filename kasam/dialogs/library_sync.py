"""Kasam's own dialog library (kasam.dialogs.library) into the database: each built-in programme is
added once, by its slug, with its themes. A programme already there is left as it is – the health
strategist may have edited it. The pages offer no deletion (held dialogs refer to their programme);
a programme the organisation does not use is marked as not in use and stays out of the library."""

from django.db import transaction

from kasam.dialogs import library
from kasam.dialogs.models import Programme, Theme


def _texts(texts) -> list[dict[str, str]]:
    return [{"sv": text.sv, "en": text.en} for text in texts]


@transaction.atomic
def sync_library() -> int:
    """Adds the built-in programmes that are missing; returns how many were added."""
    present = set(Programme.objects.values_list("slug", flat=True))
    added = 0
    for position, source in enumerate(library.PROGRAMMES):
        if source.slug in present:
            continue
        programme = Programme.objects.create(
            slug=source.slug,
            kind=source.kind,
            title_sv=source.title.sv,
            title_en=source.title.en,
            description_sv=source.description.sv,
            description_en=source.description.en,
            cards=_texts(source.cards),
            position=position,
            builtin=True,
        )
        Theme.objects.bulk_create(
            Theme(
                programme=programme,
                slug=theme.slug,
                position=number,
                minutes=theme.minutes,
                title_sv=theme.title.sv,
                title_en=theme.title.en,
                purpose_sv=theme.purpose.sv,
                purpose_en=theme.purpose.en,
                introduction_sv=theme.introduction.sv,
                introduction_en=theme.introduction.en,
                questions=_texts(theme.questions),
                exercise_sv=theme.exercise.sv if theme.exercise else "",
                exercise_en=theme.exercise.en if theme.exercise else "",
                reflection_sv=theme.reflection.sv,
                reflection_en=theme.reflection.en,
            )
            for number, theme in enumerate(source.themes)
        )
        added += 1
    return added


def sync_after_migrate(sender, using="default", **kwargs) -> None:
    """post_migrate: only on the default database, and only once the tables exist."""
    if using != "default":
        return
    sync_library()
