"""Employee-survey figures (docs/definitions.md "Employee survey"): HME, NMI and eNPS over the organisation
tree, through the same disclosure gate as the pulse, and the gap analysis of a unit against the organisation.

Pure functions, no Django. Everything is computed from COUNTS, so that the database can store per unit
only its number of respondents and, per item, how many answered each value – no respondent ids:

- `respondents` of a unit: the persons placed in that unit who answered at least one item;
- `item_counts` of a unit: {item: {value: number of answers}}, e.g. {"hme1": {4: 3, 5: 2}}.

A unit's figures are over its whole subtree (its own counts plus those of every unit below it).

Definitions (docs/definitions.md) and the choices made where it is silent:

- HME: nine items on 1–5. Item index = 25 × (mean − 1); a sub-index is the mean of its three item
  indices; the total is the mean of the nine item indices.
- Partial respondents: an item's mean uses every valid answer to that item. Choice: an item index is
  shown only with at least k answers to that item; a sub-index (the total) only when each of its three
  (nine) items has at least k answers. So a skipped item hides its sub-index and the total, never the
  other sub-indices.
- NMI: three items on 1–10; NMI = (mean of the three item means − 1) / 9 × 100, the definition named
  `NMI_DEFINITION`. Choice: shown only when each of the three has at least k answers. For the gap
  analysis an NMI item gets an item index on 0–100 too, (mean − 1) / 9 × 100, so that NMI is the mean
  of its three item indices as an HME sub-index is of its three.
- eNPS: the item `enps` on 0–10; share of answers 9–10 minus share of answers 0–6, in percent (−100 …
  100). Shown only with at least k answers. It has no item index and no row in the gap analysis (it is
  a difference of shares, not a mean on a scale).
- Anonymity (docs/adr/009-survey-stored-as-distributions.md; k = 5 by default, never below 3):
  answers are stored only per reporting group pooled by respondents (`pool_by_respondents`, the
  pulse's rules 1 and 6), in cells of at least k (`pool_cells`: a group keeps women and men apart only
  when each cell reaches k; an item with fewer than k answers in a cell is not stored). What is shown
  is decided once, at import, through the one gate (`decide`, kasam.metrics.disclosure.
  suppress_complements over respondents, per item over answers among the shown nodes, per gender for
  splits) on the tree as it stood then, and stored; `survey_figures` computes the figures from the
  stored cells, the frozen tree and the stored decision, never deciding again. Since every stored cell
  has k or more, every remainder of the shown nodes is 0 or ≥ k: no difference of shown figures covers
  1 … k − 1 respondents, nor 1 … k − 1 answers to one item.
- Splits (women/men): a node shows one only when every cell in its subtree keeps its split (so women
  and men each number at least k), and an item in it only when every group has at least k answers.
  (`gender_split` is the same rule on one node's groups alone.)
- Figures leave at full precision, or None when hidden or not asked: they are rounded once, when
  shown (a page's number filter, a report's decimals), and for JSON to 2 decimals (`rounded_figures`,
  `SurveyResults.as_json`). Rounding them here too made a page round a rounded number (NMI 63.648
  → 63.65 → "63,7" instead of "63,6").

Modules, one concern each (importing from the package itself gives every public name, as before):
- items.py: the items, scales, names and constants; the checked tallies (`check_value`,
  `check_item_counts`).
- answers.py: long answer rows – their checks (`answer_problems`) and counts (`counts_from_answers`).
- indices.py: one node's figures (`node_figures`, `item_indices`, `rounded_figures`).
- tree.py: the unit tree and the gate's tree (`tree_order`, `gate_tree`).
- pooling.py: reporting groups and the cells that may be stored (`pool_by_respondents`, `pool_cells`).
- gate.py: the disclosure decision (`decide`, `SurveyDecision`) and re-pooling (`repooled_decision`).
- results.py: the figures as decided (`survey_figures`, `SurveyResults`) and the analyst's path
  (`tree_results`).
- splits.py: gender splits (`split_figures`, `gender_split`).
- gaps.py: the gap analysis (`gap_analysis`, `gap_analyses`, `GapRow`).
"""

from kasam.metrics.survey.answers import (
    Problem,
    UnitCounts,
    answer_problems,
    counts_from_answers,
)
from kasam.metrics.survey.gaps import (
    GapRow,
    gap_analyses,
    gap_analysis,
)
from kasam.metrics.survey.gate import (
    SurveyDecision,
    Withdrawal,
    decide,
    repooled_decision,
)
from kasam.metrics.survey.indices import (
    hidden_figures,
    item_indices,
    node_figures,
    rounded,
    rounded_figures,
)
from kasam.metrics.survey.items import (
    ANSWER_COLUMNS,
    DECIMALS,
    ENPS_DETRACTOR_MAX,
    ENPS_ITEM,
    ENPS_PROMOTER_MIN,
    HME_ITEMS,
    HME_SUBINDICES,
    INDEX_ITEMS,
    ITEM_NAMES,
    ITEMS,
    NMI_DEFINITION,
    NMI_ITEMS,
    ORGANISATION,
    SCALES,
    SURVEY_K_DEFAULT,
    ItemCounts,
    check_count,
    check_item_counts,
    check_value,
)
from kasam.metrics.survey.pooling import (
    ALL,
    GENDERS,
    SPLIT_REQUIRED,
    Cell,
    Cells,
    PooledSurvey,
    Pooling,
    pool_by_respondents,
    pool_cells,
)
from kasam.metrics.survey.results import (
    LazyFigures,
    SurveyResults,
    survey_figures,
    tree_results,
)
from kasam.metrics.survey.splits import (
    gender_split,
    split_figures,
)
from kasam.metrics.survey.tree import (
    gate_tree,
    pooling_top,
    tree_order,
)

__all__ = [
    "ALL",
    "ANSWER_COLUMNS",
    "Cell",
    "Cells",
    "DECIMALS",
    "ENPS_DETRACTOR_MAX",
    "ENPS_ITEM",
    "ENPS_PROMOTER_MIN",
    "GENDERS",
    "GapRow",
    "HME_ITEMS",
    "HME_SUBINDICES",
    "INDEX_ITEMS",
    "ITEMS",
    "ITEM_NAMES",
    "ItemCounts",
    "LazyFigures",
    "NMI_DEFINITION",
    "NMI_ITEMS",
    "ORGANISATION",
    "PooledSurvey",
    "Pooling",
    "Problem",
    "SCALES",
    "SPLIT_REQUIRED",
    "SURVEY_K_DEFAULT",
    "SurveyDecision",
    "SurveyResults",
    "UnitCounts",
    "Withdrawal",
    "answer_problems",
    "check_count",
    "check_item_counts",
    "check_value",
    "counts_from_answers",
    "decide",
    "gap_analyses",
    "gap_analysis",
    "gate_tree",
    "gender_split",
    "hidden_figures",
    "item_indices",
    "node_figures",
    "pool_by_respondents",
    "pool_cells",
    "pooling_top",
    "repooled_decision",
    "rounded",
    "rounded_figures",
    "split_figures",
    "survey_figures",
    "tree_order",
    "tree_results",
]
