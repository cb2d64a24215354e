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
        ("matchmaking", "0001_initial"),
        ("matchmaking", "0002_experts_external_parties"),
        ("matchmaking", "0003_schedule_run"),
        ("matchmaking", "0004_verbose_names"),
        ("matchmaking", "0005_challenge_competences_from_terms"),
    ]

    dependencies = [
        ("collider", "0001_squashed_0009_invitation_organisation_and_organisation_invitations"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("challenges", "0001_squashed_0003_verbose_names"),
    ]

    operations = [
        migrations.CreateModel(
            name="MeetingRequest",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("reason", models.TextField(verbose_name="why you want to meet")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("pending", "Waiting for an answer"),
                            ("accepted", "Accepted"),
                            ("declined", "Declined"),
                            ("expired", "Expired"),
                            ("cancelled", "Cancelled"),
                        ],
                        default="pending",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                ("answer", models.CharField(blank=True, max_length=300, verbose_name="answer")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                ("expires_at", models.DateTimeField(verbose_name="expires at")),
                (
                    "decided_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="decided at"),
                ),
                (
                    "facilitator_pick",
                    models.BooleanField(default=False, verbose_name="picked by the facilitator"),
                ),
                (
                    "mutual",
                    models.BooleanField(default=False, verbose_name="requested by both sides"),
                ),
                ("locked", models.BooleanField(default=False, verbose_name="locked")),
                ("held_at", models.DateTimeField(blank=True, null=True, verbose_name="held at")),
            ],
            options={
                "verbose_name": "meeting request",
                "verbose_name_plural": "meeting requests",
                "ordering": ["pk"],
            },
        ),
        migrations.CreateModel(
            name="Slot",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("index", models.PositiveSmallIntegerField(verbose_name="slot number")),
                ("starts_at", models.DateTimeField(verbose_name="starts at")),
                ("ends_at", models.DateTimeField(verbose_name="ends at")),
            ],
            options={
                "verbose_name": "time slot",
                "verbose_name_plural": "time slots",
                "ordering": ["index"],
            },
        ),
        migrations.CreateModel(
            name="Agreement",
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
                            ("cooperation", "Cooperation agreement"),
                            ("business", "Business agreement"),
                            ("loi", "Letter of intent"),
                            ("nda", "Non-disclosure agreement"),
                        ],
                        default="cooperation",
                        max_length=12,
                        verbose_name="type",
                    ),
                ),
                ("title", models.CharField(max_length=200, verbose_name="title")),
                (
                    "idea_id",
                    models.PositiveBigIntegerField(
                        blank=True,
                        help_text="challenges.Idea this grew from",
                        null=True,
                        verbose_name="idea ID",
                    ),
                ),
                ("goals", models.TextField(verbose_name="goals")),
                ("scope", models.TextField(blank=True, verbose_name="scope")),
                ("starts_on", models.DateField(blank=True, null=True, verbose_name="starts on")),
                ("ends_on", models.DateField(blank=True, null=True, verbose_name="ends on")),
                (
                    "budget",
                    models.PositiveIntegerField(blank=True, null=True, verbose_name="budget (EUR)"),
                ),
                ("funding", models.CharField(blank=True, max_length=240, verbose_name="funding")),
                ("ip_terms", models.TextField(blank=True, verbose_name="intellectual property")),
                ("confidentiality", models.TextField(blank=True, verbose_name="confidentiality")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("draft", "Draft: waiting for signatures"),
                            ("signed", "Signed by every party"),
                        ],
                        default="draft",
                        max_length=8,
                        verbose_name="status",
                    ),
                ),
                ("revision", models.PositiveIntegerField(default=1, verbose_name="revision")),
                (
                    "signatures_cleared_note",
                    models.CharField(
                        blank=True, max_length=300, verbose_name="reason signatures were cleared"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                (
                    "signed_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="signed at"),
                ),
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
                    "programme",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="mm_agreements",
                        to="collider.programme",
                        verbose_name="programme",
                    ),
                ),
                (
                    "meeting",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="agreements",
                        to="matchmaking.meetingrequest",
                        verbose_name="meeting",
                    ),
                ),
            ],
            options={
                "verbose_name": "agreement",
                "verbose_name_plural": "agreements",
                "ordering": ["-pk"],
            },
        ),
        migrations.CreateModel(
            name="Deliverable",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("title", models.CharField(max_length=200, verbose_name="deliverable")),
                ("due_on", models.DateField(verbose_name="due on")),
                (
                    "agreement",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="deliverables",
                        to="matchmaking.agreement",
                        verbose_name="agreement",
                    ),
                ),
            ],
            options={
                "verbose_name": "deliverable",
                "verbose_name_plural": "deliverables",
                "ordering": ["due_on", "pk"],
            },
        ),
        migrations.CreateModel(
            name="Party",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(blank=True, max_length=200, verbose_name="name")),
                ("email", models.EmailField(blank=True, max_length=254, verbose_name="e-mail")),
                (
                    "organisation_name",
                    models.CharField(blank=True, max_length=200, verbose_name="organisation"),
                ),
                (
                    "role",
                    models.CharField(
                        blank=True, max_length=80, verbose_name="role in the agreement"
                    ),
                ),
                (
                    "signed_name",
                    models.CharField(blank=True, max_length=200, verbose_name="signed name"),
                ),
                (
                    "signed_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="signed at"),
                ),
                (
                    "signed_hash",
                    models.CharField(blank=True, max_length=64, verbose_name="signature hash"),
                ),
                (
                    "agreement",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="parties",
                        to="matchmaking.agreement",
                        verbose_name="agreement",
                    ),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        to="collider.organisation",
                        verbose_name="organisation",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="mm_parties",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="user",
                    ),
                ),
            ],
            options={
                "verbose_name": "agreement party",
                "verbose_name_plural": "agreement parties",
                "ordering": ["pk"],
            },
        ),
        migrations.CreateModel(
            name="Profile",
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
                        choices=[
                            ("cci", "CCI (offers)"),
                            ("avm", "AVM (looks for)"),
                            ("exp", "Expert (invited)"),
                        ],
                        max_length=3,
                        verbose_name="side",
                    ),
                ),
                ("description", models.TextField(blank=True, verbose_name="in your own words")),
                (
                    "languages",
                    models.CharField(
                        blank=True,
                        help_text="Comma-separated codes, e.g. en, de, sl.",
                        max_length=60,
                        verbose_name="working languages",
                    ),
                ),
                ("region", models.CharField(blank=True, max_length=120, verbose_name="region")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated at")),
                (
                    "organisation",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        to="collider.organisation",
                        verbose_name="organisation",
                    ),
                ),
                (
                    "programme",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="mm_profiles",
                        to="collider.programme",
                        verbose_name="programme",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="mm_profiles",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="user",
                    ),
                ),
            ],
            options={
                "verbose_name": "matchmaking profile",
                "verbose_name_plural": "matchmaking profiles",
                "ordering": ["pk"],
            },
        ),
        migrations.CreateModel(
            name="Pick",
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
                        choices=[("pick", "Shortlisted"), ("veto", "Vetoed")],
                        max_length=4,
                        verbose_name="decision",
                    ),
                ),
                ("note", models.CharField(blank=True, max_length=240, verbose_name="note")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                (
                    "by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="picked by",
                    ),
                ),
                (
                    "programme",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="mm_picks",
                        to="collider.programme",
                        verbose_name="programme",
                    ),
                ),
                (
                    "candidate",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="picks_as_candidate",
                        to="matchmaking.profile",
                        verbose_name="candidate",
                    ),
                ),
                (
                    "company",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="picks_as_company",
                        to="matchmaking.profile",
                        verbose_name="company",
                    ),
                ),
            ],
            options={
                "verbose_name": "facilitator pick",
                "verbose_name_plural": "facilitator picks",
                "ordering": ["pk"],
            },
        ),
        migrations.AddField(
            model_name="meetingrequest",
            name="recipient",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="requests_received",
                to="matchmaking.profile",
                verbose_name="recipient",
            ),
        ),
        migrations.AddField(
            model_name="meetingrequest",
            name="requester",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="requests_sent",
                to="matchmaking.profile",
                verbose_name="requester",
            ),
        ),
        migrations.AddField(
            model_name="meetingrequest",
            name="slot",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="matchmaking.slot",
                verbose_name="slot",
            ),
        ),
        migrations.CreateModel(
            name="Table",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=40, verbose_name="table")),
                (
                    "fixed_for",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="fixed_tables",
                        to="matchmaking.profile",
                        verbose_name="kept by",
                    ),
                ),
            ],
            options={
                "verbose_name": "meeting table",
                "verbose_name_plural": "meeting tables",
                "ordering": ["pk"],
            },
        ),
        migrations.AddField(
            model_name="meetingrequest",
            name="table",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="matchmaking.table",
                verbose_name="table",
            ),
        ),
        migrations.CreateModel(
            name="Term",
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
                        choices=[("domain", "Networking domain"), ("technology", "AVM technology")],
                        max_length=12,
                        verbose_name="taxonomy",
                    ),
                ),
                ("name", models.CharField(max_length=80, verbose_name="name")),
                (
                    "programme",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="mm_terms",
                        to="collider.programme",
                        verbose_name="programme",
                    ),
                ),
            ],
            options={
                "verbose_name": "matchmaking term",
                "verbose_name_plural": "matchmaking terms",
                "ordering": ["kind", "name"],
            },
        ),
        migrations.AddField(
            model_name="profile",
            name="terms",
            field=models.ManyToManyField(
                blank=True,
                related_name="profiles",
                to="matchmaking.term",
                verbose_name="offers / needs",
            ),
        ),
        migrations.CreateModel(
            name="Workshop",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "meeting_minutes",
                    models.PositiveSmallIntegerField(
                        default=20, verbose_name="meeting length (minutes)"
                    ),
                ),
                (
                    "break_minutes",
                    models.PositiveSmallIntegerField(
                        default=5, verbose_name="break between meetings (minutes)"
                    ),
                ),
                (
                    "request_mode",
                    models.CharField(
                        choices=[
                            ("confirm", "The invitee accepts or declines"),
                            ("auto", "Requests are accepted automatically"),
                        ],
                        default="confirm",
                        max_length=8,
                        verbose_name="request mode",
                    ),
                ),
                (
                    "request_expiry_days",
                    models.PositiveSmallIntegerField(
                        default=5, verbose_name="requests expire after (days)"
                    ),
                ),
                (
                    "default_cap",
                    models.PositiveSmallIntegerField(
                        default=12, verbose_name="meetings per participant at most"
                    ),
                ),
                (
                    "booking_closes_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="booking closes at"),
                ),
                (
                    "published_version",
                    models.PositiveIntegerField(
                        default=0, editable=False, verbose_name="published schedule version"
                    ),
                ),
                (
                    "event",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="workshop",
                        to="collider.event",
                        verbose_name="event",
                    ),
                ),
            ],
            options={
                "verbose_name": "matchmaking workshop",
                "verbose_name_plural": "matchmaking workshops",
                "ordering": ["event__starts_at"],
            },
        ),
        migrations.AddField(
            model_name="table",
            name="workshop",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="tables",
                to="matchmaking.workshop",
                verbose_name="workshop",
            ),
        ),
        migrations.AddField(
            model_name="slot",
            name="workshop",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="slots",
                to="matchmaking.workshop",
                verbose_name="workshop",
            ),
        ),
        migrations.CreateModel(
            name="ScheduleVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("number", models.PositiveIntegerField(verbose_name="version number")),
                ("placements", models.JSONField(default=dict, verbose_name="placements")),
                ("method", models.CharField(blank=True, max_length=10, verbose_name="method")),
                (
                    "notified",
                    models.PositiveIntegerField(default=0, verbose_name="people notified"),
                ),
                (
                    "published_at",
                    models.DateTimeField(auto_now_add=True, verbose_name="published at"),
                ),
                (
                    "published_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="published by",
                    ),
                ),
                (
                    "workshop",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="versions",
                        to="matchmaking.workshop",
                        verbose_name="workshop",
                    ),
                ),
            ],
            options={
                "verbose_name": "schedule version",
                "verbose_name_plural": "schedule versions",
                "ordering": ["-number"],
            },
        ),
        migrations.CreateModel(
            name="ScheduleRun",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("method", models.CharField(max_length=20, verbose_name="method")),
                (
                    "time_limit",
                    models.PositiveSmallIntegerField(default=10, verbose_name="time limit"),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("pending", "Waiting for a worker"),
                            ("running", "Running"),
                            ("done", "Finished"),
                            ("stopped", "Stopped: best schedule so far kept"),
                            ("failed", "Failed"),
                        ],
                        default="pending",
                        max_length=8,
                        verbose_name="status",
                    ),
                ),
                (
                    "stop_requested",
                    models.BooleanField(default=False, verbose_name="stop requested"),
                ),
                ("phase", models.CharField(blank=True, max_length=20, verbose_name="solver phase")),
                ("total", models.PositiveIntegerField(default=0, verbose_name="meetings to place")),
                ("placed", models.PositiveIntegerField(default=0, verbose_name="meetings placed")),
                (
                    "bound",
                    models.PositiveIntegerField(
                        blank=True, null=True, verbose_name="most meetings that can be placed"
                    ),
                ),
                (
                    "binding",
                    models.CharField(
                        blank=True,
                        choices=[
                            (
                                "requests",
                                "the accepted meetings whose two sides share an available slot",
                            ),
                            ("tables", "the tables: slots times tables"),
                            (
                                "budgets",
                                "each participant meets at most min(cap, available slots) times",
                            ),
                            (
                                "slots",
                                "in each slot everyone meets at most one other person, and each meeting happens once",
                            ),
                        ],
                        max_length=20,
                        verbose_name="what limits the bound",
                    ),
                ),
                (
                    "idle_mean",
                    models.FloatField(
                        blank=True, null=True, verbose_name="mean idle slots per participant"
                    ),
                ),
                (
                    "violations",
                    models.PositiveIntegerField(default=0, verbose_name="constraint violations"),
                ),
                ("solver", models.CharField(blank=True, max_length=20, verbose_name="solver")),
                ("notes", models.JSONField(blank=True, default=list, verbose_name="solver notes")),
                (
                    "unscheduled",
                    models.JSONField(blank=True, default=dict, verbose_name="unscheduled requests"),
                ),
                ("error", models.TextField(blank=True, verbose_name="error")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                (
                    "started_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="started at"),
                ),
                (
                    "finished_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="finished at"),
                ),
                (
                    "requested_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="requested by",
                    ),
                ),
                (
                    "workshop",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="runs",
                        to="matchmaking.workshop",
                        verbose_name="workshop",
                    ),
                ),
            ],
            options={
                "verbose_name": "scheduler run",
                "verbose_name_plural": "scheduler runs",
                "ordering": ["-created_at", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="Participation",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "cap",
                    models.PositiveSmallIntegerField(
                        blank=True, null=True, verbose_name="meetings at most"
                    ),
                ),
                (
                    "profile",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="participations",
                        to="matchmaking.profile",
                        verbose_name="profile",
                    ),
                ),
                (
                    "unavailable",
                    models.ManyToManyField(
                        blank=True,
                        related_name="+",
                        to="matchmaking.slot",
                        verbose_name="slots I cannot attend",
                    ),
                ),
                (
                    "workshop",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="participations",
                        to="matchmaking.workshop",
                        verbose_name="workshop",
                    ),
                ),
            ],
            options={
                "verbose_name": "workshop participation",
                "verbose_name_plural": "workshop participations",
                "ordering": ["pk"],
            },
        ),
        migrations.AddField(
            model_name="meetingrequest",
            name="workshop",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="requests",
                to="matchmaking.workshop",
                verbose_name="workshop",
            ),
        ),
        migrations.AddConstraint(
            model_name="agreement",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("ends_on__isnull", True),
                    ("starts_on__isnull", True),
                    ("ends_on__gte", models.F("starts_on")),
                    _connector="OR",
                ),
                name="mm_agreement_dates",
            ),
        ),
        migrations.AddConstraint(
            model_name="party",
            constraint=models.UniqueConstraint(
                fields=("agreement", "user"), name="mm_party_unique"
            ),
        ),
        migrations.AddConstraint(
            model_name="party",
            constraint=models.UniqueConstraint(
                condition=models.Q(("user__isnull", True)),
                fields=("agreement", "email"),
                name="mm_external_party_unique",
            ),
        ),
        migrations.AddConstraint(
            model_name="party",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("user__isnull", False),
                    models.Q(
                        models.Q(("name", ""), _negated=True),
                        models.Q(("email", ""), _negated=True),
                    ),
                    _connector="OR",
                ),
                name="mm_external_party_named",
            ),
        ),
        migrations.AddConstraint(
            model_name="pick",
            constraint=models.UniqueConstraint(
                fields=("company", "candidate"), name="mm_pick_unique"
            ),
        ),
        migrations.AddConstraint(
            model_name="term",
            constraint=models.UniqueConstraint(
                fields=("programme", "kind", "name"), name="mm_term_unique"
            ),
        ),
        migrations.AddConstraint(
            model_name="profile",
            constraint=models.UniqueConstraint(
                fields=("programme", "user"), name="mm_profile_unique"
            ),
        ),
        migrations.AddConstraint(
            model_name="table",
            constraint=models.UniqueConstraint(fields=("workshop", "name"), name="mm_table_unique"),
        ),
        migrations.AddConstraint(
            model_name="slot",
            constraint=models.UniqueConstraint(fields=("workshop", "index"), name="mm_slot_unique"),
        ),
        migrations.AddConstraint(
            model_name="scheduleversion",
            constraint=models.UniqueConstraint(
                fields=("workshop", "number"), name="mm_version_unique"
            ),
        ),
        migrations.AddConstraint(
            model_name="schedulerun",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status__in", ["pending", "running"])),
                fields=("workshop",),
                name="mm_run_one_active",
            ),
        ),
        migrations.AddConstraint(
            model_name="participation",
            constraint=models.UniqueConstraint(
                fields=("workshop", "profile"), name="mm_participation_unique"
            ),
        ),
        migrations.AddConstraint(
            model_name="meetingrequest",
            constraint=models.CheckConstraint(
                condition=models.Q(("requester", models.F("recipient")), _negated=True),
                name="mm_request_not_self",
            ),
        ),
        migrations.AddConstraint(
            model_name="meetingrequest",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status__in", ["pending", "accepted"])),
                fields=("workshop", "requester", "recipient"),
                name="mm_request_open_unique",
            ),
        ),
    ]
