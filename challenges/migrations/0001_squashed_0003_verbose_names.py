# The app's migrations up to the one this file is named after, in one, made from the models:
# a new database is created in one step (the replaced ones re-rendered the model state for
# every field whose verbose name changed). Their data migrations only rewrote rows that a
# new database does not have. A database that applied them all uses this one as applied.

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
import django_countries.fields
from django.conf import settings
from django.db import migrations, models

import challenges.models.idea


class Migration(migrations.Migration):
    initial = True

    replaces = [
        ("challenges", "0001_initial"),
        ("challenges", "0002_idea_list_order_index"),
        ("challenges", "0003_verbose_names"),
    ]

    dependencies = [
        ("collider", "0001_squashed_0009_invitation_organisation_and_organisation_invitations"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Challenge",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("title", models.CharField(max_length=200, verbose_name="title")),
                (
                    "public_summary",
                    models.TextField(
                        help_text="Shown to everyone; no confidential information.",
                        verbose_name="public summary",
                    ),
                ),
                (
                    "context",
                    models.TextField(
                        help_text="The company, the product, the market.", verbose_name="context"
                    ),
                ),
                ("problem_statement", models.TextField(verbose_name="problem statement")),
                (
                    "scope",
                    models.TextField(help_text="What is in and what is out.", verbose_name="scope"),
                ),
                (
                    "expected_outcome",
                    models.TextField(verbose_name="expected outcome and deliverables"),
                ),
                ("constraints", models.TextField(blank=True, verbose_name="constraints")),
                (
                    "resources",
                    models.TextField(
                        blank=True,
                        help_text="People, machines, data, workshop time.",
                        verbose_name="available resources",
                    ),
                ),
                (
                    "budget_min",
                    models.PositiveIntegerField(
                        blank=True, null=True, verbose_name="budget from (EUR)"
                    ),
                ),
                (
                    "budget_max",
                    models.PositiveIntegerField(
                        blank=True, null=True, verbose_name="budget up to (EUR)"
                    ),
                ),
                ("timeline", models.TextField(blank=True, verbose_name="timeline")),
                (
                    "ip_stance",
                    models.CharField(
                        choices=[
                            ("cci_keeps", "CCI keeps the IP"),
                            ("licence", "Licence to the AVM company"),
                            ("assignment", "Assignment to the AVM company"),
                            ("negotiable", "To be negotiated"),
                        ],
                        default="negotiable",
                        max_length=12,
                        verbose_name="IP stance",
                    ),
                ),
                (
                    "confidential_details",
                    models.TextField(
                        blank=True,
                        help_text="Visible only to CCI who accepted the non-disclosure agreement.",
                        verbose_name="confidential details",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("draft", "Draft"),
                            ("in_review", "In expert review"),
                            ("changes_requested", "Changes requested"),
                            ("approved", "Approved"),
                            ("published", "Published"),
                            ("pitched", "Pitched"),
                            ("ideation_open", "Ideation open"),
                            ("ideation_closed", "Ideation closed"),
                            ("selection_done", "Selection done"),
                            ("closed", "Closed"),
                            ("withdrawn", "Withdrawn"),
                        ],
                        default="draft",
                        max_length=20,
                        verbose_name="status",
                    ),
                ),
                (
                    "maturity",
                    models.JSONField(blank=True, default=list, verbose_name="maturity checklist"),
                ),
                ("review_note", models.TextField(blank=True, verbose_name="note from the review")),
                (
                    "idea_deadline",
                    models.DateTimeField(blank=True, null=True, verbose_name="idea deadline"),
                ),
                (
                    "published_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="published at"),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated at")),
            ],
            options={
                "verbose_name": "challenge",
                "verbose_name_plural": "challenges",
                "ordering": ["-created_at"],
            },
        ),
        migrations.CreateModel(
            name="ChallengeComment",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "field",
                    models.CharField(
                        choices=[
                            ("title", "Title"),
                            ("public_summary", "Public summary"),
                            ("context", "Context"),
                            ("problem_statement", "Problem statement"),
                            ("scope", "Scope"),
                            ("expected_outcome", "Expected outcome and deliverables"),
                            ("constraints", "Constraints"),
                            ("resources", "Available resources and budget"),
                            ("timeline", "Timeline"),
                            ("competences", "Required competences"),
                            ("ip_stance", "IP stance"),
                            ("confidential_details", "Confidential details"),
                        ],
                        max_length=30,
                        verbose_name="field",
                    ),
                ),
                ("body", models.TextField(verbose_name="comment")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
            ],
            options={
                "verbose_name": "review comment",
                "verbose_name_plural": "review comments",
                "ordering": ["created_at"],
            },
        ),
        migrations.CreateModel(
            name="CompetenceTag",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=60, unique=True, verbose_name="name")),
            ],
            options={
                "verbose_name": "competence",
                "verbose_name_plural": "competences",
                "ordering": ["name"],
            },
        ),
        migrations.CreateModel(
            name="ExpertNeed",
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
                            ("legal_ipr", "Legal / IPR"),
                            ("technical", "Technical"),
                            ("financing", "Financing"),
                            ("design", "Design"),
                            ("other", "Other"),
                        ],
                        max_length=12,
                        verbose_name="kind of expert",
                    ),
                ),
                ("description", models.TextField(verbose_name="what for")),
            ],
            options={
                "verbose_name": "external expert need",
                "verbose_name_plural": "external expert needs",
                "ordering": ["kind", "pk"],
            },
        ),
        migrations.CreateModel(
            name="FundingOpportunity",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("title", models.CharField(max_length=200, verbose_name="title")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("scholarship", "Scholarship"),
                            ("subsidy", "Subsidy"),
                            ("voucher", "Voucher"),
                            ("grant", "Grant"),
                            ("avm_budget", "AVM budget"),
                        ],
                        max_length=12,
                        verbose_name="kind",
                    ),
                ),
                ("provider", models.CharField(blank=True, max_length=200, verbose_name="provider")),
                ("description", models.TextField(blank=True, verbose_name="description")),
                (
                    "amount_min",
                    models.PositiveIntegerField(
                        blank=True, null=True, verbose_name="amount from (EUR)"
                    ),
                ),
                (
                    "amount_max",
                    models.PositiveIntegerField(
                        blank=True, null=True, verbose_name="amount up to (EUR)"
                    ),
                ),
                (
                    "cofinancing_rate",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        help_text="Share of the costs the funder pays.",
                        null=True,
                        validators=[django.core.validators.MaxValueValidator(100)],
                        verbose_name="co-financing rate (%)",
                    ),
                ),
                ("deadline", models.DateField(blank=True, null=True, verbose_name="deadline")),
                (
                    "eligible_sectors",
                    models.JSONField(
                        blank=True,
                        default=list,
                        help_text="Empty: any sector.",
                        verbose_name="eligible sectors",
                    ),
                ),
                (
                    "eligible_sizes",
                    models.JSONField(
                        blank=True,
                        default=list,
                        help_text="Empty: any size.",
                        verbose_name="eligible company sizes",
                    ),
                ),
                (
                    "eligible_countries",
                    django_countries.fields.CountryField(
                        blank=True,
                        help_text="Empty: any country.",
                        max_length=746,
                        multiple=True,
                        verbose_name="eligible countries",
                    ),
                ),
                ("link", models.URLField(blank=True, verbose_name="link")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
            ],
            options={
                "verbose_name": "funding opportunity",
                "verbose_name_plural": "funding opportunities",
                "ordering": ["deadline", "title"],
            },
        ),
        migrations.CreateModel(
            name="Idea",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("title", models.CharField(max_length=200, verbose_name="title")),
                ("summary", models.TextField(verbose_name="summary")),
                ("approach", models.TextField(verbose_name="approach")),
                ("deliverables", models.TextField(verbose_name="deliverables")),
                ("time_plan", models.TextField(verbose_name="time plan")),
                (
                    "budget_estimate",
                    models.PositiveIntegerField(
                        blank=True, null=True, verbose_name="budget estimate (EUR)"
                    ),
                ),
                (
                    "funding_sources",
                    models.TextField(blank=True, verbose_name="funding sources considered"),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("draft", "Draft"),
                            ("submitted", "Submitted"),
                            ("withdrawn", "Withdrawn"),
                            ("shortlisted", "Shortlisted"),
                            ("selected", "Selected"),
                            ("not_selected", "Not selected"),
                        ],
                        default="draft",
                        max_length=14,
                        verbose_name="status",
                    ),
                ),
                (
                    "submitted_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="submitted at"),
                ),
                (
                    "decided_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="decided at"),
                ),
                (
                    "lead_confirmed_at",
                    models.DateTimeField(
                        blank=True, null=True, verbose_name="selection confirmed at"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated at")),
            ],
            options={
                "verbose_name": "idea",
                "verbose_name_plural": "ideas",
                "ordering": ["-created_at"],
            },
        ),
        migrations.CreateModel(
            name="IdeaAttachment",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "file",
                    models.FileField(
                        upload_to=challenges.models.idea.attachment_path, verbose_name="file"
                    ),
                ),
                ("name", models.CharField(max_length=200, verbose_name="file name")),
                ("content_type", models.CharField(max_length=60, verbose_name="content type")),
                ("size", models.PositiveIntegerField(verbose_name="file size")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
            ],
            options={
                "verbose_name": "attachment",
                "verbose_name_plural": "attachments",
                "ordering": ["created_at"],
            },
        ),
        migrations.CreateModel(
            name="IdeaCoAuthor",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("invited", "Invited"),
                            ("accepted", "Accepted"),
                            ("declined", "Declined"),
                        ],
                        default="invited",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                (
                    "invited_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="invited at"
                    ),
                ),
                (
                    "responded_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="responded at"),
                ),
            ],
            options={
                "verbose_name": "co-author",
                "verbose_name_plural": "co-authors",
                "ordering": ["invited_at"],
            },
        ),
        migrations.CreateModel(
            name="NdaAcceptance",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("version", models.CharField(max_length=20, verbose_name="NDA version")),
                (
                    "accepted_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="accepted at"
                    ),
                ),
            ],
            options={
                "verbose_name": "NDA acceptance",
                "verbose_name_plural": "NDA acceptances",
                "ordering": ["-accepted_at"],
            },
        ),
        migrations.CreateModel(
            name="Question",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("body", models.TextField(verbose_name="question")),
                ("answer", models.TextField(blank=True, verbose_name="answer")),
                (
                    "answered_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="answered at"),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
            ],
            options={
                "verbose_name": "question",
                "verbose_name_plural": "questions",
                "ordering": ["created_at"],
            },
        ),
        migrations.CreateModel(
            name="Review",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("due_at", models.DateTimeField(verbose_name="due at")),
                (
                    "conflict_declared",
                    models.BooleanField(default=False, verbose_name="conflict of interest"),
                ),
                (
                    "conflict_note",
                    models.TextField(blank=True, verbose_name="conflict of interest"),
                ),
                (
                    "no_conflict_confirmed",
                    models.BooleanField(
                        default=False, verbose_name="no conflict of interest confirmed"
                    ),
                ),
                ("comment", models.TextField(blank=True, verbose_name="overall comment")),
                (
                    "submitted_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="submitted at"),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
            ],
            options={
                "verbose_name": "review",
                "verbose_name_plural": "reviews",
                "ordering": ["created_at"],
            },
        ),
        migrations.CreateModel(
            name="ReviewCriterion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=80, verbose_name="name")),
                (
                    "description",
                    models.CharField(blank=True, max_length=300, verbose_name="description"),
                ),
                (
                    "weight",
                    models.PositiveSmallIntegerField(
                        default=1,
                        validators=[
                            django.core.validators.MinValueValidator(1),
                            django.core.validators.MaxValueValidator(100),
                        ],
                        verbose_name="weight",
                    ),
                ),
                ("order", models.PositiveSmallIntegerField(default=0, verbose_name="order")),
            ],
            options={
                "verbose_name": "review criterion",
                "verbose_name_plural": "review criteria",
                "ordering": ["order", "pk"],
            },
        ),
        migrations.CreateModel(
            name="Score",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "value",
                    models.PositiveSmallIntegerField(
                        validators=[
                            django.core.validators.MinValueValidator(1),
                            django.core.validators.MaxValueValidator(5),
                        ],
                        verbose_name="score",
                    ),
                ),
                ("comment", models.TextField(blank=True, verbose_name="comment")),
            ],
            options={
                "verbose_name": "score",
                "verbose_name_plural": "scores",
            },
        ),
        migrations.AddField(
            model_name="challenge",
            name="idea_event",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="idea_pitch_challenges",
                to="collider.event",
                verbose_name="idea pitch event",
            ),
        ),
        migrations.AddField(
            model_name="challenge",
            name="organisation",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="challenges",
                to="collider.organisation",
                verbose_name="company",
            ),
        ),
        migrations.AddField(
            model_name="challenge",
            name="owner",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="challenges_owned",
                to=settings.AUTH_USER_MODEL,
                verbose_name="owner",
            ),
        ),
        migrations.AddField(
            model_name="challenge",
            name="pitch_event",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="pitched_challenges",
                to="collider.event",
                verbose_name="challenge pitch event",
            ),
        ),
        migrations.AddField(
            model_name="challenge",
            name="programme",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="challenges",
                to="collider.programme",
                verbose_name="programme",
            ),
        ),
        migrations.AddField(
            model_name="challenge",
            name="translator",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="challenges_translated",
                to=settings.AUTH_USER_MODEL,
                verbose_name="expert (translator)",
            ),
        ),
        migrations.AddField(
            model_name="challengecomment",
            name="author",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="author",
            ),
        ),
        migrations.AddField(
            model_name="challengecomment",
            name="challenge",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="comments",
                to="challenges.challenge",
                verbose_name="challenge",
            ),
        ),
        migrations.AddField(
            model_name="challenge",
            name="required_competences",
            field=models.ManyToManyField(
                blank=True,
                related_name="challenges",
                to="challenges.competencetag",
                verbose_name="required competences",
            ),
        ),
        migrations.AddField(
            model_name="fundingopportunity",
            name="programme",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="funding_opportunities",
                to="collider.programme",
                verbose_name="programme",
            ),
        ),
        migrations.AddField(
            model_name="idea",
            name="challenge",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="ideas",
                to="challenges.challenge",
                verbose_name="challenge",
            ),
        ),
        migrations.AddField(
            model_name="idea",
            name="funding_opportunities",
            field=models.ManyToManyField(
                blank=True,
                related_name="ideas",
                to="challenges.fundingopportunity",
                verbose_name="funding opportunities considered",
            ),
        ),
        migrations.AddField(
            model_name="idea",
            name="lead",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="ideas_led",
                to=settings.AUTH_USER_MODEL,
                verbose_name="lead",
            ),
        ),
        migrations.AddField(
            model_name="expertneed",
            name="idea",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="expert_needs",
                to="challenges.idea",
                verbose_name="idea",
            ),
        ),
        migrations.AddField(
            model_name="ideaattachment",
            name="idea",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="attachments",
                to="challenges.idea",
                verbose_name="idea",
            ),
        ),
        migrations.AddField(
            model_name="ideaattachment",
            name="uploaded_by",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="uploaded by",
            ),
        ),
        migrations.AddField(
            model_name="ideacoauthor",
            name="idea",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="coauthors",
                to="challenges.idea",
                verbose_name="idea",
            ),
        ),
        migrations.AddField(
            model_name="ideacoauthor",
            name="user",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="idea_coauthorships",
                to=settings.AUTH_USER_MODEL,
                verbose_name="user",
            ),
        ),
        migrations.AddField(
            model_name="ndaacceptance",
            name="challenge",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="ndas",
                to="challenges.challenge",
                verbose_name="challenge",
            ),
        ),
        migrations.AddField(
            model_name="ndaacceptance",
            name="user",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="challenge_ndas",
                to=settings.AUTH_USER_MODEL,
                verbose_name="user",
            ),
        ),
        migrations.AddField(
            model_name="question",
            name="answered_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="answered by",
            ),
        ),
        migrations.AddField(
            model_name="question",
            name="author",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="author",
            ),
        ),
        migrations.AddField(
            model_name="question",
            name="challenge",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="questions",
                to="challenges.challenge",
                verbose_name="challenge",
            ),
        ),
        migrations.AddField(
            model_name="review",
            name="assigned_by",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="assigned by",
            ),
        ),
        migrations.AddField(
            model_name="review",
            name="idea",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="reviews",
                to="challenges.idea",
                verbose_name="idea",
            ),
        ),
        migrations.AddField(
            model_name="review",
            name="reviewer",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="idea_reviews",
                to=settings.AUTH_USER_MODEL,
                verbose_name="reviewer",
            ),
        ),
        migrations.AddField(
            model_name="reviewcriterion",
            name="programme",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="review_criteria",
                to="collider.programme",
                verbose_name="programme",
            ),
        ),
        migrations.AddField(
            model_name="score",
            name="criterion",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="scores",
                to="challenges.reviewcriterion",
                verbose_name="criterion",
            ),
        ),
        migrations.AddField(
            model_name="score",
            name="review",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="scores",
                to="challenges.review",
                verbose_name="review",
            ),
        ),
        migrations.AddIndex(
            model_name="challenge",
            index=models.Index(
                fields=["programme", "status"], name="challenges__program_5a18d8_idx"
            ),
        ),
        migrations.AddConstraint(
            model_name="challenge",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("budget_min__isnull", True),
                    ("budget_max__isnull", True),
                    ("budget_max__gte", models.F("budget_min")),
                    _connector="OR",
                ),
                name="challenge_budget_ordered",
            ),
        ),
        migrations.AddConstraint(
            model_name="fundingopportunity",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("amount_min__isnull", True),
                    ("amount_max__isnull", True),
                    ("amount_max__gte", models.F("amount_min")),
                    _connector="OR",
                ),
                name="funding_amount_ordered",
            ),
        ),
        migrations.AddIndex(
            model_name="idea",
            index=models.Index(
                fields=["challenge", "status"], name="challenges__challen_61c6e7_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="idea",
            index=models.Index(
                fields=["challenge", "-submitted_at", "-id"], name="challenges_idea_submitted"
            ),
        ),
        migrations.AddConstraint(
            model_name="ideacoauthor",
            constraint=models.UniqueConstraint(fields=("idea", "user"), name="uniq_idea_coauthor"),
        ),
        migrations.AddConstraint(
            model_name="ndaacceptance",
            constraint=models.UniqueConstraint(
                fields=("challenge", "user", "version"), name="uniq_nda_per_version"
            ),
        ),
        migrations.AddConstraint(
            model_name="review",
            constraint=models.UniqueConstraint(
                fields=("idea", "reviewer"), name="uniq_review_per_reviewer"
            ),
        ),
        migrations.AddConstraint(
            model_name="reviewcriterion",
            constraint=models.UniqueConstraint(
                fields=("programme", "name"), name="uniq_criterion_name"
            ),
        ),
        migrations.AddConstraint(
            model_name="reviewcriterion",
            constraint=models.CheckConstraint(
                condition=models.Q(("weight__gte", 1)), name="criterion_weight_positive"
            ),
        ),
        migrations.AddConstraint(
            model_name="score",
            constraint=models.UniqueConstraint(fields=("review", "criterion"), name="uniq_score"),
        ),
        migrations.AddConstraint(
            model_name="score",
            constraint=models.CheckConstraint(
                condition=models.Q(("value__gte", 1), ("value__lte", 5)), name="score_1_to_5"
            ),
        ),
    ]
