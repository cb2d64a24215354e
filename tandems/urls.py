"""URLs of the tandems app, mounted under the site root by the root URLconf."""

from django.urls import path

from . import views

app_name = "tandems"

P = "p/<slug:slug>/tandem/"

urlpatterns = [
    path(P, views.tandem_detail, name="tandem_detail"),
    path(P + "partners/add/", views.tandem_partner_add, name="partner_add"),
    path(P + "partners/<int:pk>/edit/", views.tandem_partner_edit, name="partner_edit"),
    path(P + "charter/", views.charter, name="charter"),
    path(P + "charter/edit/", views.charter_edit, name="charter_edit"),
    path(P + "charter/v<int:number>/confirm/", views.charter_confirm, name="charter_confirm"),
    path(P + "charter/pdf/", views.charter_pdf, name="charter_pdf"),
    path(P + "tasks/", views.task_list, name="task_list"),
    path(P + "tasks/new/", views.task_create, name="task_create"),
    path(P + "tasks/<int:pk>/edit/", views.task_edit, name="task_edit"),
    path(P + "timeline/", views.timeline, name="timeline"),
    path(P + "meetings/", views.meeting_list, name="meeting_list"),
    path(P + "meetings/series/new/", views.meeting_series_create, name="series_create"),
    path(P + "meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path(P + "meetings/<int:pk>/agenda/", views.meeting_agenda, name="meeting_agenda"),
    path(P + "meetings/<int:pk>/minutes/", views.meeting_minutes, name="meeting_minutes"),
    path(P + "meetings/<int:pk>/actions/", views.action_item_create, name="action_create"),
    path(P + "actions/<int:pk>/done/", views.action_item_done, name="action_done"),
    path(P + "contacts/", views.contact_list, name="contact_list"),
    path(P + "contacts/new/", views.contact_create, name="contact_create"),
    path(P + "contacts/<int:pk>/edit/", views.contact_edit, name="contact_edit"),
    path(P + "contacts/<int:pk>/invite/", views.contact_invite, name="contact_invite"),
    path(P + "contacts/export.<str:fmt>", views.contact_export, name="contact_export"),
    path(P + "contacts/import/", views.contact_import, name="contact_import"),
    path(
        P + "contacts/import/<int:pk>/", views.contact_import_preview, name="contact_import_preview"
    ),
    path(P + "pilots/", views.pilot_list, name="pilot_list"),
    path(P + "pilots/new/", views.pilot_create, name="pilot_create"),
    path(P + "pilots/<int:pk>/", views.pilot_detail, name="pilot_detail"),
    path(P + "pilots/<int:pk>/edit/", views.pilot_edit, name="pilot_edit"),
    path(P + "pilots/<int:pk>/advance/", views.pilot_advance, name="pilot_advance"),
    path(P + "pilots/<int:pk>/publish/", views.pilot_publish, name="pilot_publish"),
    path(P + "pilots/<int:pk>/comments/", views.pilot_comment, name="pilot_comment"),
    path(P + "pilots/<int:pk>/sheet.pdf", views.pilot_pdf, name="pilot_pdf"),
    path(P + "toolbox/", views.toolbox, name="toolbox"),
]
