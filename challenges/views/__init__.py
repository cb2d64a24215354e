"""Thin views of phase 4, split by entity: resolve through a selector (404), check a rules
permission (403 / log-in), hand the form to ``collider.viewutils.submit`` (or a button to
``act`` / ``collider.actions.action_view``), render."""

from .challenge import (
    challenge_create,
    challenge_detail,
    challenge_edit,
    challenge_list,
    challenge_review,
    challenge_schedule,
    challenge_sheet,
    challenge_transition,
    challenge_translator,
)
from .funding import funding_edit, funding_list
from .idea import (
    idea_action,
    idea_attachment_add,
    idea_attachment_download,
    idea_attachment_remove,
    idea_coauthor_invite,
    idea_create,
    idea_detail,
    idea_edit,
    idea_list,
    idea_need_add,
    idea_need_remove,
    my_ideas,
)
from .qa import challenge_confidential, challenge_nda, question_answer, question_ask
from .review import criteria, my_reviews, ranking, review_assign, review_form

__all__ = [
    "challenge_confidential",
    "challenge_create",
    "challenge_detail",
    "challenge_edit",
    "challenge_list",
    "challenge_nda",
    "challenge_review",
    "challenge_schedule",
    "challenge_sheet",
    "challenge_transition",
    "challenge_translator",
    "criteria",
    "funding_edit",
    "funding_list",
    "idea_action",
    "idea_attachment_add",
    "idea_attachment_download",
    "idea_attachment_remove",
    "idea_coauthor_invite",
    "idea_create",
    "idea_detail",
    "idea_edit",
    "idea_list",
    "idea_need_add",
    "idea_need_remove",
    "my_ideas",
    "my_reviews",
    "question_answer",
    "question_ask",
    "ranking",
    "review_assign",
    "review_form",
]
