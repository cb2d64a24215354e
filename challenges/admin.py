from django.contrib import admin

from collider.admin import ReadOnlyAdmin

from .models import Challenge, Idea

# Read-only: every state change goes through a service, so the admin shows, it does not edit.


@admin.register(Challenge)
class ChallengeAdmin(ReadOnlyAdmin):
    list_display = ["title", "programme", "owner", "status", "idea_deadline"]
    list_filter = ["status", "programme"]
    search_fields = ["title"]


@admin.register(Idea)
class IdeaAdmin(ReadOnlyAdmin):
    list_display = ["title", "challenge", "lead", "status", "submitted_at"]
    list_filter = ["status"]
    search_fields = ["title"]
