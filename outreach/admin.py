from django.contrib import admin

from .models import (
    Brochure,
    Checklist,
    ChecklistResponse,
    Handout,
    MediaCommitment,
    Practice,
)


@admin.register(Practice)
class PracticeAdmin(admin.ModelAdmin):
    list_display = ["title", "programme", "kind", "level", "assessment", "status", "shared"]
    list_filter = ["status", "kind", "level", "assessment", "shared"]
    search_fields = ["title", "summary"]


@admin.register(Checklist)
class ChecklistAdmin(admin.ModelAdmin):
    list_display = ["title", "programme", "audience", "status"]
    list_filter = ["status", "audience"]


@admin.register(ChecklistResponse)
class ChecklistResponseAdmin(admin.ModelAdmin):
    list_display = ["organisation_name", "checklist", "sector", "source", "total_score"]
    list_filter = ["sector", "source"]
    readonly_fields = ["token"]


@admin.register(Brochure)
class BrochureAdmin(admin.ModelAdmin):
    list_display = ["title", "programme", "status", "pdf_pages", "rendered_at"]


@admin.register(Handout)
class HandoutAdmin(admin.ModelAdmin):
    list_display = ["title", "programme", "event", "kind", "size"]


@admin.register(MediaCommitment)
class MediaCommitmentAdmin(admin.ModelAdmin):
    list_display = ["outlet", "programme", "channel", "target_group", "status", "published_on"]
    list_filter = ["channel", "target_group", "status"]
