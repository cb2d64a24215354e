"""URLs of the followup app, mounted under the site root by the root URLconf."""

from django.urls import path

from . import views

app_name = "followup"

P = "p/<slug:slug>/followup/"

urlpatterns = [
    path(P + "kpis/", views.kpi_dashboard, name="kpi_dashboard"),
    path(P + "periods/new/", views.period_create, name="period_create"),
    path(P + "periods/<int:pk>/targets/", views.period_targets, name="period_targets"),
    path(
        P + "periods/<int:pk>/corrections/new/", views.correction_create, name="correction_create"
    ),
    path(P + "periods/<int:pk>/lock/", views.period_lock, name="period_lock"),
    path(P + "board/", views.board, name="board"),
    path(P + "cooperations/new/", views.cooperation_create, name="cooperation_create"),
    path(P + "cooperations/<int:pk>/", views.cooperation_detail, name="cooperation_detail"),
    path(P + "cooperations/<int:pk>/move/", views.cooperation_move, name="cooperation_move"),
    path(P + "cooperations/<int:pk>/milestones/", views.milestone_add, name="milestone_add"),
    path(P + "milestones/<int:pk>/done/", views.milestone_done, name="milestone_done"),
    path(P + "checkins/<int:pk>/", views.checkin_answer, name="checkin_answer"),
    path(P + "export/<str:what>.<str:fmt>", views.export, name="export"),
    path(P + "report.pdf", views.report_pdf, name="report_pdf"),
]

# --- Feedback surveys
from . import views_feedback  # noqa: E402 - kept apart from the rest to merge cleanly

F = P + "feedback/"
urlpatterns += [
    path(F, views_feedback.feedback_list, name="feedback_list"),
    path(F + "new/", views_feedback.feedback_create, name="feedback_create"),
    path(F + "<int:pk>/", views_feedback.feedback_detail, name="feedback_detail"),
    path(F + "<int:pk>/edit/", views_feedback.feedback_edit, name="feedback_edit"),
    path(F + "<int:pk>/open/", views_feedback.feedback_open, name="feedback_open"),
    path(F + "<int:pk>/close/", views_feedback.feedback_close, name="feedback_close"),
    path(F + "<int:pk>/results/", views_feedback.feedback_results, name="feedback_results"),
    path(F + "<int:pk>/answers/", views_feedback.feedback_answers, name="feedback_answers"),
    path(F + "<int:pk>/export.<str:fmt>", views_feedback.feedback_export, name="feedback_export"),
    path(F + "<int:pk>/respond/", views_feedback.feedback_respond, name="feedback_respond"),
]

# --- Joint evaluation and success stories
from . import views_stories  # noqa: E402

urlpatterns += [
    path(P + "periods/<int:pk>/evaluation/", views_stories.evaluation, name="evaluation"),
    path(
        P + "periods/<int:pk>/evaluation/confirm/",
        views_stories.evaluation_confirm,
        name="evaluation_confirm",
    ),
    path(
        P + "periods/<int:pk>/evaluation.pdf", views_stories.evaluation_pdf, name="evaluation_pdf"
    ),
    path(P + "stories/", views_stories.story_list, name="story_list"),
    path(P + "cooperations/<int:pk>/story/", views_stories.story_create, name="story_create"),
    path(P + "stories/<int:pk>/", views_stories.story_detail, name="story_detail"),
    path(P + "stories/<int:pk>/edit/", views_stories.story_edit, name="story_edit"),
    path(P + "stories/<int:pk>/ask/", views_stories.story_ask, name="story_ask"),
    path(P + "stories/<int:pk>/publish/", views_stories.story_publish, name="story_publish"),
    path(P + "stories/<int:pk>/consent/", views_stories.story_consent, name="story_consent"),
]
