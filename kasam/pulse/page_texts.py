"""The answer page's own sentences, by stable key: the English msgids of Kasam's gettext catalogue
(Swedish is kasam/locale/sv), so that the page in Swedish and English reads exactly as before. The
other languages of the page give the same keys in their data files (kasam/pulse/translations/);
kasam.pulse.languages looks them up. Placeholders are written {name} in the data files; here they are
gettext's %(name)s and are turned into {name} when read.

A key is never renamed or reused for another sentence: the data files and the health strategist's
corrections (TranslationOverride) refer to it."""

from django.utils.translation import gettext_noop as N_

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
