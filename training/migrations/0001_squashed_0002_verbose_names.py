# The app's migrations up to the one this file is named after, in one, made from the models:
# a new database is created in one step (the replaced ones re-rendered the model state for
# every field whose verbose name changed). Their data migrations only rewrote rows that a
# new database does not have. A database that applied them all uses this one as applied.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import training.models


class Migration(migrations.Migration):
    initial = True

    replaces = [
        ("training", "0001_initial"),
        ("training", "0002_verbose_names"),
    ]

    dependencies = [
        ("collider", "0001_squashed_0009_invitation_organisation_and_organisation_invitations"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Material",
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
                            ("article", "Article"),
                            ("web_tutorial", "Web tutorial"),
                            ("short_film", "Short film"),
                            ("best_practice", "Best practice"),
                            ("related_platform", "Related platform"),
                            ("ipr_tutorial", "IPR tutorial"),
                            ("testimonial", "Testimonial"),
                        ],
                        max_length=20,
                        verbose_name="kind",
                    ),
                ),
                (
                    "description",
                    models.TextField(blank=True, max_length=3000, verbose_name="description"),
                ),
                ("url", models.URLField(blank=True, verbose_name="link")),
                (
                    "file",
                    models.FileField(
                        blank=True, upload_to=training.models.material_path, verbose_name="file"
                    ),
                ),
                (
                    "content_type",
                    models.CharField(
                        blank=True, editable=False, max_length=100, verbose_name="content type"
                    ),
                ),
                (
                    "size",
                    models.PositiveIntegerField(
                        default=0, editable=False, verbose_name="file size"
                    ),
                ),
                (
                    "dimension",
                    models.CharField(
                        choices=[
                            ("technology", "Technology"),
                            ("future_trends", "Future trends"),
                            ("mindset", "Mindset"),
                        ],
                        max_length=20,
                        verbose_name="dimension",
                    ),
                ),
                (
                    "audience",
                    models.CharField(
                        choices=[("both", "CCI and AVM"), ("cci", "CCI"), ("avm", "AVM")],
                        default="both",
                        max_length=10,
                        verbose_name="audience",
                    ),
                ),
                (
                    "language",
                    models.CharField(
                        choices=[
                            ("en", "English"),
                            ("de", "German"),
                            ("sl", "Slovenian"),
                            ("hr", "Croatian"),
                            ("hu", "Hungarian"),
                            ("pl", "Polish"),
                            ("cs", "Czech"),
                            ("it", "Italian"),
                        ],
                        default="en",
                        max_length=10,
                        verbose_name="language",
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
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
                        related_name="training_materials",
                        to="collider.programme",
                        verbose_name="programme",
                    ),
                ),
            ],
            options={
                "verbose_name": "material",
                "verbose_name_plural": "materials",
                "ordering": ["dimension", "title", "pk"],
            },
        ),
        migrations.CreateModel(
            name="MaterialCompletion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "completed_at",
                    models.DateTimeField(auto_now_add=True, verbose_name="completed at"),
                ),
                (
                    "material",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="completions",
                        to="training.material",
                        verbose_name="material",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="training_completions",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="user",
                    ),
                ),
            ],
            options={
                "verbose_name": "completed material",
                "verbose_name_plural": "completed materials",
            },
        ),
        migrations.CreateModel(
            name="Module",
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
                        ],
                        max_length=20,
                        verbose_name="dimension",
                    ),
                ),
                (
                    "format",
                    models.CharField(
                        choices=[
                            ("workshop", "Interactive workshop"),
                            ("hands_on", "Hands-on"),
                            ("meet_the_expert", "Meet the expert"),
                            ("webinar", "Webinar"),
                            ("company_visit", "Company visit"),
                            ("virtual_tour", "Virtual tour"),
                        ],
                        max_length=20,
                        verbose_name="format",
                    ),
                ),
                (
                    "audience",
                    models.CharField(
                        choices=[("both", "CCI and AVM"), ("cci", "CCI"), ("avm", "AVM")],
                        default="both",
                        max_length=10,
                        verbose_name="audience",
                    ),
                ),
                ("description", models.TextField(verbose_name="description")),
                (
                    "learning_outcomes",
                    models.TextField(
                        help_text="One outcome per line.", verbose_name="learning outcomes"
                    ),
                ),
                (
                    "language",
                    models.CharField(
                        choices=[
                            ("en", "English"),
                            ("de", "German"),
                            ("sl", "Slovenian"),
                            ("hr", "Croatian"),
                            ("hu", "Hungarian"),
                            ("pl", "Polish"),
                            ("cs", "Czech"),
                            ("it", "Italian"),
                        ],
                        default="en",
                        max_length=10,
                        verbose_name="language",
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                (
                    "programme",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="training_modules",
                        to="collider.programme",
                        verbose_name="programme",
                    ),
                ),
                (
                    "trainers",
                    models.ManyToManyField(
                        blank=True,
                        help_text="Expert members of the programme.",
                        related_name="training_modules",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="trainers",
                    ),
                ),
            ],
            options={
                "verbose_name": "training module",
                "verbose_name_plural": "training modules",
                "ordering": ["dimension", "title", "pk"],
            },
        ),
        migrations.CreateModel(
            name="Session",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("safety_rules", models.TextField(blank=True, verbose_name="safety rules")),
                ("photo_policy", models.TextField(blank=True, verbose_name="photo policy")),
                (
                    "confidentiality_text",
                    models.TextField(
                        blank=True,
                        help_text="Visitors confirm this text when they register.",
                        verbose_name="confidentiality confirmation",
                    ),
                ),
                (
                    "virtual_tour_url",
                    models.URLField(
                        blank=True,
                        help_text="An alternative for those who cannot come.",
                        verbose_name="virtual tour / video link",
                    ),
                ),
                (
                    "event",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="training",
                        to="collider.event",
                        verbose_name="event",
                    ),
                ),
                (
                    "module",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="sessions",
                        to="training.module",
                        verbose_name="module",
                    ),
                ),
            ],
            options={
                "verbose_name": "training session",
                "verbose_name_plural": "training sessions",
                "ordering": ["event__starts_at", "pk"],
            },
        ),
        migrations.CreateModel(
            name="SessionOutput",
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
                            ("file", "File (slides, handout)"),
                            ("recording", "Recording (link)"),
                            ("photo", "Photo (e.g. whiteboard)"),
                        ],
                        max_length=10,
                        verbose_name="kind",
                    ),
                ),
                ("title", models.CharField(max_length=200, verbose_name="title")),
                (
                    "file",
                    models.FileField(
                        blank=True, upload_to=training.models.output_path, verbose_name="file"
                    ),
                ),
                ("url", models.URLField(blank=True, verbose_name="link")),
                (
                    "alt_text",
                    models.CharField(
                        blank=True,
                        help_text="Describe the photo.",
                        max_length=300,
                        verbose_name="alternative text",
                    ),
                ),
                (
                    "content_type",
                    models.CharField(
                        blank=True, editable=False, max_length=100, verbose_name="content type"
                    ),
                ),
                (
                    "size",
                    models.PositiveIntegerField(
                        default=0, editable=False, verbose_name="file size"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                (
                    "session",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="outputs",
                        to="training.session",
                        verbose_name="session",
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
                "verbose_name": "session output",
                "verbose_name_plural": "session outputs",
                "ordering": ["kind", "created_at", "pk"],
            },
        ),
        migrations.CreateModel(
            name="VisitConfirmation",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("text", models.TextField(verbose_name="confirmed text")),
                (
                    "confirmed_at",
                    models.DateTimeField(auto_now_add=True, verbose_name="confirmed at"),
                ),
                (
                    "registration",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="visit_confirmation",
                        to="collider.registration",
                        verbose_name="registration",
                    ),
                ),
            ],
            options={
                "verbose_name": "visit confirmation",
                "verbose_name_plural": "visit confirmations",
            },
        ),
        migrations.CreateModel(
            name="Certificate",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("holder_name", models.CharField(max_length=200, verbose_name="holder")),
                (
                    "code",
                    models.CharField(
                        default=training.models.new_code,
                        max_length=20,
                        unique=True,
                        verbose_name="verification code",
                    ),
                ),
                ("sessions", models.JSONField(default=list, verbose_name="attended sessions")),
                ("issued_at", models.DateTimeField(verbose_name="issued at")),
                (
                    "programme",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="training_certificates",
                        to="collider.programme",
                        verbose_name="programme",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="training_certificates",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="user",
                    ),
                ),
            ],
            options={
                "verbose_name": "certificate",
                "verbose_name_plural": "certificates",
                "ordering": ["-issued_at"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("programme", "user"), name="uniq_training_certificate"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="Feedback",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("rating", models.PositiveSmallIntegerField(verbose_name="rating")),
                ("comment", models.TextField(blank=True, max_length=2000, verbose_name="comment")),
                (
                    "learned",
                    models.TextField(blank=True, max_length=2000, verbose_name="what I learned"),
                ),
                (
                    "idea",
                    models.TextField(
                        blank=True, max_length=2000, verbose_name="an idea for cooperation"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                (
                    "registration",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="training_feedback",
                        to="collider.registration",
                        verbose_name="registration",
                    ),
                ),
            ],
            options={
                "verbose_name": "session feedback",
                "verbose_name_plural": "session feedback",
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("rating__gte", 1), ("rating__lte", 5)),
                        name="training_rating_1_to_5",
                    )
                ],
            },
        ),
        migrations.AddIndex(
            model_name="material",
            index=models.Index(
                fields=["programme", "dimension"], name="training_ma_program_6903ad_idx"
            ),
        ),
        migrations.AddConstraint(
            model_name="material",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(models.Q(("url", ""), _negated=True), ("file", "")),
                    models.Q(("url", ""), models.Q(("file", ""), _negated=True)),
                    _connector="OR",
                ),
                name="training_material_link_or_file",
            ),
        ),
        migrations.AddConstraint(
            model_name="materialcompletion",
            constraint=models.UniqueConstraint(
                fields=("material", "user"), name="uniq_material_completion"
            ),
        ),
        migrations.AddIndex(
            model_name="module",
            index=models.Index(
                fields=["programme", "dimension"], name="training_mo_program_bee0f8_idx"
            ),
        ),
        migrations.AddConstraint(
            model_name="sessionoutput",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("kind", "recording"), models.Q(("url", ""), _negated=True), ("file", "")
                    ),
                    models.Q(
                        models.Q(("kind", "recording"), _negated=True),
                        models.Q(("file", ""), _negated=True),
                        ("url", ""),
                    ),
                    _connector="OR",
                ),
                name="training_output_link_or_file",
            ),
        ),
        migrations.AddConstraint(
            model_name="sessionoutput",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("kind", "photo"), _negated=True),
                    models.Q(("alt_text", ""), _negated=True),
                    _connector="OR",
                ),
                name="training_photo_has_alt",
            ),
        ),
    ]
