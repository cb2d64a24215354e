"""URLs of the matchmaking app."""

from django.urls import path

from . import views

app_name = "matchmaking"

P = "p/<slug:slug>/matchmaking/"
W = P + "workshops/<int:pk>/"

urlpatterns = [
    path(P, views.hub, name="hub"),
    path(P + "profile/", views.profile_edit, name="profile_edit"),
    path(P + "terms/", views.terms, name="terms"),
    path(P + "terms/<int:pk>/delete/", views.term_delete, name="term_delete"),
    path(P + "companies/<int:pk>/", views.company_detail, name="company_detail"),
    path(P + "companies/<int:pk>/pick/", views.pick, name="pick"),
    path(P + "challenges/<int:pk>/cci/", views.challenge_cci, name="challenge_cci"),
    path(P + "workshops/new/", views.workshop_create, name="workshop_create"),
    path(W, views.workshop_detail, name="workshop_detail"),
    path(W + "availability/", views.availability, name="availability"),
    path(W + "requests/", views.request_create, name="request_create"),
    path(W + "requests/<int:request_pk>/answer/", views.request_answer, name="request_answer"),
    path(W + "meetings/<int:request_pk>/held/", views.meeting_held, name="meeting_held"),
    path(W + "meetings/<int:request_pk>/lock/", views.meeting_lock, name="meeting_lock"),
    path(W + "meetings/<int:request_pk>/move/", views.meeting_move, name="meeting_move"),
    path(W + "experts/", views.experts, name="experts"),
    path(W + "schedule/", views.schedule, name="schedule"),
    path(
        W + "schedule/runs/<int:run_pk>/status/",
        views.schedule_run_status,
        name="schedule_run_status",
    ),
    path(W + "schedule/runs/<int:run_pk>/stop/", views.schedule_run_stop, name="schedule_run_stop"),
    path(W + "publish/", views.publish, name="publish"),
    path(W + "agenda.pdf", views.agenda_pdf, name="agenda_pdf"),
    path(W + "agenda.ics", views.agenda_ics, name="agenda_ics"),
    path(W + "table-plan.pdf", views.table_plan, name="table_plan"),
    path(P + "agreements/", views.agreement_list, name="agreement_list"),
    path(P + "agreements/new/", views.agreement_create, name="agreement_create"),
    path(P + "agreements/<int:pk>/", views.agreement_detail, name="agreement_detail"),
    path(P + "agreements/<int:pk>/edit/", views.agreement_edit, name="agreement_edit"),
    path(P + "agreements/<int:pk>/sign/", views.agreement_sign, name="agreement_sign"),
    path(P + "agreements/<int:pk>/parties/", views.agreement_party_add, name="agreement_party_add"),
    path(P + "agreements/<int:pk>/agreement.pdf", views.agreement_pdf, name="agreement_pdf"),
    # Public, gated by a signed token: external parties sign without an account.
    path("matchmaking/sign/<str:token>/", views.sign_link, name="sign_link"),
]
