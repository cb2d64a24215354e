"""URLs of the outreach app: programme pages under /p/<slug>/, public links under /checklist/."""

from django.urls import path

from .views import brochures, checklists, info_days, media, practices

app_name = "outreach"

P = "p/<slug:slug>/"
C = P + "checklists/<int:pk>/"

urlpatterns = [
    # Best-practice library
    path(P + "practices/", practices.practice_list, name="practice_list"),
    path(P + "practices/new/", practices.practice_create, name="practice_create"),
    path(P + "practices/<int:pk>/", practices.practice_detail, name="practice_detail"),
    path(P + "practices/<int:pk>/edit/", practices.practice_edit, name="practice_edit"),
    path(P + "practices/<int:pk>/publish/", practices.practice_publish, name="practice_publish"),
    path(
        P + "practices/<int:pk>/unpublish/",
        practices.practice_unpublish,
        name="practice_unpublish",
    ),
    path(P + "practices/<int:pk>/images/", practices.practice_image_add, name="practice_image_add"),
    path(P + "practice-images/<int:pk>/", practices.practice_image, name="practice_image"),
    path(
        P + "practice-images/<int:pk>/delete/",
        practices.practice_image_delete,
        name="practice_image_delete",
    ),
    # Readiness checklists: builder and results
    path(P + "checklists/", checklists.checklist_list, name="checklist_list"),
    path(P + "checklists/new/", checklists.checklist_create, name="checklist_create"),
    path(C, checklists.checklist_detail, name="checklist_detail"),
    path(C + "edit/", checklists.checklist_edit, name="checklist_edit"),
    path(C + "open/", checklists.checklist_open, name="checklist_open"),
    path(C + "close/", checklists.checklist_close, name="checklist_close"),
    path(C + "sections/new/", checklists.section_edit, name="section_create"),
    path(C + "sections/<int:section_pk>/", checklists.section_edit, name="section_edit"),
    path(C + "sections/<int:section_pk>/delete/", checklists.section_delete, name="section_delete"),
    path(
        C + "sections/<int:section_pk>/questions/new/",
        checklists.question_edit,
        name="question_create",
    ),
    path(
        C + "sections/<int:section_pk>/questions/<int:question_pk>/",
        checklists.question_edit,
        name="question_edit",
    ),
    path(
        C + "questions/<int:question_pk>/delete/",
        checklists.question_delete,
        name="question_delete",
    ),
    path(C + "qr.svg", checklists.checklist_qr, name="checklist_qr"),
    path(C + "checklist.pdf", checklists.checklist_pdf, name="checklist_pdf"),
    path(C + "results/", checklists.checklist_results, name="checklist_results"),
    path(C + "responses/", checklists.checklist_responses, name="checklist_responses"),
    path(C + "responses.csv", checklists.checklist_export, name="checklist_export"),
    path(C + "paper/", checklists.checklist_paper, name="checklist_paper"),
    # Public checklist link (no login)
    path("checklist/<str:token>/", checklists.checklist_answer, name="checklist_answer"),
    path(
        "checklist/<str:token>/checklist.pdf",
        checklists.checklist_public_pdf,
        name="checklist_public_pdf",
    ),
    path("checklist-results/<str:token>/", checklists.checklist_result, name="checklist_result"),
    # Info days
    path(P + "info-days/", info_days.info_day_list, name="info_day_list"),
    path(P + "info-days/new/", info_days.info_day_create, name="info_day_create"),
    path(P + "info-days/<int:pk>/", info_days.info_day_detail, name="info_day_detail"),
    path(P + "info-days/<int:pk>/manage/", info_days.info_day_manage, name="info_day_manage"),
    path(
        P + "info-day-items/<int:pk>/delete/",
        info_days.info_day_item_delete,
        name="info_day_item_delete",
    ),
    path(P + "handouts/<int:pk>/", info_days.handout_download, name="handout_download"),
    path(P + "handouts/<int:pk>/delete/", info_days.handout_delete, name="handout_delete"),
    # Brochures
    path(P + "brochures/", brochures.brochure_list, name="brochure_list"),
    path(P + "brochures/new/", brochures.brochure_edit, name="brochure_create"),
    path(P + "brochures/<int:pk>/edit/", brochures.brochure_edit, name="brochure_edit"),
    path(P + "brochures/<int:pk>/publish/", brochures.brochure_publish, name="brochure_publish"),
    path(
        P + "brochures/<int:pk>/unpublish/",
        brochures.brochure_unpublish,
        name="brochure_unpublish",
    ),
    path(P + "brochures/<int:pk>/brochure.pdf", brochures.brochure_pdf, name="brochure_pdf"),
    # Media log
    path(P + "media/", media.media_list, name="media_list"),
    path(P + "media/new/", media.media_edit, name="media_create"),
    path(P + "media/<int:pk>/", media.media_edit, name="media_edit"),
    path(P + "media/<int:pk>/commit/", media.media_commit, name="media_commit"),
    path(P + "media/<int:pk>/publish/", media.media_publish, name="media_publish"),
]
