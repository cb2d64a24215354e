"""URLs of the challenges app (phase 4), programme-scoped under /p/<slug>/."""

from django.urls import path

from . import views

app_name = "challenges"

C = "p/<slug:slug>/challenges/<int:pk>/"
I = "p/<slug:slug>/ideas/<int:pk>/"  # noqa: E741 - short prefix names read like the URLs

urlpatterns = [
    path("p/<slug:slug>/challenges/", views.challenge_list, name="challenge_list"),
    path("p/<slug:slug>/challenges/new/", views.challenge_create, name="challenge_create"),
    path("p/<slug:slug>/challenges/criteria/", views.criteria, name="criteria"),
    path(C, views.challenge_detail, name="challenge_detail"),
    path(C + "edit/", views.challenge_edit, name="challenge_edit"),
    path(C + "confidential/", views.challenge_confidential, name="challenge_confidential"),
    path(C + "nda/", views.challenge_nda, name="challenge_nda"),
    path(C + "review/", views.challenge_review, name="challenge_review"),
    path(C + "translator/", views.challenge_translator, name="challenge_translator"),
    path(C + "schedule/", views.challenge_schedule, name="challenge_schedule"),
    path(C + "sheet.pdf", views.challenge_sheet, name="challenge_sheet"),
    path(C + "do/<slug:action>/", views.challenge_transition, name="challenge_transition"),
    path(C + "questions/", views.question_ask, name="question_ask"),
    path(C + "questions/<int:question_pk>/answer/", views.question_answer, name="question_answer"),
    path(C + "ideas/", views.idea_list, name="idea_list"),
    path(C + "ideas/new/", views.idea_create, name="idea_create"),
    path(C + "ranking/", views.ranking, name="ranking"),
    path("p/<slug:slug>/ideas/", views.my_ideas, name="my_ideas"),
    path(I, views.idea_detail, name="idea_detail"),
    path(I + "edit/", views.idea_edit, name="idea_edit"),
    path(I + "do/<slug:action>/", views.idea_action, name="idea_action"),
    path(I + "team/", views.idea_coauthor_invite, name="idea_coauthor_invite"),
    path(I + "needs/", views.idea_need_add, name="idea_need_add"),
    path(I + "needs/<int:need_pk>/delete/", views.idea_need_remove, name="idea_need_remove"),
    path(I + "attachments/", views.idea_attachment_add, name="idea_attachment_add"),
    path(
        I + "attachments/<int:attachment_pk>/",
        views.idea_attachment_download,
        name="idea_attachment_download",
    ),
    path(
        I + "attachments/<int:attachment_pk>/delete/",
        views.idea_attachment_remove,
        name="idea_attachment_remove",
    ),
    path(I + "reviewers/", views.review_assign, name="review_assign"),
    path("p/<slug:slug>/reviews/", views.my_reviews, name="my_reviews"),
    path("p/<slug:slug>/reviews/<int:pk>/", views.review_form, name="review_form"),
    path("p/<slug:slug>/funding/", views.funding_list, name="funding_list"),
    path("p/<slug:slug>/funding/new/", views.funding_edit, name="funding_create"),
    path("p/<slug:slug>/funding/<int:pk>/edit/", views.funding_edit, name="funding_edit"),
]
