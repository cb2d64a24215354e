"""URLs of the outreach app: programme pages under /p/<slug>/, public links under /checklist/."""

from django.urls import path

from . import views

app_name = "outreach"

P = "p/<slug:slug>/"
C = P + "checklists/<int:pk>/"

urlpatterns = [
    # Best-practice library
    path(P + "practices/", views.practice_list, name="practice_list"),
    path(P + "practices/new/", views.practice_create, name="practice_create"),
    path(P + "practices/<int:pk>/", views.practice_detail, name="practice_detail"),
    path(P + "practices/<int:pk>/edit/", views.practice_edit, name="practice_edit"),
    path(P + "practices/<int:pk>/publish/", views.practice_publish, name="practice_publish"),
    path(P + "practices/<int:pk>/images/", views.practice_image_add, name="practice_image_add"),
    path(P + "practice-images/<int:pk>/", views.practice_image, name="practice_image"),
    path(
        P + "practice-images/<int:pk>/delete/",
        views.practice_image_delete,
        name="practice_image_delete",
    ),
    # Readiness checklists: builder and results
    path(P + "checklists/", views.checklist_list, name="checklist_list"),
    path(P + "checklists/new/", views.checklist_create, name="checklist_create"),
    path(C, views.checklist_detail, name="checklist_detail"),
    path(C + "edit/", views.checklist_edit, name="checklist_edit"),
    path(C + "status/", views.checklist_status, name="checklist_status"),
    path(C + "sections/new/", views.section_edit, name="section_create"),
    path(C + "sections/<int:section_pk>/", views.section_edit, name="section_edit"),
    path(C + "sections/<int:section_pk>/delete/", views.section_delete, name="section_delete"),
    path(
        C + "sections/<int:section_pk>/questions/new/",
        views.question_edit,
        name="question_create",
    ),
    path(
        C + "sections/<int:section_pk>/questions/<int:question_pk>/",
        views.question_edit,
        name="question_edit",
    ),
    path(C + "questions/<int:question_pk>/delete/", views.question_delete, name="question_delete"),
    path(C + "qr.svg", views.checklist_qr, name="checklist_qr"),
    path(C + "checklist.pdf", views.checklist_pdf, name="checklist_pdf"),
    path(C + "results/", views.checklist_results, name="checklist_results"),
    path(C + "responses/", views.checklist_responses, name="checklist_responses"),
    path(C + "responses.csv", views.checklist_export, name="checklist_export"),
    path(C + "paper/", views.checklist_paper, name="checklist_paper"),
    # Public checklist link (no login)
    path("checklist/<str:token>/", views.checklist_answer, name="checklist_answer"),
    path(
        "checklist/<str:token>/checklist.pdf",
        views.checklist_public_pdf,
        name="checklist_public_pdf",
    ),
    path("checklist-results/<str:token>/", views.checklist_result, name="checklist_result"),
    # Info days
    path(P + "info-days/", views.info_day_list, name="info_day_list"),
    path(P + "info-days/new/", views.info_day_create, name="info_day_create"),
    path(P + "info-days/<int:pk>/", views.info_day_detail, name="info_day_detail"),
    path(P + "info-days/<int:pk>/manage/", views.info_day_manage, name="info_day_manage"),
    path(
        P + "info-day-items/<int:pk>/delete/",
        views.info_day_item_delete,
        name="info_day_item_delete",
    ),
    path(P + "handouts/<int:pk>/", views.handout_download, name="handout_download"),
    path(P + "handouts/<int:pk>/delete/", views.handout_delete, name="handout_delete"),
    # Brochures
    path(P + "brochures/", views.brochure_list, name="brochure_list"),
    path(P + "brochures/new/", views.brochure_edit, name="brochure_create"),
    path(P + "brochures/<int:pk>/edit/", views.brochure_edit, name="brochure_edit"),
    path(P + "brochures/<int:pk>/publish/", views.brochure_publish, name="brochure_publish"),
    path(P + "brochures/<int:pk>/brochure.pdf", views.brochure_pdf, name="brochure_pdf"),
    # Media log
    path(P + "media/", views.media_list, name="media_list"),
    path(P + "media/new/", views.media_edit, name="media_create"),
    path(P + "media/<int:pk>/", views.media_edit, name="media_edit"),
    path(P + "media/<int:pk>/commit/", views.media_commit, name="media_commit"),
    path(P + "media/<int:pk>/publish/", views.media_publish, name="media_publish"),
]
