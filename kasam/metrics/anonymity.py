"""The disclosure rules' door (docs/anonymity.md). Sick-leave figures are decided once per stored
period, when the series are refilled, by kasam.metrics.sickleave_gate on the one gate
(kasam.metrics.disclosure); the pages read that stored decision (kasam.absence.figures.hidden_units).
The pulse's rules (docs/definitions.md "Anonymity rules") live in `pulse_anonymity` and are re-exported
here, so that this module stays the one door for every disclosure rule; survey rules join with their
own issue. Unlike sick leave, no role sees pulse figures unsuppressed: every viewer gets the same shown
nodes, cut to their scope.
"""

from kasam.metrics.disclosure import SICK_LEAVE_MAX_HIDDEN_PERSONS
from kasam.metrics.pulse_anonymity import (
    FREE_TEXT_MIN_RESPONDENTS,
    PULSE_K_DEFAULT,
    PULSE_K_MIN,
    RoundFigure,
    RoundRelease,
    assign_reporting_nodes,
    check_k,
    decide_shown_nodes,
    free_text_listing,
    mask_names,
    multi_round_mean,
    name_masker,
    pool_bottom_up,
    release_free_text,
    release_round,
    repool_by_respondents,
    respondents_in_subtrees,
    response_rate_shown,
    shown_after_repooling,
    shown_rounds,
    signal_from_history,
    subtree_members,
    times_hidden,
    visible_for_viewer,
)

__all__ = [
    # sick leave
    "SICK_LEAVE_MAX_HIDDEN_PERSONS",
    # pulse
    "FREE_TEXT_MIN_RESPONDENTS",
    "PULSE_K_DEFAULT",
    "PULSE_K_MIN",
    "RoundFigure",
    "RoundRelease",
    "assign_reporting_nodes",
    "check_k",
    "decide_shown_nodes",
    "free_text_listing",
    "mask_names",
    "pool_bottom_up",
    "repool_by_respondents",
    "multi_round_mean",
    "name_masker",
    "release_free_text",
    "release_round",
    "respondents_in_subtrees",
    "response_rate_shown",
    "shown_after_repooling",
    "shown_rounds",
    "signal_from_history",
    "subtree_members",
    "times_hidden",
    "visible_for_viewer",
]
