from django.contrib import admin

from collider.admin import ReadOnlyAdmin

from .models import (
    Brochure,
    Checklist,
    ChecklistResponse,
    Handout,
    MediaCommitment,
    Practice,
)

# Read-only: practices, checklists, responses, brochures, handouts and media commitments are
# written by services (publication, scoring, PDF rendering, consent), never by a row edit.


@admin.register(Practice)
class PracticeAdmin(ReadOnlyAdmin):
    list_display = ["title", "programme", "kind", "level", "assessment", "status", "shared"]
    list_filter = ["status", "kind", "level", "assessment", "shared"]
    search_fields = ["title", "summary"]


@admin.register(Checklist)
class ChecklistAdmin(ReadOnlyAdmin):
    list_display = ["title", "programme", "audience", "status"]
    list_filter = ["status", "audience"]


@admin.register(ChecklistResponse)
class ChecklistResponseAdmin(ReadOnlyAdmin):
    list_display = ["organisation_name", "checklist", "sector", "source", "total_score"]
    list_filter = ["sector", "source"]
    # The respondent's secret link is not shown.
    exclude = ["token"]


@admin.register(Brochure)
class BrochureAdmin(ReadOnlyAdmin):
    list_display = ["title", "programme", "status", "pdf_pages", "rendered_at"]


@admin.register(Handout)
class HandoutAdmin(ReadOnlyAdmin):
    list_display = ["title", "programme", "event", "kind", "size"]


@admin.register(MediaCommitment)
class MediaCommitmentAdmin(ReadOnlyAdmin):
    list_display = ["outlet", "programme", "channel", "target_group", "status", "published_on"]
    list_filter = ["channel", "target_group", "status"]
