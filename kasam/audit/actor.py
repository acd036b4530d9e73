"""Who is acting, for audit entries written where no request is at hand (the signals of role
changes): the signed-in user of the current request (set by `AuditActorMiddleware`), or a user a
command names with `acting_as`; nobody – written as "system" – otherwise.

A context variable rather than a thread-local, so that it is right per request under threads and
asyncio alike, and is reset when the request or the `with` block ends."""

from contextlib import contextmanager
from contextvars import ContextVar

_actor: ContextVar = ContextVar("kasam_audit_actor", default=None)


def current_actor():
    """The user acting now, or None (an anonymous visitor counts as nobody)."""
    user = _actor.get()
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return user


@contextmanager
def acting_as(user):
    """Within the block, audit entries written by signals name `user` (None: "system")."""
    token = _actor.set(user)
    try:
        yield
    finally:
        _actor.reset(token)


class AuditActorMiddleware:
    """Makes the request's user the actor of audit entries written while the request is handled. The
    user stays lazy: it is read from the session only when an entry is written."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _actor.set(getattr(request, "user", None))
        try:
            return self.get_response(request)
        finally:
            _actor.reset(token)
