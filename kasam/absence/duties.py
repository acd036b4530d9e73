"""What the employer's rehabilitation duty asks at each early signal, in plain words for the manager.
These are reminders Kasam derives from absence data, not Försäkringskassan's decisions."""

from django.utils.translation import gettext_lazy as _

MARKER_NOTES = {
    8: _("From day 8 the employee needs a medical certificate."),
    15: _("Report the sick case to Försäkringskassan, at the latest 7 days after day 14."),
    30: _(
        "By day 30 there should be a plan for the return to work, "
        "since the absence is expected to last 60 days or more."
    ),
    90: _(
        "Day 90: Försäkringskassan assesses whether the employee can return to their own work "
        "or to other work with the employer."
    ),
    180: _(
        "Day 180: the assessment concerns work on the whole labour market, unless there are special reasons."
    ),
    365: _(
        "Day 365: the case has lasted a year. Go through the rehabilitation with HR and Försäkringskassan."
    ),
}

REPEATED_NOTE = _(
    "Notice repeated short-term absence early. Invite the employee to a conversation about how they are "
    "and whether something in the work can be adapted."
)
HIGH_RISK_NOTE = _(
    "Ten sick cases or more in 12 months: the employee can apply to Försäkringskassan for special high-risk "
    "protection, so that the employer is compensated for the sick pay. Tell the employee about it."
)
RETURNING_NOTE = _(
    "Back after a long absence: follow up how the return is going, preferably with a conversation in the "
    "first weeks."
)
