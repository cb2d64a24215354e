"""URLs of the matchmaking app."""

from django.urls import path

from .views import agreements, profiles, requests, scheduling, workshops

app_name = "matchmaking"

P = "p/<slug:slug>/matchmaking/"
W = P + "workshops/<int:pk>/"

urlpatterns = [
    path(P, profiles.hub, name="hub"),
    path(P + "profile/", profiles.profile_edit, name="profile_edit"),
    path(P + "market/", profiles.market, name="market"),
    path(P + "market/<int:pk>/", profiles.profile_detail, name="profile_detail"),
    path(P + "terms/", profiles.terms, name="terms"),
    path(P + "terms/<int:pk>/delete/", profiles.term_delete, name="term_delete"),
    path(P + "companies/<int:pk>/", profiles.company_detail, name="company_detail"),
    path(P + "companies/<int:pk>/pick/", profiles.pick, name="pick"),
    path(P + "challenges/<int:pk>/cci/", profiles.challenge_cci, name="challenge_cci"),
    path(P + "workshops/new/", workshops.workshop_create, name="workshop_create"),
    path(W, workshops.workshop_detail, name="workshop_detail"),
    path(W + "availability/", workshops.availability, name="availability"),
    path(W + "requests/", requests.request_create, name="request_create"),
    path(W + "requests/<int:request_pk>/answer/", requests.request_answer, name="request_answer"),
    path(W + "meetings/<int:request_pk>/held/", requests.meeting_held, name="meeting_held"),
    path(W + "meetings/<int:request_pk>/lock/", requests.meeting_lock, name="meeting_lock"),
    path(W + "meetings/<int:request_pk>/move/", scheduling.meeting_move, name="meeting_move"),
    path(W + "experts/", workshops.experts, name="experts"),
    path(W + "schedule/", scheduling.schedule, name="schedule"),
    path(
        W + "schedule/runs/<int:run_pk>/status/",
        scheduling.schedule_run_status,
        name="schedule_run_status",
    ),
    path(
        W + "schedule/runs/<int:run_pk>/stop/",
        scheduling.schedule_run_stop,
        name="schedule_run_stop",
    ),
    path(W + "publish/", scheduling.publish, name="publish"),
    path(W + "agenda.pdf", workshops.agenda_pdf, name="agenda_pdf"),
    path(W + "agenda.ics", workshops.agenda_ics, name="agenda_ics"),
    path(W + "table-plan.pdf", scheduling.table_plan, name="table_plan"),
    path(P + "agreements/", agreements.agreement_list, name="agreement_list"),
    path(P + "agreements/new/", agreements.agreement_create, name="agreement_create"),
    path(P + "agreements/<int:pk>/", agreements.agreement_detail, name="agreement_detail"),
    path(P + "agreements/<int:pk>/edit/", agreements.agreement_edit, name="agreement_edit"),
    path(P + "agreements/<int:pk>/sign/", agreements.agreement_sign, name="agreement_sign"),
    path(
        P + "agreements/<int:pk>/parties/",
        agreements.agreement_party_add,
        name="agreement_party_add",
    ),
    path(P + "agreements/<int:pk>/agreement.pdf", agreements.agreement_pdf, name="agreement_pdf"),
    # Public, gated by a signed token: external parties sign without an account.
    path("matchmaking/sign/<str:token>/", agreements.sign_link, name="sign_link"),
]
