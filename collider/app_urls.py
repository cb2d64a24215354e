from django.urls import path

from .privacy import views as privacy
from .views import events, exports, memberships, networks, organisations, pages, programmes, setup

app_name = "collider"  # included from the root URLconf in collider/urls.py

urlpatterns = [
    path("calendar/<str:token>.ics", pages.calendar_feed, name="calendar_feed"),
    path("calendar/renew/", pages.calendar_token_reset, name="calendar_token_reset"),
    path("invitations/<str:token>/", memberships.invitation_accept, name="invitation_accept"),
    path("registrations/<str:token>/", events.registration_manage, name="registration_manage"),
    path("programmes/new/", setup.programme_create, name="programme_create"),
    path("organisations/", organisations.organisation_list, name="organisation_list"),
    path("organisations/<int:pk>/", organisations.organisation_detail, name="organisation_detail"),
    path(
        "organisations/<int:pk>/members/<int:member_pk>/role/",
        organisations.organisation_member_role,
        name="organisation_member_role",
    ),
    path(
        "organisations/<int:pk>/members/<int:member_pk>/remove/",
        organisations.organisation_member_remove,
        name="organisation_member_remove",
    ),
    path(
        "organisations/<int:pk>/invitations/<int:invitation_pk>/revoke/",
        organisations.organisation_invitation_revoke,
        name="organisation_invitation_revoke",
    ),
    path(
        "organisations/invitations/<str:token>/",
        organisations.organisation_invitation_accept,
        name="organisation_invitation_accept",
    ),
    path("p/<slug:slug>/", programmes.programme_detail, name="programme_detail"),
    path("p/<slug:slug>/one-pager.pdf", programmes.programme_onepager, name="programme_onepager"),
    path("p/<slug:slug>/apply/", programmes.programme_apply, name="programme_apply"),
    path("p/<slug:slug>/manage/", memberships.programme_manage, name="programme_manage"),
    path(
        "p/<slug:slug>/manage/members/<int:pk>/approve/",
        memberships.membership_approve,
        name="membership_approve",
    ),
    path(
        "p/<slug:slug>/manage/members/<int:pk>/reject/",
        memberships.membership_reject,
        name="membership_reject",
    ),
    path("p/<slug:slug>/manage/invitations/", memberships.invitation_list, name="invitation_list"),
    path(
        "p/<slug:slug>/manage/invitations/<int:pk>/revoke/",
        memberships.invitation_revoke,
        name="invitation_revoke",
    ),
    path("p/<slug:slug>/manage/partners/", setup.programme_partners, name="programme_partners"),
    path("p/<slug:slug>/manage/phases/", programmes.programme_phases, name="programme_phases"),
    path(
        "p/<slug:slug>/manage/activity/", programmes.programme_activity, name="programme_activity"
    ),
    path("p/<slug:slug>/events/", events.event_list, name="event_list"),
    path("p/<slug:slug>/events/new/", events.event_create, name="event_create"),
    path("p/<slug:slug>/events/<int:pk>/", events.event_detail, name="event_detail"),
    path("p/<slug:slug>/events/<int:pk>/edit/", events.event_edit, name="event_edit"),
    path("p/<slug:slug>/events/<int:pk>/cancel/", events.event_cancel, name="event_cancel"),
    path("p/<slug:slug>/events/<int:pk>/register/", events.event_register, name="event_register"),
    path(
        "p/<slug:slug>/events/<int:pk>/unregister/",
        events.event_unregister,
        name="event_unregister",
    ),
    path(
        "p/<slug:slug>/events/<int:pk>/attendance/",
        events.event_attendance,
        name="event_attendance",
    ),
    path("p/<slug:slug>/events/<int:pk>/event.ics", events.event_ics, name="event_ics"),
    path("p/<slug:slug>/exports/", exports.export_list, name="export_list"),
    path("p/<slug:slug>/exports/<slug:key>.<str:fmt>", exports.export_download, name="export"),
    path(
        "p/<slug:slug>/exports/<slug:key>.<str:fmt>/job/",
        exports.export_job_start,
        name="export_job_start",
    ),
    path("exports/jobs/<int:pk>/", exports.export_job_detail, name="export_job_detail"),
    path("exports/jobs/<int:pk>/status/", exports.export_job_status, name="export_job_status"),
    path(
        "exports/jobs/<int:pk>/download/", exports.export_job_download, name="export_job_download"
    ),
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
    path("network/", networks.network, name="network"),
    path("network/export.csv", networks.network_csv, name="network_csv"),
]
