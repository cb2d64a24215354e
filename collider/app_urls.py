from django.urls import path

from . import views

app_name = "collider"  # included from the root URLconf in collider/urls.py

urlpatterns = [
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
    path("calendar/renew/", views.calendar_token_reset, name="calendar_token_reset"),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("registrations/<str:token>/", views.registration_manage, name="registration_manage"),
    path("p/<slug:slug>/", views.programme_detail, name="programme_detail"),
    path("p/<slug:slug>/one-pager.pdf", views.programme_onepager, name="programme_onepager"),
    path("p/<slug:slug>/apply/", views.programme_apply, name="programme_apply"),
    path("p/<slug:slug>/manage/", views.programme_manage, name="programme_manage"),
    path(
        "p/<slug:slug>/manage/members/<int:pk>/decide/",
        views.membership_decide,
        name="membership_decide",
    ),
    path("p/<slug:slug>/manage/invitations/", views.invitation_list, name="invitation_list"),
    path(
        "p/<slug:slug>/manage/invitations/<int:pk>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path("p/<slug:slug>/manage/phases/", views.programme_phases, name="programme_phases"),
    path("p/<slug:slug>/manage/activity/", views.programme_activity, name="programme_activity"),
    path("p/<slug:slug>/events/", views.event_list, name="event_list"),
    path("p/<slug:slug>/events/new/", views.event_create, name="event_create"),
    path("p/<slug:slug>/events/<int:pk>/", views.event_detail, name="event_detail"),
    path("p/<slug:slug>/events/<int:pk>/edit/", views.event_edit, name="event_edit"),
    path("p/<slug:slug>/events/<int:pk>/cancel/", views.event_cancel, name="event_cancel"),
    path("p/<slug:slug>/events/<int:pk>/register/", views.event_register, name="event_register"),
    path(
        "p/<slug:slug>/events/<int:pk>/unregister/", views.event_unregister, name="event_unregister"
    ),
    path(
        "p/<slug:slug>/events/<int:pk>/attendance/", views.event_attendance, name="event_attendance"
    ),
    path("p/<slug:slug>/events/<int:pk>/event.ics", views.event_ics, name="event_ics"),
    path("p/<slug:slug>/exports/", views.export_list, name="export_list"),
    path("p/<slug:slug>/exports/<slug:key>.<str:fmt>", views.export_download, name="export"),
    path(
        "p/<slug:slug>/exports/<slug:key>.<str:fmt>/job/",
        views.export_job_start,
        name="export_job_start",
    ),
    path("exports/jobs/<int:pk>/", views.export_job_detail, name="export_job_detail"),
    path("exports/jobs/<int:pk>/status/", views.export_job_status, name="export_job_status"),
    path("exports/jobs/<int:pk>/download/", views.export_job_download, name="export_job_download"),
    path("network/", views.network, name="network"),
    path("network/export.csv", views.network_csv, name="network_csv"),
]
