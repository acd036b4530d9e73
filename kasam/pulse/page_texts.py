"""The employee pages' own sentences, by stable key: the English msgids of Kasam's gettext catalogue
(Swedish is kasam/locale/sv), so that the page in Swedish and English reads exactly as before. The
other languages of the page give the same keys in their data files (kasam/pulse/translations/);
kasam.pulse.languages looks them up. Placeholders are written {name} in the data files; here they are
gettext's %(name)s and are turned into {name} when read.

PAGE is the pulse's answer page (and the parts every employee page shares: the picker's label, the
draft notice, the footer); WORKPLACE is the employee page "Min arbetsplats" and its small pages
(kasam.workplace, docs/employee-page.md "Languages"). A count is two keys, `_one` and `_other`, each
a Plural: Swedish and English take the form gettext gives for that count; another language writes
each once (a wording that fits every count of the `_other` kind, where its grammar has more forms).

A key is never renamed or reused for another sentence: the data files and the health strategist's
corrections (TranslationOverride) refer to it."""

from dataclasses import dataclass

from django.utils.translation import gettext_noop as N_


@dataclass(frozen=True)
class Plural:
    """A msgid with a plural, read for one count (1 for `_one`, 2 for `_other`)."""

    singular: str
    plural: str
    count: int


PAGE: dict[str, str] = {
    # Every page
    "page.title": N_("Pulse"),
    "page.error_prefix": N_("Error"),
    "page.skip_link": N_("Skip to content"),
    "page.language": N_("Language"),
    "page.in_swedish": N_("(in Swedish)"),
    "page.draft_notice": N_(
        "This language is a draft translation. A native speaker is checking the wording."
    ),
    "page.footer": N_("Kasam – open source for healthy workplaces."),
    # The form
    "page.heading": N_("How are things at work right now?"),
    "page.lead": N_("It takes about a minute. Choose the answer that fits best for you."),
    "page.anonymous_k": N_(
        "Your answers are anonymous: they are never stored with your name, and results are only shown "
        "for groups of at least %(k)s people."
    ),
    "page.anonymous": N_("Your answers are anonymous: they are never stored with your name."),
    "page.count_k": N_(
        "Answers count only once at least %(k)s people have answered. If fewer answer, every answer is "
        "deleted when the pulse closes."
    ),
    "page.errors_heading": N_("Some answers are missing or could not be read"),
    "page.optional": N_("optional"),
    "page.open_help": N_("At most %(limit)s characters. Do not write names."),
    "page.submit": N_("Send my answers"),
    "page.answer_until": N_("You can answer until %(date)s."),
    # The form's errors (kasam.pulse.forms)
    "error.missing": N_("Choose one of the answers."),
    "error.out_of_scale": N_("Choose one of the answers shown."),
    "error.unknown_statement": N_("The form contained a question that is not part of this pulse."),
    "error.too_long": N_("Write at most %(limit)s characters."),
    "error.not_text": N_("The answer could not be read as text."),
    "error.malformed": N_("The form could not be read. Please answer again."),
    "error.general": N_("Something in the form could not be read. Please answer again."),
    # The thank-you page
    "thanks.title": N_("Thank you"),
    "thanks.heading": N_("Thank you for your answers!"),
    "thanks.lead": N_("Your answers have been saved, without your name."),
    "thanks.results": N_(
        "When the pulse closes, your workplace sees the results together, so that you can talk about "
        "what works well and what you want to keep."
    ),
    "thanks.close": N_("You can close this page now."),
    # The notice pages (a used, closed, not yet open or unknown link)
    "notice.answered_title": N_("Already answered"),
    "notice.answered_heading": N_("You have already answered – thank you!"),
    "notice.answered_lead": N_(
        "Your answers are saved. Each link can be used once, so there is nothing more to do."
    ),
    "notice.closed_title": N_("The pulse is closed"),
    "notice.closed_heading": N_("This pulse has closed"),
    "notice.closed_lead": N_("Thank you for wanting to answer. The time to answer this pulse has passed."),
    "notice.next_round": N_("The next pulse opens on %(date)s, and you will get a new link then."),
    "notice.new_link": N_("You will get a new link when the next pulse opens."),
    "notice.not_open_title": N_("The pulse has not opened yet"),
    "notice.not_open_heading": N_("This pulse has not opened yet"),
    "notice.not_open_lead": N_("You can answer from %(date)s. Keep the link until then."),
    "notice.unknown_title": N_("The link does not work"),
    "notice.unknown_lead": N_(
        "Check that the whole link was copied. If you got a newer link, for example in a reminder, use "
        "that one."
    ),
    "notice.unknown_more": N_(
        "A link also stops working when its pulse has closed: then no one can tell any more who answered."
    ),
}

WORKPLACE: dict[str, str | Plural] = {
    # The page (kasam/templates/workplace/page.html)
    "workplace.title": N_("My workplace"),
    "workplace.no_unit": N_(
        "You have no current employment in Kasam, so there is no workplace to show. Ask your manager or "
        "HR if this is wrong."
    ),
    "workplace.pulse_open": N_("The pulse is open"),
    "workplace.pulse_open_lead": N_(
        "A few short questions about your workplace, about a minute. You can answer until %(date)s. Your "
        "answers are anonymous."
    ),
    "workplace.answer": N_("Answer the pulse"),
    "workplace.already_answered": N_("You have already answered this round's pulse. Thank you!"),
    "workplace.results_heading": N_("How we are doing: the latest pulse"),
    "workplace.respondents_one": Plural(
        N_("%(n)s person answered in the round that closed on %(date)s."),
        N_("%(n)s people answered in the round that closed on %(date)s."),
        1,
    ),
    "workplace.respondents_other": Plural(
        N_("%(n)s person answered in the round that closed on %(date)s."),
        N_("%(n)s people answered in the round that closed on %(date)s."),
        2,
    ),
    "workplace.group_above": N_(
        "Your group had too few answers to be shown on its own, so here is %(name)s, which your group "
        "is part of."
    ),
    "workplace.own_group": N_("These are the answers of %(name)s."),
    "workplace.results_caption": N_("The latest pulse of %(name)s"),
    "workplace.column_area": N_("Area"),
    "workplace.column_index": N_("Index (0–100)"),
    "workplace.column_favourable": N_("Favourable answers"),
    "workplace.self_rated_health": N_("Self-rated health"),
    "workplace.no_results": N_(
        "There are no pulse results to show yet. They appear here after the first round in which "
        "enough people have answered."
    ),
    "workplace.meeting_heading": N_("Our next workplace meeting"),
    "workplace.meeting_for": N_("Planned for %(name)s."),
    "workplace.no_meeting": N_("No workplace meeting with a theme is planned yet."),
    "workplace.agreed_heading": N_("What we agreed on"),
    "workplace.nothing_agreed": N_("Nothing agreed at a workplace meeting in the last six months yet."),
    "workplace.plan_heading": N_("Our health plan %(year)s"),
    "workplace.plan_of": N_("The plan of %(name)s."),
    "workplace.plan_empty": N_("The plan has no activities yet."),
    "workplace.no_plan": N_("There is no health plan for this year yet."),
    "workplace.who_follow_up": N_("Who: %(who)s. Followed up %(date)s."),
    "workplace.status_planned": N_("planned"),
    "workplace.status_ongoing": N_("ongoing"),
    "workplace.status_done": N_("done"),
    "workplace.status_cancelled": N_("cancelled"),
    "workplace.links_heading": N_("Your personal links"),
    "workplace.link_until": N_(
        "You came here with your personal link, which works on this phone until %(date)s."
    ),
    "workplace.link_after_round": N_(
        "After each pulse round you get a personal link to this page, so that you can read it without "
        "logging in."
    ),
    "workplace.revoke": N_("Turn off my personal links"),
    "workplace.revoke_help": N_(
        "Do this if you have lost your phone or shared a link by mistake. The links stop working at once."
    ),
    # The small pages
    "workplace.link_ended_title": N_("The link does not work"),
    "workplace.link_ended_lead": N_(
        "This personal link has ended or been turned off. You get a new one after the next pulse round, "
        "or you can log in."
    ),
    "workplace.log_in": N_("Log in"),
    "workplace.revoked_title": N_("Your links are turned off"),
    "workplace.revoked_lead": N_(
        "Your personal links no longer work, on this phone or anywhere else. You get a new one after the "
        "next pulse round, or you can log in."
    ),
    "workplace.no_person_lead": N_(
        "Your login is not linked to an employment in Kasam, or has no role yet, so there is no workplace "
        "page for you. Ask HR if this is wrong."
    ),
    "workplace.offline_title": N_("No connection"),
    "workplace.offline_heading": N_("No connection right now"),
    "workplace.offline_lead": N_(
        "Your phone is offline and this page has not been saved on it yet. Open My workplace again when "
        "you have a connection."
    ),
}
