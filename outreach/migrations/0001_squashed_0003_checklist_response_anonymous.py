# The app's migrations up to the one this file is named after, in one, made from the models:
# a new database is created in one step (the replaced ones re-rendered the model state for
# every field whose verbose name changed). Their data migrations only rewrote rows that a
# new database does not have. A database that applied them all uses this one as applied.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import collider.models.people
import outreach.models.info_days
import outreach.models.practices


class Migration(migrations.Migration):
    initial = True

    replaces = [
        ("outreach", "0001_initial"),
        ("outreach", "0002_verbose_names"),
        ("outreach", "0003_checklist_response_anonymous"),
    ]

    dependencies = [
        ("collider", "0001_squashed_0009_invitation_organisation_and_organisation_invitations"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ChecklistQuestion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("text", models.CharField(max_length=500, verbose_name="question")),
                (
                    "help_text",
                    models.CharField(blank=True, max_length=500, verbose_name="help text"),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("scale", "Scale"),
                            ("yes_no", "Yes / no"),
                            ("single", "Single choice"),
                            ("multiple", "Multiple choice"),
                            ("text", "Free text"),
                        ],
                        max_length=10,
                        verbose_name="type",
                    ),
                ),
                (
                    "audience",
                    models.CharField(
                        choices=[("both", "Both sectors"), ("cci", "CCI"), ("avm", "AVM")],
                        default="both",
                        max_length=10,
                        verbose_name="asked to",
                    ),
                ),
                (
                    "weight",
                    models.PositiveSmallIntegerField(
                        default=1,
                        help_text="0 to 10; 0 asks the question without scoring it.",
                        verbose_name="weight",
                    ),
                ),
                (
                    "scale_max",
                    models.PositiveSmallIntegerField(default=5, verbose_name="scale maximum"),
                ),
                ("required", models.BooleanField(default=True, verbose_name="required")),
                ("order", models.PositiveSmallIntegerField(default=0, verbose_name="order")),
            ],
            options={
                "verbose_name": "checklist question",
                "verbose_name_plural": "checklist questions",
                "ordering": ["order", "pk"],
            },
        ),
        migrations.CreateModel(
            name="Brochure",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("title", models.CharField(max_length=200, verbose_name="title")),
                ("subtitle", models.CharField(blank=True, max_length=300, verbose_name="subtitle")),
                (
                    "intro_cci",
                    models.TextField(
                        max_length=3000, verbose_name="introduction to the creative industries"
                    ),
                ),
                (
                    "intro_avm",
                    models.TextField(
                        max_length=3000, verbose_name="introduction to advanced manufacturing"
                    ),
                ),
                ("contacts", models.TextField(blank=True, verbose_name="contacts")),
                (
                    "status",
                    models.CharField(
                        choices=[("draft", "Draft"), ("published", "Published")],
                        default="draft",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                (
                    "pdf",
                    models.FileField(
                        blank=True,
                        editable=False,
                        upload_to="outreach/brochures/",
                        verbose_name="PDF",
                    ),
                ),
                (
                    "pdf_fingerprint",
                    models.CharField(
                        blank=True, editable=False, max_length=64, verbose_name="PDF fingerprint"
                    ),
                ),
                (
                    "pdf_pages",
                    models.PositiveSmallIntegerField(
                        blank=True, editable=False, null=True, verbose_name="number of PDF pages"
                    ),
                ),
                (
                    "rendered_at",
                    models.DateTimeField(
                        blank=True, editable=False, null=True, verbose_name="rendered at"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated at")),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="created by",
                    ),
                ),
                (
                    "programme",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="brochures",
                        to="collider.programme",
                        verbose_name="programme",
                    ),
                ),
            ],
            options={
                "verbose_name": "brochure",
                "verbose_name_plural": "brochures",
                "ordering": ["-updated_at"],
            },
        ),
        migrations.CreateModel(
            name="Checklist",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("title", models.CharField(max_length=200, verbose_name="title")),
                ("intro", models.TextField(blank=True, verbose_name="introduction")),
                (
                    "audience",
                    models.CharField(
                        choices=[("both", "Both sectors"), ("cci", "CCI"), ("avm", "AVM")],
                        default="both",
                        max_length=10,
                        verbose_name="for",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("draft", "Draft"),
                            ("open", "Open for answers"),
                            ("closed", "Closed"),
                        ],
                        default="draft",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                (
                    "token",
                    models.CharField(
                        default=collider.models.people.new_token,
                        editable=False,
                        max_length=64,
                        unique=True,
                        verbose_name="token",
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated at")),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="created by",
                    ),
                ),
                (
                    "programme",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="checklists",
                        to="collider.programme",
                        verbose_name="programme",
                    ),
                ),
            ],
            options={
                "verbose_name": "readiness checklist",
                "verbose_name_plural": "readiness checklists",
                "ordering": ["-created_at"],
            },
        ),
        migrations.CreateModel(
            name="ChecklistOption",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("label", models.CharField(max_length=200, verbose_name="label")),
                ("score", models.PositiveSmallIntegerField(default=0, verbose_name="score")),
                ("order", models.PositiveSmallIntegerField(default=0, verbose_name="order")),
                (
                    "question",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="options",
                        to="outreach.checklistquestion",
                        verbose_name="question",
                    ),
                ),
            ],
            options={
                "verbose_name": "answer option",
                "verbose_name_plural": "answer options",
                "ordering": ["order", "pk"],
            },
        ),
        migrations.CreateModel(
            name="ChecklistResponse",
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
                        choices=[
                            ("cci", "Cultural and creative industries (CCI)"),
                            ("avm", "Advanced manufacturing (AVM)"),
                        ],
                        max_length=10,
                        verbose_name="sector",
                    ),
                ),
                (
                    "email",
                    models.EmailField(blank=True, max_length=254, verbose_name="e-mail address"),
                ),
                (
                    "organisation_name",
                    models.CharField(blank=True, max_length=200, verbose_name="organisation"),
                ),
                (
                    "send_results",
                    models.BooleanField(default=False, verbose_name="send the results by e-mail"),
                ),
                ("consent_at", models.DateTimeField(verbose_name="consent given at")),
                (
                    "source",
                    models.CharField(
                        choices=[("online", "Online"), ("paper", "Paper (entered by a partner)")],
                        default="online",
                        max_length=10,
                        verbose_name="source",
                    ),
                ),
                (
                    "total_score",
                    models.PositiveSmallIntegerField(
                        blank=True, null=True, verbose_name="total score"
                    ),
                ),
                (
                    "token",
                    models.CharField(
                        default=collider.models.people.new_token,
                        editable=False,
                        max_length=64,
                        unique=True,
                        verbose_name="token",
                    ),
                ),
                ("submitted_at", models.DateTimeField(verbose_name="submitted at")),
                (
                    "checklist",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="responses",
                        to="outreach.checklist",
                        verbose_name="checklist",
                    ),
                ),
                (
                    "entered_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="entered by",
                    ),
                ),
                (
                    "respondent",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="checklist_responses",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="respondent",
                    ),
                ),
            ],
            options={
                "verbose_name": "checklist response",
                "verbose_name_plural": "checklist responses",
                "ordering": ["-submitted_at", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="ChecklistAnswer",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "number",
                    models.SmallIntegerField(blank=True, null=True, verbose_name="numeric answer"),
                ),
                ("text", models.TextField(blank=True, verbose_name="text answer")),
                (
                    "options",
                    models.ManyToManyField(
                        blank=True,
                        related_name="+",
                        to="outreach.checklistoption",
                        verbose_name="chosen options",
                    ),
                ),
                (
                    "question",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="answers",
                        to="outreach.checklistquestion",
                        verbose_name="question",
                    ),
                ),
                (
                    "response",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="answers",
                        to="outreach.checklistresponse",
                        verbose_name="response",
                    ),
                ),
            ],
            options={
                "verbose_name": "checklist answer",
                "verbose_name_plural": "checklist answers",
            },
        ),
        migrations.CreateModel(
            name="ChecklistSection",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("title", models.CharField(max_length=200, verbose_name="title")),
                (
                    "dimension",
                    models.CharField(
                        choices=[
                            ("technology", "Technology"),
                            ("future_trends", "Future trends"),
                            ("mindset", "Mindset"),
                            ("business_language", "Business language"),
                            ("ipr", "Intellectual property (IPR)"),
                            ("cooperation", "Cooperation practice"),
                            ("funding", "Funding and finance"),
                        ],
                        max_length=20,
                        verbose_name="dimension",
                    ),
                ),
                ("intro", models.TextField(blank=True, verbose_name="introduction")),
                (
                    "next_steps",
                    models.TextField(
                        blank=True,
                        help_text="Shown to respondents who score below the threshold in this section.",
                        verbose_name="suggested next steps",
                    ),
                ),
                ("order", models.PositiveSmallIntegerField(default=0, verbose_name="order")),
                (
                    "checklist",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="sections",
                        to="outreach.checklist",
                        verbose_name="checklist",
                    ),
                ),
            ],
            options={
                "verbose_name": "checklist section",
                "verbose_name_plural": "checklist sections",
                "ordering": ["order", "pk"],
            },
        ),
        migrations.AddField(
            model_name="checklistquestion",
            name="section",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="questions",
                to="outreach.checklistsection",
                verbose_name="section",
            ),
        ),
        migrations.CreateModel(
            name="ChecklistSectionScore",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "dimension",
                    models.CharField(
                        choices=[
                            ("technology", "Technology"),
                            ("future_trends", "Future trends"),
                            ("mindset", "Mindset"),
                            ("business_language", "Business language"),
                            ("ipr", "Intellectual property (IPR)"),
                            ("cooperation", "Cooperation practice"),
                            ("funding", "Funding and finance"),
                        ],
                        max_length=20,
                        verbose_name="dimension",
                    ),
                ),
                (
                    "sector",
                    models.CharField(
                        choices=[
                            ("cci", "Cultural and creative industries (CCI)"),
                            ("avm", "Advanced manufacturing (AVM)"),
                        ],
                        max_length=10,
                        verbose_name="sector",
                    ),
                ),
                ("score", models.PositiveSmallIntegerField(verbose_name="score")),
                (
                    "response",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="section_scores",
                        to="outreach.checklistresponse",
                        verbose_name="response",
                    ),
                ),
                (
                    "section",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="scores",
                        to="outreach.checklistsection",
                        verbose_name="section",
                    ),
                ),
            ],
            options={
                "verbose_name": "checklist section score",
                "verbose_name_plural": "checklist section scores",
            },
        ),
        migrations.CreateModel(
            name="Handout",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("leaflet", "Leaflet"),
                            ("brochure", "Brochure"),
                            ("checklist", "Checklist"),
                            ("slides", "Slides"),
                            ("other", "Other"),
                        ],
                        max_length=12,
                        verbose_name="kind",
                    ),
                ),
                ("title", models.CharField(max_length=200, verbose_name="title")),
                (
                    "file",
                    models.FileField(
                        upload_to=outreach.models.info_days.handout_path, verbose_name="file"
                    ),
                ),
                (
                    "content_type",
                    models.CharField(editable=False, max_length=100, verbose_name="content type"),
                ),
                ("size", models.PositiveIntegerField(editable=False, verbose_name="file size")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                (
                    "event",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="handouts",
                        to="collider.event",
                        verbose_name="info day",
                    ),
                ),
                (
                    "programme",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="handouts",
                        to="collider.programme",
                        verbose_name="programme",
                    ),
                ),
                (
                    "uploaded_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="uploaded by",
                    ),
                ),
            ],
            options={
                "verbose_name": "handout",
                "verbose_name_plural": "handouts",
                "ordering": ["kind", "title", "pk"],
            },
        ),
        migrations.CreateModel(
            name="InfoDayItem",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "dimension",
                    models.CharField(
                        choices=[
                            ("technology", "Technology"),
                            ("future_trends", "Future trends"),
                            ("mindset", "Mindset"),
                            ("business_language", "Business language"),
                            ("ipr", "Intellectual property (IPR)"),
                            ("cooperation", "Cooperation practice"),
                            ("funding", "Funding and finance"),
                        ],
                        max_length=20,
                        verbose_name="dimension",
                    ),
                ),
                ("title", models.CharField(max_length=200, verbose_name="title")),
                ("description", models.TextField(blank=True, verbose_name="description")),
                ("speaker", models.CharField(blank=True, max_length=200, verbose_name="speaker")),
                ("starts_at", models.TimeField(blank=True, null=True, verbose_name="starts at")),
                ("order", models.PositiveSmallIntegerField(default=0, verbose_name="order")),
                (
                    "event",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="info_day_items",
                        to="collider.event",
                        verbose_name="event",
                    ),
                ),
            ],
            options={
                "verbose_name": "info-day item",
                "verbose_name_plural": "info-day items",
                "ordering": ["starts_at", "order", "pk"],
            },
        ),
        migrations.CreateModel(
            name="MediaCommitment",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("outlet", models.CharField(max_length=200, verbose_name="outlet")),
                (
                    "channel",
                    models.CharField(
                        choices=[
                            ("print_magazine", "Print magazine"),
                            ("daily", "Daily newspaper"),
                            ("online_magazine", "Online magazine"),
                            ("blog", "Blog"),
                            ("podcast", "Podcast"),
                            ("linkedin", "LinkedIn"),
                            ("other", "Other"),
                        ],
                        max_length=20,
                        verbose_name="channel",
                    ),
                ),
                (
                    "target_group",
                    models.CharField(
                        choices=[("both", "Both sectors"), ("cci", "CCI"), ("avm", "AVM")],
                        default="both",
                        max_length=10,
                        verbose_name="target group",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("contacted", "Contacted"),
                            ("committed", "Committed"),
                            ("published", "Published"),
                        ],
                        default="contacted",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                ("topic", models.CharField(blank=True, max_length=300, verbose_name="topic")),
                ("link", models.URLField(blank=True, verbose_name="publication link")),
                (
                    "published_on",
                    models.DateField(blank=True, null=True, verbose_name="published on"),
                ),
                (
                    "estimated_reach",
                    models.PositiveIntegerField(
                        blank=True, null=True, verbose_name="estimated reach"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated at")),
                (
                    "programme",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="media_commitments",
                        to="collider.programme",
                        verbose_name="programme",
                    ),
                ),
                (
                    "responsible",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="responsible partner",
                    ),
                ),
            ],
            options={
                "verbose_name": "media commitment",
                "verbose_name_plural": "media commitments",
                "ordering": ["-updated_at", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="Practice",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "shared",
                    models.BooleanField(
                        default=False,
                        help_text="Shared cases appear in the libraries of all programmes.",
                        verbose_name="shared with every programme",
                    ),
                ),
                ("title", models.CharField(max_length=200, verbose_name="title")),
                ("summary", models.TextField(max_length=1500, verbose_name="summary")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("product", "Product"),
                            ("service", "Service"),
                            ("practice_change", "Change of practice"),
                        ],
                        max_length=20,
                        verbose_name="kind",
                    ),
                ),
                (
                    "level",
                    models.CharField(
                        choices=[
                            ("local", "Local"),
                            ("regional", "Regional"),
                            ("national", "National"),
                            ("international", "International"),
                            ("top_company", "Top company"),
                        ],
                        max_length=20,
                        verbose_name="level",
                    ),
                ),
                (
                    "assessment",
                    models.CharField(
                        choices=[("good", "Good practice"), ("bad", "Bad practice")],
                        default="good",
                        max_length=10,
                        verbose_name="good or bad practice",
                    ),
                ),
                ("involves_cci", models.BooleanField(default=True, verbose_name="CCI involved")),
                ("involves_avm", models.BooleanField(default=True, verbose_name="AVM involved")),
                (
                    "involves_intermediary",
                    models.BooleanField(default=False, verbose_name="intermediary involved"),
                ),
                (
                    "country",
                    models.CharField(blank=True, max_length=120, verbose_name="country or region"),
                ),
                (
                    "avm_technology",
                    models.CharField(blank=True, max_length=200, verbose_name="AVM technology"),
                ),
                (
                    "collaboration_format",
                    models.CharField(
                        blank=True, max_length=200, verbose_name="collaboration format"
                    ),
                ),
                ("ip_arrangement", models.TextField(blank=True, verbose_name="IP arrangement")),
                ("outcome", models.TextField(blank=True, verbose_name="outcome and results")),
                ("costs", models.CharField(blank=True, max_length=200, verbose_name="costs")),
                ("contacts", models.TextField(blank=True, verbose_name="contacts")),
                ("testimonial", models.TextField(blank=True, verbose_name="testimonial")),
                (
                    "testimonial_by",
                    models.CharField(blank=True, max_length=200, verbose_name="testimonial by"),
                ),
                (
                    "links",
                    models.TextField(
                        blank=True, help_text="One web address per line.", verbose_name="links"
                    ),
                ),
                (
                    "lesson",
                    models.TextField(
                        blank=True,
                        help_text="Required for bad practices.",
                        verbose_name="lesson learned",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[("draft", "Draft"), ("published", "Published")],
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
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="created by",
                    ),
                ),
                (
                    "programme",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="practices",
                        to="collider.programme",
                        verbose_name="programme",
                    ),
                ),
            ],
            options={
                "verbose_name": "best practice",
                "verbose_name_plural": "best practices",
                "ordering": ["-published_at", "-created_at", "pk"],
            },
        ),
        migrations.CreateModel(
            name="BrochureEntry",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("order", models.PositiveSmallIntegerField(default=0, verbose_name="order")),
                (
                    "brochure",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="entries",
                        to="outreach.brochure",
                        verbose_name="brochure",
                    ),
                ),
                (
                    "practice",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="outreach.practice",
                        verbose_name="practice",
                    ),
                ),
            ],
            options={
                "verbose_name": "brochure entry",
                "verbose_name_plural": "brochure entries",
                "ordering": ["order", "pk"],
            },
        ),
        migrations.AddField(
            model_name="brochure",
            name="practices",
            field=models.ManyToManyField(
                related_name="brochures",
                through="outreach.BrochureEntry",
                to="outreach.practice",
                verbose_name="stories",
            ),
        ),
        migrations.CreateModel(
            name="PracticeImage",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "image",
                    models.ImageField(
                        upload_to=outreach.models.practices.practice_image_path,
                        verbose_name="image",
                    ),
                ),
                (
                    "content_type",
                    models.CharField(editable=False, max_length=40, verbose_name="content type"),
                ),
                (
                    "alt_text",
                    models.CharField(
                        help_text="Describe the image for people who cannot see it.",
                        max_length=250,
                        verbose_name="alternative text",
                    ),
                ),
                ("caption", models.CharField(blank=True, max_length=250, verbose_name="caption")),
                ("order", models.PositiveSmallIntegerField(default=0, verbose_name="order")),
                (
                    "practice",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="images",
                        to="outreach.practice",
                        verbose_name="practice",
                    ),
                ),
            ],
            options={
                "verbose_name": "practice image",
                "verbose_name_plural": "practice images",
                "ordering": ["order", "pk"],
            },
        ),
        migrations.AddIndex(
            model_name="checklistresponse",
            index=models.Index(
                fields=["checklist", "sector"], name="outreach_ch_checkli_21d11b_idx"
            ),
        ),
        migrations.AddConstraint(
            model_name="checklistresponse",
            constraint=models.CheckConstraint(
                condition=models.Q(("sector__in", ["cci", "avm"])),
                name="response_sector_cci_or_avm",
            ),
        ),
        migrations.AddConstraint(
            model_name="checklistanswer",
            constraint=models.UniqueConstraint(
                fields=("response", "question"), name="uniq_answer_question"
            ),
        ),
        migrations.AddConstraint(
            model_name="checklistquestion",
            constraint=models.CheckConstraint(
                condition=models.Q(("weight__lte", 10)), name="question_weight_max_10"
            ),
        ),
        migrations.AddConstraint(
            model_name="checklistquestion",
            constraint=models.CheckConstraint(
                condition=models.Q(("scale_max__gte", 2), ("scale_max__lte", 10)),
                name="question_scale_2_to_10",
            ),
        ),
        migrations.AddIndex(
            model_name="checklistsectionscore",
            index=models.Index(fields=["section", "sector"], name="outreach_ch_section_72c131_idx"),
        ),
        migrations.AddConstraint(
            model_name="checklistsectionscore",
            constraint=models.UniqueConstraint(
                fields=("response", "section"), name="uniq_score_section"
            ),
        ),
        migrations.AddConstraint(
            model_name="checklistsectionscore",
            constraint=models.CheckConstraint(
                condition=models.Q(("score__lte", 100)), name="score_max_100"
            ),
        ),
        migrations.AddConstraint(
            model_name="mediacommitment",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("status", "published"), _negated=True),
                    ("published_on__isnull", False),
                    _connector="OR",
                ),
                name="published_media_has_date",
            ),
        ),
        migrations.AddIndex(
            model_name="practice",
            index=models.Index(
                fields=["programme", "status"], name="outreach_pr_program_260a2a_idx"
            ),
        ),
        migrations.AddConstraint(
            model_name="practice",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("assessment", "bad"), _negated=True),
                    models.Q(("lesson", ""), _negated=True),
                    _connector="OR",
                ),
                name="bad_practice_has_lesson",
            ),
        ),
        migrations.AddConstraint(
            model_name="brochureentry",
            constraint=models.UniqueConstraint(
                fields=("brochure", "practice"), name="uniq_brochure_practice"
            ),
        ),
    ]
