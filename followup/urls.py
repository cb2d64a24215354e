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
    path(P + "mine/", views.my_cooperation, name="my_cooperation"),
    path(
        P + "mine/milestones/<int:pk>/evidence/",
        views.milestone_evidence,
        name="milestone_evidence",
    ),
    path(P + "export/<str:what>.<str:fmt>", views.export, name="export"),
    path(P + "report.pdf", views.report_pdf, name="report_pdf"),
]

# --- Feedback surveys
from .feedback import views as feedback  # noqa: E402 - kept apart from the rest to merge cleanly

F = P + "feedback/"
urlpatterns += [
    path(F, feedback.feedback_list, name="feedback_list"),
    path(F + "new/", feedback.feedback_create, name="feedback_create"),
    path(F + "<int:pk>/", feedback.feedback_detail, name="feedback_detail"),
    path(F + "<int:pk>/edit/", feedback.feedback_edit, name="feedback_edit"),
    path(F + "<int:pk>/open/", feedback.feedback_open, name="feedback_open"),
    path(F + "<int:pk>/close/", feedback.feedback_close, name="feedback_close"),
    path(F + "<int:pk>/results/", feedback.feedback_results, name="feedback_results"),
    path(F + "<int:pk>/answers/", feedback.feedback_answers, name="feedback_answers"),
    path(F + "<int:pk>/export.<str:fmt>", feedback.feedback_export, name="feedback_export"),
    path(F + "<int:pk>/respond/", feedback.feedback_respond, name="feedback_respond"),
]

# --- Joint evaluation and success stories
from .evaluation import views as evaluation  # noqa: E402
from .stories import views as stories  # noqa: E402

urlpatterns += [
    path(P + "periods/<int:pk>/evaluation/", evaluation.evaluation, name="evaluation"),
    path(
        P + "periods/<int:pk>/evaluation/confirm/",
        evaluation.evaluation_confirm,
        name="evaluation_confirm",
    ),
    path(P + "periods/<int:pk>/evaluation.pdf", evaluation.evaluation_pdf, name="evaluation_pdf"),
    path(P + "stories/", stories.story_list, name="story_list"),
    path(P + "cooperations/<int:pk>/story/", stories.story_create, name="story_create"),
    path(P + "stories/<int:pk>/", stories.story_detail, name="story_detail"),
    path(P + "stories/<int:pk>/edit/", stories.story_edit, name="story_edit"),
    path(P + "stories/<int:pk>/ask/", stories.story_ask, name="story_ask"),
    path(P + "stories/<int:pk>/publish/", stories.story_publish, name="story_publish"),
    path(P + "stories/<int:pk>/consent/", stories.story_consent, name="story_consent"),
]
