from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

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


class ReadOnlyPermissions:
    """No add, change or delete: a direct row edit would skip what the services do."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ReadOnlyAdmin(ReadOnlyPermissions, admin.ModelAdmin):
    """For models whose every write goes through a service (reminders re-timed, waitlists
    promoted, iCal sequence, notifications, audit): the admin shows and searches, it does not
    edit, and links to the product page that does the job (phase apps use it too)."""

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "product_page"]

    def product_url(self, obj) -> str:
        """Where the product changes ``obj``: its own page unless the admin says otherwise."""
        get_absolute_url = getattr(obj, "get_absolute_url", None)
        return get_absolute_url() if get_absolute_url else ""

    @admin.display(description=_("Where to change it"))
    def product_page(self, obj) -> str:
        url = self.product_url(obj) if obj is not None and obj.pk else ""
        if not url:
            return _("On the programme's pages in Collider, which apply every rule.")
        return format_html(
            '<a href="{}">{}</a>', url, _("Open it in Collider: changes are made there")
        )


class ReadOnlyInline(ReadOnlyPermissions, admin.TabularInline):
    """An inline that only shows rows (of a model written by services)."""

    extra = 0


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

    def has_delete_permission(self, request, obj=None) -> bool:
        # Deleting a person cascades into the programme's records (reviews, rankings) or is
        # blocked by them; people are erased by anonymisation on the product's "Personal data"
        # pages instead, which keeps every record intact.
        return False


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


class ProgrammePhaseInline(ReadOnlyInline):
    model = ProgrammePhase
    fields = ["phase", "starts_on", "ends_on", "override", "state"]


# Programmes, memberships, invitations, events and registrations are read-only here: their
# services re-time reminders, promote the waitlist, bump the iCal sequence, notify and audit.


@admin.register(Programme)
class ProgrammeAdmin(ReadOnlyAdmin):
    list_display = ["name", "status", "starts_on", "ends_on"]
    list_filter = ["status"]
    search_fields = ["name", "description"]
    inlines = [ProgrammePhaseInline]

    def product_url(self, obj: Programme) -> str:
        return reverse("collider:programme_manage", kwargs={"slug": obj.slug})


@admin.register(Membership)
class MembershipAdmin(ReadOnlyAdmin):
    list_display = ["user", "programme", "role", "sector", "organisation", "status", "created_at"]
    list_filter = ["programme", "role", "sector", "status"]
    search_fields = ["user__email", "user__last_name", "organisation__name"]
    list_select_related = ["user", "programme", "organisation"]

    def product_url(self, obj: Membership) -> str:
        return reverse("collider:programme_manage", kwargs={"slug": obj.programme.slug})


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdmin):
    list_display = ["email", "programme", "role", "created_at", "expires_at", "accepted_at"]
    list_filter = ["programme", "role"]
    search_fields = ["email"]
    # The secret link is not shown: the admin has no use for it.
    exclude = ["token"]

    def product_url(self, obj: Invitation) -> str:
        return reverse("collider:invitation_list", kwargs={"slug": obj.programme.slug})


class RegistrationInline(ReadOnlyInline):
    model = Registration
    fields = ["name", "email", "status", "attended", "queued_at"]


@admin.register(Event)
class EventAdmin(ReadOnlyAdmin):
    list_display = ["title", "programme", "kind", "format", "starts_at", "capacity", "status"]
    list_filter = ["programme", "kind", "format", "status"]
    search_fields = ["title", "description", "venue"]
    date_hierarchy = "starts_at"
    inlines = [RegistrationInline]


@admin.register(Registration)
class RegistrationAdmin(ReadOnlyAdmin):
    list_display = ["name", "email", "event", "status", "attended", "queued_at"]
    list_filter = ["status", "attended", "event__programme"]
    search_fields = ["name", "email", "event__title"]
    list_select_related = ["event"]

    def product_url(self, obj: Registration) -> str:
        return obj.event.get_absolute_url()


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
            request,
            ngettext("%(n)s message queued again.", "%(n)s messages queued again.", count)
            % {"n": count},
            messages.SUCCESS,
        )

    def has_add_permission(self, request) -> bool:
        return False
