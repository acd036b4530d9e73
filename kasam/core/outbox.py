"""Where messages go that must not be printed: the demo's outbox.

Pulse invitations carry personal links, password resets carry reset links, and both go to a person's
e-mail address or phone number. None of it may reach standard output or a log (docs/operations.md,
"Logs"). Kasam's default e-mail backend, `EmailBackend`, therefore sends through SMTP (EMAIL_HOST …) and,
only on a database made by `kasam demo` (kasam.core.models.DemoDatabase), keeps every message in the
outbox instead: the health strategist reads it on the outbox page (`/utkorg/`). `OutboxSmsProvider`,
the default SMS provider, does the same for SMS and refuses to send anything elsewhere (production
names a real provider, KASAM_SMS_PROVIDER=46elks).

A console backend would print the links: a system check (kasam.core.deploy_checks) refuses it outside
DEBUG and the demo."""

from django.core.mail.backends.smtp import EmailBackend as SmtpEmailBackend

from kasam.core.models import OutboxMessage, is_demo_database


def keep(channel: str, recipients: list[str], subject: str, body: str) -> None:
    OutboxMessage.objects.create(
        channel=channel, recipients=", ".join(recipients), subject=subject[:500], body=body
    )


class EmailBackend(SmtpEmailBackend):
    """SMTP, except on the demo database, where each message is kept in the outbox (never sent)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._demo = None

    def is_demo(self) -> bool:
        if self._demo is None:
            self._demo = is_demo_database()
        return self._demo

    def open(self):
        if self.is_demo():
            return False
        return super().open()

    def close(self):
        if not self.is_demo():
            super().close()

    def send_messages(self, email_messages):
        if not email_messages:
            return 0
        if not self.is_demo():
            return super().send_messages(email_messages)
        for message in email_messages:
            keep(OutboxMessage.Channel.EMAIL, list(message.recipients()), str(message.subject), message.body)
        return len(email_messages)
