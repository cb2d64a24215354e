from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from . import services
from .adapters import ACCOUNT_MESSAGE_KIND
from .enums import ReminderState
from .models import (
    Event,
    Invitation,
    Membership,
    Organisation,
    OrganisationMember,
    Programme,
    ProgrammePhase,
    Registration,
    Reminder,
    User,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    """For models whose every write goes through a service: the admin shows and searches,
    it does not edit (phase apps use it too)."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_staff", "is_active", "date_joined"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Profile"), {"fields": ["first_name", "last_name", "job_title", "phone", "language"]}),
        (
            _("Permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]


class OrganisationMemberInline(admin.TabularInline):
    model = OrganisationMember
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "sector", "country", "region", "size"]
    list_filter = ["kind", "sector", "country", "size"]
    search_fields = ["name", "competences"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [OrganisationMemberInline]


class ProgrammePhaseInline(admin.TabularInline):
    model = ProgrammePhase
    extra = 0
    fields = ["phase", "starts_on", "ends_on", "override", "state"]
    readonly_fields = ["state"]


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "status", "starts_on", "ends_on"]
    list_filter = ["status"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ProgrammePhaseInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "programme", "role", "sector", "organisation", "status", "created_at"]
    list_filter = ["programme", "role", "sector", "status"]
    search_fields = ["user__email", "user__last_name", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]
    list_select_related = ["user", "programme", "organisation"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "programme", "role", "created_at", "expires_at", "accepted_at"]
    list_filter = ["programme", "role"]
    search_fields = ["email"]
    readonly_fields = ["token"]


class RegistrationInline(admin.TabularInline):
    model = Registration
    extra = 0
    fields = ["name", "email", "status", "attended", "queued_at"]
    readonly_fields = ["queued_at"]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "programme", "kind", "format", "starts_at", "capacity", "status"]
    list_filter = ["programme", "kind", "format", "status"]
    search_fields = ["title", "description", "venue"]
    date_hierarchy = "starts_at"
    inlines = [RegistrationInline]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "event", "status", "attended", "queued_at"]
    list_filter = ["status", "attended", "event__programme"]
    search_fields = ["name", "email", "event__title"]
    list_select_related = ["event"]


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    """The outbox. Failed rows are what an admin must look at; they can be retried."""

    list_display = ["kind", "email", "due_at", "state", "attempts", "sent_at", "short_error"]
    list_filter = ["state", "kind", "programme"]
    search_fields = ["email", "kind", "dedupe_key"]
    date_hierarchy = "due_at"
    readonly_fields = [f.name for f in Reminder._meta.fields]
    actions = ["retry"]

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if obj is not None and obj.kind == ACCOUNT_MESSAGE_KIND:
            # It holds live confirmation and password-reset links: staff must not read them.
            return [name for name in fields if name != "context"]
        return fields

    @admin.display(description=_("last error"))
    def short_error(self, obj: Reminder) -> str:
        return obj.last_error[:80]

    @admin.action(description=_("Retry the selected failed messages"))
    def retry(self, request, queryset):
        count = 0
        for reminder in queryset.filter(state=ReminderState.FAILED):
            services.reminder_retry(reminder=reminder)
            count += 1
        self.message_user(
            request, _("%(n)s message(s) queued again.") % {"n": count}, messages.SUCCESS
        )

    def has_add_permission(self, request) -> bool:
        return False
