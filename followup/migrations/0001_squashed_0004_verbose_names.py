# The app's migrations up to the one this file is named after, in one, made from the models:
# a new database is created in one step (the replaced ones re-rendered the model state for
# every field whose verbose name changed). Their data migrations only rewrote rows that a
# new database does not have. A database that applied them all uses this one as applied.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    replaces = [
        ("followup", "0001_initial"),
        ("followup", "0002_pipeline_sources"),
        ("followup", "0003_feedback_evaluation_stories"),
        ("followup", "0004_verbose_names"),
    ]

    dependencies = [
        ("challenges", "0001_squashed_0003_verbose_names"),
        ("collider", "0001_squashed_0009_invitation_organisation_and_organisation_invitations"),
        ("matchmaking", "0001_squashed_0005_challenge_competences_from_terms"),
        ("outreach", "0001_squashed_0003_checklist_response_anonymous"),
        ("tandems", "0001_squashed_0002_verbose_names"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Cooperation",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("title", models.CharField(max_length=200, verbose_name="title")),
                ("goals", models.TextField(blank=True, verbose_name="goals")),
                (
                    "stage",
                    models.CharField(
                        choices=[
                            ("first_contact", "First contact"),
                            ("meeting_held", "Meeting held"),
                            ("negotiation", "Negotiation"),
                            ("agreement", "Agreement"),
                            ("running", "Running"),
                            ("completed", "Completed"),
                            ("stopped", "Stopped"),
                        ],
                        default="first_contact",
                        max_length=16,
                        verbose_name="stage",
                    ),
                ),
                ("stage_changed_at", models.DateTimeField(verbose_name="stage changed at")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                (
                    "agreement",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="cooperations",
                        to="matchmaking.agreement",
                        verbose_name="agreement",
                    ),
                ),
                (
                    "avm_contact",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="AVM contact person",
                    ),
                ),
                (
                    "avm_organisation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="collider.organisation",
                        verbose_name="AVM organisation",
                    ),
                ),
                (
                    "cci_contact",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="CCI contact person",
                    ),
                ),
                (
                    "cci_organisation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="collider.organisation",
                        verbose_name="CCI organisation",
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="created by",
                    ),
                ),
                (
                    "idea",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="cooperations",
                        to="challenges.idea",
                        verbose_name="idea",
                    ),
                ),
                (
                    "meeting",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="cooperations",
                        to="matchmaking.meetingrequest",
                        verbose_name="meeting",
                    ),
                ),
                (
                    "programme",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="cooperations",
                        to="collider.programme",
                        verbose_name="programme",
                    ),
                ),
            ],
            options={
                "verbose_name": "cooperation",
                "verbose_name_plural": "cooperations",
                "ordering": ["-stage_changed_at", "pk"],
            },
        ),
        migrations.CreateModel(
            name="CheckIn",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "anchor",
                    models.CharField(
                        choices=[
                            ("meeting", "after the meeting"),
                            ("agreement", "after the agreement"),
                        ],
                        max_length=10,
                        verbose_name="anchor date",
                    ),
                ),
                ("months", models.PositiveSmallIntegerField(verbose_name="months after anchor")),
                (
                    "side",
                    models.CharField(
                        choices=[("cci", "CCI side"), ("avm", "AVM side")],
                        max_length=3,
                        verbose_name="side",
                    ),
                ),
                ("due_at", models.DateTimeField(verbose_name="due at")),
                (
                    "outcome",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("no_contact", "No further contact"),
                            ("knowledge", "Knowledge gained"),
                            ("valuable_contact", "Valuable contact"),
                            ("negotiation", "Negotiation started"),
                            ("agreement", "Agreement reached"),
                            ("goals_met", "Goals met"),
                        ],
                        max_length=20,
                        verbose_name="outcome",
                    ),
                ),
                ("comment", models.TextField(blank=True, verbose_name="comments")),
                (
                    "answered_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="answered at"),
                ),
                (
                    "respondent",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="followup_checkins",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="respondent",
                    ),
                ),
                (
                    "cooperation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="checkins",
                        to="followup.cooperation",
                        verbose_name="cooperation",
                    ),
                ),
            ],
            options={
                "verbose_name": "check-in",
                "verbose_name_plural": "check-ins",
                "ordering": ["due_at", "side"],
            },
        ),
        migrations.CreateModel(
            name="JointEvaluation",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "strengths",
                    models.TextField(
                        blank=True, verbose_name="strengths of the tandem cooperation"
                    ),
                ),
                (
                    "weaknesses",
                    models.TextField(
                        blank=True, verbose_name="weaknesses of the tandem cooperation"
                    ),
                ),
                ("challenges", models.TextField(blank=True, verbose_name="biggest challenges")),
                ("lessons", models.TextField(blank=True, verbose_name="lessons learned")),
                (
                    "edited_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="edited at"),
                ),
                (
                    "finalised_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="finalised at"),
                ),
                (
                    "kpi_snapshot",
                    models.JSONField(blank=True, default=list, verbose_name="KPI snapshot"),
                ),
                (
                    "edited_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="edited by",
                    ),
                ),
            ],
            options={
                "verbose_name": "joint evaluation",
                "verbose_name_plural": "joint evaluations",
            },
        ),
        migrations.CreateModel(
            name="EvaluationConfirmation",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("confirmed_at", models.DateTimeField(verbose_name="confirmed at")),
                (
                    "confirmed_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="confirmed by",
                    ),
                ),
                (
                    "partner",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="evaluation_confirmations",
                        to="tandems.tandempartner",
                        verbose_name="partner",
                    ),
                ),
                (
                    "evaluation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="confirmations",
                        to="followup.jointevaluation",
                        verbose_name="evaluation",
                    ),
                ),
            ],
            options={
                "verbose_name": "evaluation confirmation",
                "verbose_name_plural": "evaluation confirmations",
                "ordering": ["confirmed_at", "pk"],
            },
        ),
        migrations.CreateModel(
            name="Milestone",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("title", models.CharField(max_length=200, verbose_name="milestone")),
                ("due_on", models.DateField(verbose_name="due on")),
                ("done_at", models.DateTimeField(blank=True, null=True, verbose_name="done at")),
                (
                    "evidence_file",
                    models.FileField(
                        blank=True,
                        upload_to="followup/milestones/%Y/",
                        verbose_name="evidence file",
                    ),
                ),
                ("evidence_link", models.URLField(blank=True, verbose_name="evidence link")),
                (
                    "agreement",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="milestones",
                        to="matchmaking.agreement",
                        verbose_name="agreement",
                    ),
                ),
                (
                    "cooperation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="milestones",
                        to="followup.cooperation",
                        verbose_name="cooperation",
                    ),
                ),
            ],
            options={
                "verbose_name": "milestone",
                "verbose_name_plural": "milestones",
                "ordering": ["due_on", "pk"],
            },
        ),
        migrations.CreateModel(
            name="ReportingPeriod",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=120, verbose_name="name")),
                ("starts_on", models.DateField(verbose_name="starts on")),
                ("ends_on", models.DateField(verbose_name="ends on")),
                (
                    "locked_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="locked at"),
                ),
                ("snapshot", models.JSONField(blank=True, default=dict, verbose_name="snapshot")),
                (
                    "locked_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="locked by",
                    ),
                ),
                (
                    "programme",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="reporting_periods",
                        to="collider.programme",
                        verbose_name="programme",
                    ),
                ),
            ],
            options={
                "verbose_name": "reporting period",
                "verbose_name_plural": "reporting periods",
                "ordering": ["starts_on", "pk"],
            },
        ),
        migrations.CreateModel(
            name="KpiTarget",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("key", models.CharField(max_length=60, verbose_name="indicator")),
                ("target", models.PositiveIntegerField(verbose_name="target")),
                (
                    "period",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="targets",
                        to="followup.reportingperiod",
                        verbose_name="period",
                    ),
                ),
            ],
            options={
                "verbose_name": "KPI target",
                "verbose_name_plural": "KPI targets",
                "ordering": ["key"],
            },
        ),
        migrations.CreateModel(
            name="KpiCorrection",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("key", models.CharField(max_length=60, verbose_name="indicator")),
                (
                    "delta",
                    models.IntegerField(
                        help_text="Added to the computed value.", verbose_name="change"
                    ),
                ),
                ("reason", models.TextField(verbose_name="reason")),
                (
                    "evidence",
                    models.FileField(upload_to="followup/evidence/%Y/", verbose_name="evidence"),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                (
                    "created_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="created by",
                    ),
                ),
                (
                    "period",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="corrections",
                        to="followup.reportingperiod",
                        verbose_name="period",
                    ),
                ),
            ],
            options={
                "verbose_name": "KPI correction",
                "verbose_name_plural": "KPI corrections",
                "ordering": ["created_at", "pk"],
            },
        ),
        migrations.AddField(
            model_name="jointevaluation",
            name="period",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="evaluation",
                to="followup.reportingperiod",
                verbose_name="period",
            ),
        ),
        migrations.CreateModel(
            name="StageMove",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "from_stage",
                    models.CharField(
                        choices=[
                            ("first_contact", "First contact"),
                            ("meeting_held", "Meeting held"),
                            ("negotiation", "Negotiation"),
                            ("agreement", "Agreement"),
                            ("running", "Running"),
                            ("completed", "Completed"),
                            ("stopped", "Stopped"),
                        ],
                        max_length=16,
                        verbose_name="from stage",
                    ),
                ),
                (
                    "to_stage",
                    models.CharField(
                        choices=[
                            ("first_contact", "First contact"),
                            ("meeting_held", "Meeting held"),
                            ("negotiation", "Negotiation"),
                            ("agreement", "Agreement"),
                            ("running", "Running"),
                            ("completed", "Completed"),
                            ("stopped", "Stopped"),
                        ],
                        max_length=16,
                        verbose_name="to stage",
                    ),
                ),
                ("note", models.TextField(verbose_name="note")),
                ("at", models.DateTimeField(verbose_name="moved at")),
                (
                    "by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="moved by",
                    ),
                ),
                (
                    "cooperation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="moves",
                        to="followup.cooperation",
                        verbose_name="cooperation",
                    ),
                ),
            ],
            options={
                "verbose_name": "stage change",
                "verbose_name_plural": "stage changes",
                "ordering": ["at", "pk"],
            },
        ),
        migrations.CreateModel(
            name="SuccessStory",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("title", models.CharField(max_length=200, verbose_name="title")),
                ("summary", models.TextField(max_length=1500, verbose_name="summary")),
                ("challenge", models.TextField(max_length=3000, verbose_name="the challenge")),
                ("solution", models.TextField(max_length=3000, verbose_name="the solution")),
                ("results", models.TextField(max_length=3000, verbose_name="the results")),
                ("quote", models.TextField(blank=True, max_length=600, verbose_name="quote")),
                ("quote_by", models.CharField(blank=True, max_length=200, verbose_name="quote by")),
                (
                    "image",
                    models.ImageField(
                        blank=True, upload_to="followup/stories/%Y/", verbose_name="image"
                    ),
                ),
                (
                    "image_content_type",
                    models.CharField(
                        blank=True, editable=False, max_length=40, verbose_name="image content type"
                    ),
                ),
                (
                    "image_alt",
                    models.CharField(
                        blank=True, max_length=250, verbose_name="alternative text of the image"
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("draft", "Draft"),
                            ("asked", "Consent asked"),
                            ("published", "Published"),
                            ("withdrawn", "Consent withdrawn"),
                        ],
                        default="draft",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                (
                    "published_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="published at"),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated at")),
                (
                    "cooperation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="stories",
                        to="followup.cooperation",
                        verbose_name="cooperation",
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="created by",
                    ),
                ),
                (
                    "practice",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="outreach.practice",
                        verbose_name="library entry",
                    ),
                ),
                (
                    "programme",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="stories",
                        to="collider.programme",
                        verbose_name="programme",
                    ),
                ),
            ],
            options={
                "verbose_name": "success story",
                "verbose_name_plural": "success stories",
                "ordering": ["-updated_at", "pk"],
            },
        ),
        migrations.CreateModel(
            name="StoryConsent",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "side",
                    models.CharField(
                        choices=[("cci", "CCI side"), ("avm", "AVM side")],
                        max_length=3,
                        verbose_name="side",
                    ),
                ),
                ("name", models.CharField(max_length=200, verbose_name="name")),
                ("text_hash", models.CharField(max_length=64, verbose_name="text hash")),
                ("given_at", models.DateTimeField(verbose_name="given at")),
                (
                    "withdrawn_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="withdrawn at"),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="user",
                    ),
                ),
                (
                    "story",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="consents",
                        to="followup.successstory",
                        verbose_name="story",
                    ),
                ),
            ],
            options={
                "verbose_name": "story consent",
                "verbose_name_plural": "story consents",
                "ordering": ["given_at", "pk"],
            },
        ),
        migrations.CreateModel(
            name="Survey",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("title", models.CharField(max_length=200, verbose_name="title")),
                (
                    "subject_kind",
                    models.CharField(
                        choices=[
                            ("event", "An event"),
                            ("training", "A training session"),
                            ("programme", "The programme as a whole"),
                        ],
                        max_length=10,
                        verbose_name="subject",
                    ),
                ),
                (
                    "audience",
                    models.CharField(
                        choices=[
                            ("cci", "CCI participants"),
                            ("avm", "AVM participants"),
                            ("both", "Both sectors"),
                        ],
                        default="both",
                        max_length=4,
                        verbose_name="audience",
                    ),
                ),
                ("intro", models.TextField(blank=True, verbose_name="introduction")),
                ("opens_on", models.DateField(verbose_name="opens on")),
                ("closes_on", models.DateField(verbose_name="closes on")),
                (
                    "anonymous",
                    models.BooleanField(
                        default=True,
                        help_text="Partners see the answers with the sector only, never with names.",
                        verbose_name="anonymous",
                    ),
                ),
                (
                    "opened_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="opened at"),
                ),
                (
                    "closed_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="closed at"),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                (
                    "created_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="created by",
                    ),
                ),
                (
                    "event",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="surveys",
                        to="collider.event",
                        verbose_name="event",
                    ),
                ),
                (
                    "programme",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="surveys",
                        to="collider.programme",
                        verbose_name="programme",
                    ),
                ),
            ],
            options={
                "verbose_name": "survey",
                "verbose_name_plural": "surveys",
                "ordering": ["-opens_on", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="SurveyInvitation",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "sector",
                    models.CharField(
                        choices=[("cci", "CCI side"), ("avm", "AVM side")],
                        max_length=3,
                        verbose_name="sector",
                    ),
                ),
                ("invited_at", models.DateTimeField(verbose_name="invited at")),
                (
                    "survey",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="invitations",
                        to="followup.survey",
                        verbose_name="survey",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="followup_survey_invites",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="user",
                    ),
                ),
            ],
            options={
                "verbose_name": "survey invitation",
                "verbose_name_plural": "survey invitations",
                "ordering": ["pk"],
            },
        ),
        migrations.CreateModel(
            name="SurveyQuestion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("position", models.PositiveSmallIntegerField(verbose_name="position")),
                (
                    "kind",
                    models.CharField(
                        choices=[("rating", "Rating from 1 to 5"), ("text", "Free text")],
                        max_length=6,
                        verbose_name="kind",
                    ),
                ),
                ("text", models.CharField(max_length=300, verbose_name="question")),
                ("required", models.BooleanField(default=True, verbose_name="answer required")),
                (
                    "survey",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="questions",
                        to="followup.survey",
                        verbose_name="survey",
                    ),
                ),
            ],
            options={
                "verbose_name": "survey question",
                "verbose_name_plural": "survey questions",
                "ordering": ["position", "pk"],
            },
        ),
        migrations.CreateModel(
            name="SurveyResponse",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "sector",
                    models.CharField(
                        choices=[("cci", "CCI side"), ("avm", "AVM side")],
                        max_length=3,
                        verbose_name="sector",
                    ),
                ),
                ("submitted_at", models.DateTimeField(verbose_name="submitted at")),
                ("updated_at", models.DateTimeField(verbose_name="updated at")),
                (
                    "respondent",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="followup_survey_responses",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="respondent",
                    ),
                ),
                (
                    "survey",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="responses",
                        to="followup.survey",
                        verbose_name="survey",
                    ),
                ),
            ],
            options={
                "verbose_name": "survey response",
                "verbose_name_plural": "survey responses",
                "ordering": ["submitted_at", "pk"],
            },
        ),
        migrations.CreateModel(
            name="SurveyAnswer",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "rating",
                    models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="rating"),
                ),
                ("text", models.TextField(blank=True, max_length=4000, verbose_name="text answer")),
                (
                    "question",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="answers",
                        to="followup.surveyquestion",
                        verbose_name="question",
                    ),
                ),
                (
                    "response",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="answers",
                        to="followup.surveyresponse",
                        verbose_name="response",
                    ),
                ),
            ],
            options={
                "verbose_name": "survey answer",
                "verbose_name_plural": "survey answers",
                "ordering": ["question__position", "pk"],
            },
        ),
        migrations.AddIndex(
            model_name="cooperation",
            index=models.Index(
                fields=["programme", "stage"], name="followup_co_program_868b40_idx"
            ),
        ),
        migrations.AddConstraint(
            model_name="checkin",
            constraint=models.UniqueConstraint(
                fields=("cooperation", "anchor", "months", "side"), name="followup_checkin_unique"
            ),
        ),
        migrations.AddConstraint(
            model_name="evaluationconfirmation",
            constraint=models.UniqueConstraint(
                fields=("evaluation", "partner"), name="followup_evaluation_confirm_unique"
            ),
        ),
        migrations.AddConstraint(
            model_name="reportingperiod",
            constraint=models.CheckConstraint(
                condition=models.Q(("ends_on__gte", models.F("starts_on"))),
                name="followup_period_dates_ordered",
            ),
        ),
        migrations.AddConstraint(
            model_name="reportingperiod",
            constraint=models.UniqueConstraint(
                fields=("programme", "name"), name="followup_period_name"
            ),
        ),
        migrations.AddConstraint(
            model_name="kpitarget",
            constraint=models.UniqueConstraint(
                fields=("period", "key"), name="followup_target_unique"
            ),
        ),
        migrations.AddIndex(
            model_name="stagemove",
            index=models.Index(fields=["to_stage", "at"], name="followup_st_to_stag_5f3760_idx"),
        ),
        migrations.AddConstraint(
            model_name="storyconsent",
            constraint=models.UniqueConstraint(
                condition=models.Q(("withdrawn_at__isnull", True)),
                fields=("story", "side"),
                name="followup_story_consent_active",
            ),
        ),
        migrations.AddIndex(
            model_name="survey",
            index=models.Index(
                fields=["programme", "opens_on"], name="followup_su_program_4bdf78_idx"
            ),
        ),
        migrations.AddConstraint(
            model_name="survey",
            constraint=models.CheckConstraint(
                condition=models.Q(("closes_on__gte", models.F("opens_on"))),
                name="followup_survey_dates_ordered",
            ),
        ),
        migrations.AddConstraint(
            model_name="survey",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("event__isnull", True), ("subject_kind", "programme")),
                    models.Q(
                        models.Q(("subject_kind", "programme"), _negated=True),
                        ("event__isnull", False),
                    ),
                    _connector="OR",
                ),
                name="followup_survey_subject_event",
            ),
        ),
        migrations.AddIndex(
            model_name="surveyinvitation",
            index=models.Index(fields=["survey", "sector"], name="followup_su_survey__caf065_idx"),
        ),
        migrations.AddConstraint(
            model_name="surveyinvitation",
            constraint=models.UniqueConstraint(
                fields=("survey", "user"), name="followup_invitation_once"
            ),
        ),
        migrations.AddConstraint(
            model_name="surveyquestion",
            constraint=models.UniqueConstraint(
                fields=("survey", "position"), name="followup_question_position"
            ),
        ),
        migrations.AddIndex(
            model_name="surveyresponse",
            index=models.Index(fields=["survey", "sector"], name="followup_su_survey__a2892e_idx"),
        ),
        migrations.AddConstraint(
            model_name="surveyresponse",
            constraint=models.UniqueConstraint(
                fields=("survey", "respondent"), name="followup_response_once_per_person"
            ),
        ),
        migrations.AddConstraint(
            model_name="surveyanswer",
            constraint=models.UniqueConstraint(
                fields=("response", "question"), name="followup_answer_once"
            ),
        ),
        migrations.AddConstraint(
            model_name="surveyanswer",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("rating__isnull", True),
                    models.Q(("rating__gte", 1), ("rating__lte", 5)),
                    _connector="OR",
                ),
                name="followup_answer_rating_1_to_5",
            ),
        ),
    ]
