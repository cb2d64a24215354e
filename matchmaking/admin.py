"""Read-only admin of the matchmaking app: every write goes through a service (requests, the
scheduler, signatures and their side effects), so the admin shows and searches, it does not
edit."""

from django.contrib import admin

from collider.admin import ReadOnlyAdmin

from .models import (
    Agreement,
    Deliverable,
    MeetingRequest,
    Participation,
    Party,
    Pick,
    Profile,
    ScheduleVersion,
    Slot,
    Table,
    Term,
    Workshop,
)


@admin.register(Term)
class TermAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind", "programme"]
    list_filter = ["kind", "programme"]
    search_fields = ["name"]


@admin.register(Profile)
class ProfileAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "side", "programme", "region", "updated_at"]
    list_filter = ["side", "programme"]
    search_fields = ["user__email", "user__first_name", "user__last_name", "organisation__name"]
    list_select_related = ["user", "organisation", "programme"]


@admin.register(Pick)
class PickAdmin(ReadOnlyAdmin):
    list_display = ["candidate", "company", "kind", "by", "created_at"]
    list_filter = ["kind", "programme"]
    search_fields = ["candidate__user__email", "company__user__email", "note"]
    list_select_related = ["candidate__user", "company__user", "by"]


@admin.register(Workshop)
class WorkshopAdmin(ReadOnlyAdmin):
    list_display = [
        "__str__",
        "request_mode",
        "default_cap",
        "booking_closes_at",
        "published_version",
    ]
    list_filter = ["request_mode", "event__programme"]
    search_fields = ["event__title"]
    list_select_related = ["event"]


@admin.register(Slot)
class SlotAdmin(ReadOnlyAdmin):
    list_display = ["workshop", "index", "starts_at", "ends_at"]
    list_filter = ["workshop__event__programme"]
    search_fields = ["workshop__event__title"]
    list_select_related = ["workshop__event"]


@admin.register(Table)
class TableAdmin(ReadOnlyAdmin):
    list_display = ["name", "workshop", "fixed_for"]
    list_filter = ["workshop__event__programme"]
    search_fields = ["name", "workshop__event__title"]
    list_select_related = ["workshop__event", "fixed_for__user", "fixed_for__organisation"]


@admin.register(Participation)
class ParticipationAdmin(ReadOnlyAdmin):
    list_display = ["profile", "workshop", "cap"]
    list_filter = ["profile__side", "workshop__event__programme"]
    search_fields = ["profile__user__email", "workshop__event__title"]
    list_select_related = ["profile__user", "profile__organisation", "workshop__event"]


@admin.register(MeetingRequest)
class MeetingRequestAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "workshop", "status", "mutual", "facilitator_pick", "slot", "locked"]
    list_filter = ["status", "mutual", "facilitator_pick", "locked"]
    search_fields = ["requester__user__email", "recipient__user__email", "reason"]
    list_select_related = [
        "requester__user",
        "requester__organisation",
        "recipient__user",
        "recipient__organisation",
        "workshop__event",
        "slot",
    ]


@admin.register(ScheduleVersion)
class ScheduleVersionAdmin(ReadOnlyAdmin):
    list_display = ["workshop", "number", "method", "notified", "published_by", "published_at"]
    list_filter = ["workshop__event__programme"]
    search_fields = ["workshop__event__title"]
    list_select_related = ["workshop__event", "published_by"]


@admin.register(Agreement)
class AgreementAdmin(ReadOnlyAdmin):
    list_display = ["title", "kind", "programme", "status", "revision", "signed_at"]
    list_filter = ["kind", "status", "programme"]
    search_fields = ["title"]
    list_select_related = ["programme"]


@admin.register(Party)
class PartyAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "agreement", "role", "email", "signed_name", "signed_at"]
    list_filter = ["agreement__programme"]
    search_fields = ["name", "email", "organisation_name", "user__email", "agreement__title"]
    list_select_related = ["agreement", "user", "organisation"]


@admin.register(Deliverable)
class DeliverableAdmin(ReadOnlyAdmin):
    list_display = ["title", "agreement", "due_on"]
    list_filter = ["agreement__programme"]
    search_fields = ["title", "agreement__title"]
    list_select_related = ["agreement"]
