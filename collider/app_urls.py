from django.urls import path

from . import views
from .privacy import views as privacy

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
    path("privacy/", privacy.privacy, name="privacy"),
    path("privacy/export/", privacy.privacy_export, name="privacy_export"),
    path(
        "privacy/organisations/<int:pk>/export/",
        privacy.privacy_organisation_export,
        name="privacy_organisation_export",
    ),
    path("privacy/erase/", privacy.privacy_erase, name="privacy_erase"),
    path("privacy/erase/cancel/", privacy.privacy_erase_cancel, name="privacy_erase_cancel"),
    path("privacy-notice/", privacy.privacy_notice, name="privacy_notice"),
    path("privacy-notice/accept/", privacy.privacy_notice_accept, name="privacy_notice_accept"),
    path("privacy-notice/edit/", privacy.privacy_notice_edit, name="privacy_notice_edit"),
    path("privacy/erasures/", privacy.erasure_list, name="erasure_list"),
    path("privacy/erasures/<int:pk>/", privacy.erasure_detail, name="erasure_detail"),
    path("privacy/erasures/<int:pk>/cancel/", privacy.erasure_cancel, name="erasure_cancel"),
    path("privacy/erasures/<int:pk>/erase/", privacy.erasure_execute, name="erasure_execute"),
    path("privacy/retention/", privacy.retention_runs, name="retention_runs"),
    path("privacy/retention/run/", privacy.retention_run_now, name="retention_run_now"),
    path("network/", views.network, name="network"),
    path("network/export.csv", views.network_csv, name="network_csv"),
]
