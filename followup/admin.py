"""Read-only admin of the follow-up app: stage moves, check-ins, signatures of evaluations and
consents to stories all have side effects (e-mails, frozen KPI values, library entries), so every
write goes through a service; the admin shows and searches. Survey responses are left out on
purpose: an anonymous survey must not become named through the back door."""

from django.contrib import admin

from collider.admin import ReadOnlyAdmin

from .models import (
    CheckIn,
    Cooperation,
    JointEvaluation,
    KpiCorrection,
    KpiTarget,
    Milestone,
    ReportingPeriod,
    StageMove,
    StoryConsent,
    SuccessStory,
    Survey,
)


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(ReadOnlyAdmin):
    list_display = ["name", "programme", "starts_on", "ends_on", "locked_at"]
    list_filter = ["programme"]
    search_fields = ["name"]
    list_select_related = ["programme"]


@admin.register(KpiTarget)
class KpiTargetAdmin(ReadOnlyAdmin):
    list_display = ["key", "target", "period"]
    search_fields = ["key"]
    list_select_related = ["period"]


@admin.register(KpiCorrection)
class KpiCorrectionAdmin(ReadOnlyAdmin):
    list_display = ["key", "delta", "period", "created_by", "created_at"]
    search_fields = ["key", "reason"]
    list_select_related = ["period", "created_by"]


@admin.register(Cooperation)
class CooperationAdmin(ReadOnlyAdmin):
    list_display = ["title", "programme", "cci_organisation", "avm_organisation", "stage"]
    list_filter = ["stage", "programme"]
    search_fields = ["title", "cci_organisation__name", "avm_organisation__name"]
    list_select_related = ["programme", "cci_organisation", "avm_organisation"]


@admin.register(StageMove)
class StageMoveAdmin(ReadOnlyAdmin):
    list_display = ["cooperation", "from_stage", "to_stage", "by", "at"]
    list_filter = ["to_stage"]
    search_fields = ["cooperation__title", "note"]
    list_select_related = ["cooperation", "by"]


@admin.register(CheckIn)
class CheckInAdmin(ReadOnlyAdmin):
    list_display = ["cooperation", "anchor", "months", "side", "respondent", "due_at", "outcome"]
    list_filter = ["anchor", "months", "side", "outcome"]
    search_fields = ["cooperation__title", "respondent__email"]
    list_select_related = ["cooperation", "respondent"]


@admin.register(Milestone)
class MilestoneAdmin(ReadOnlyAdmin):
    list_display = ["title", "cooperation", "due_on", "done_at"]
    search_fields = ["title", "cooperation__title"]
    list_select_related = ["cooperation"]


@admin.register(Survey)
class SurveyAdmin(ReadOnlyAdmin):
    list_display = ["title", "programme", "subject_kind", "audience", "opens_on", "closes_on"]
    list_filter = ["subject_kind", "audience", "anonymous"]
    search_fields = ["title"]
    list_select_related = ["programme"]


@admin.register(JointEvaluation)
class JointEvaluationAdmin(ReadOnlyAdmin):
    list_display = ["period", "edited_at", "finalised_at"]
    list_select_related = ["period"]


@admin.register(SuccessStory)
class SuccessStoryAdmin(ReadOnlyAdmin):
    list_display = ["title", "programme", "status", "published_at"]
    list_filter = ["status"]
    search_fields = ["title"]
    list_select_related = ["programme"]


@admin.register(StoryConsent)
class StoryConsentAdmin(ReadOnlyAdmin):
    list_display = ["story", "side", "name", "given_at", "withdrawn_at"]
    list_select_related = ["story"]
