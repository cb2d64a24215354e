"""URLs of the tandems app, mounted under the site root by the root URLconf."""

from django.urls import path

from .views import charters, contacts, meetings, partners, pilots, tasks

app_name = "tandems"

P = "p/<slug:slug>/tandem/"

urlpatterns = [
    path(P, partners.tandem_detail, name="tandem_detail"),
    path(P + "partners/add/", partners.tandem_partner_add, name="partner_add"),
    path(P + "partners/<int:pk>/edit/", partners.tandem_partner_edit, name="partner_edit"),
    path(P + "charter/", charters.charter, name="charter"),
    path(P + "charter/edit/", charters.charter_edit, name="charter_edit"),
    path(P + "charter/v<int:number>/confirm/", charters.charter_confirm, name="charter_confirm"),
    path(P + "charter/pdf/", charters.charter_pdf, name="charter_pdf"),
    path(P + "tasks/", tasks.task_list, name="task_list"),
    path(P + "tasks/new/", tasks.task_create, name="task_create"),
    path(P + "tasks/<int:pk>/edit/", tasks.task_edit, name="task_edit"),
    path(P + "timeline/", tasks.timeline, name="timeline"),
    path(P + "meetings/", meetings.meeting_list, name="meeting_list"),
    path(P + "meetings/series/new/", meetings.meeting_series_create, name="series_create"),
    path(P + "meetings/<int:pk>/", meetings.meeting_detail, name="meeting_detail"),
    path(P + "meetings/<int:pk>/agenda/", meetings.meeting_agenda, name="meeting_agenda"),
    path(P + "meetings/<int:pk>/minutes/", meetings.meeting_minutes, name="meeting_minutes"),
    path(P + "meetings/<int:pk>/actions/", meetings.action_item_create, name="action_create"),
    path(P + "actions/<int:pk>/done/", meetings.action_item_done, name="action_done"),
    path(P + "contacts/", contacts.contact_list, name="contact_list"),
    path(P + "contacts/new/", contacts.contact_create, name="contact_create"),
    path(P + "contacts/<int:pk>/edit/", contacts.contact_edit, name="contact_edit"),
    path(P + "contacts/<int:pk>/invite/", contacts.contact_invite, name="contact_invite"),
    path(P + "contacts/export.<str:fmt>", contacts.contact_export, name="contact_export"),
    path(P + "contacts/import/", contacts.contact_import, name="contact_import"),
    path(
        P + "contacts/import/<int:pk>/",
        contacts.contact_import_preview,
        name="contact_import_preview",
    ),
    path(P + "pilots/", pilots.pilot_list, name="pilot_list"),
    path(P + "pilots/new/", pilots.pilot_create, name="pilot_create"),
    path(P + "pilots/<int:pk>/", pilots.pilot_detail, name="pilot_detail"),
    path(P + "pilots/<int:pk>/edit/", pilots.pilot_edit, name="pilot_edit"),
    path(P + "pilots/<int:pk>/advance/", pilots.pilot_advance, name="pilot_advance"),
    path(P + "pilots/<int:pk>/publish/", pilots.pilot_publish, name="pilot_publish"),
    path(P + "pilots/<int:pk>/do/<slug:verb>/", pilots.pilot_action, name="pilot_action"),
    path(P + "pilots/<int:pk>/comments/", pilots.pilot_comment, name="pilot_comment"),
    path(P + "pilots/<int:pk>/sheet.pdf", pilots.pilot_pdf, name="pilot_pdf"),
    path(P + "toolbox/", pilots.toolbox, name="toolbox"),
]
