"""Publishing runs in the background (ADR 006): the Publicera page queues a Publication and shows its
status; in the demo the task runs in the same process, on production workers elsewhere."""

import logging

from django.utils import timezone
from django_tasks import task

from kasam.releases.models import Publication
from kasam.releases.publish import ReleaseError, publish

logger = logging.getLogger(__name__)


@task()
def publish_release(publication_id: int) -> str:
    publication = Publication.objects.select_related("requested_by").get(pk=publication_id)
    Publication.objects.filter(pk=publication_id).update(status=Publication.Status.RUNNING)
    outcome = {"status": Publication.Status.DONE, "reason": ""}
    try:
        release = publish(publication.kind, publication.period, publication.requested_by)
    except ReleaseError as error:  # said on the page in plain words
        release, outcome = None, {"status": Publication.Status.FAILED, "reason": error.reason}
    except Exception:  # the page says it failed; the log has the rest
        logger.exception("Publishing %s %s failed", publication.kind, publication.period)
        release, outcome = None, {"status": Publication.Status.FAILED, "reason": "error"}
    Publication.objects.filter(pk=publication_id).update(
        release=release, finished_at=timezone.now(), **outcome
    )
    return outcome["status"]
