"""Access declarations of the follow-up app, in the format of tests/test_access_matrix.py.

``ROUTES`` (one per URL pattern) and ``build_world(world)``, which adds the objects these routes
use as ``world.followup``: a reporting period, a cooperation whose CCI contact is the matrix's
CCI participant, and that participant's check-in. ``ADMIN_MODELS``: the read-only admin.

Roles, in order: anonymous, cci, avm, expert, facilitator, partner, other_partner, admin.
"""

from __future__ import annotations

from types import SimpleNamespace

from django.urls import reverse
from django.utils import timezone

from collider.enums import OrganisationKind, Sector
from followup.enums import Anchor, CheckInSide
from followup.models import CheckIn, Milestone
from tests.access import LOGIN, Redirect, Route, everyone, named, read_only_admin, row
from tests.factories import OrganisationFactory

from .factories import CooperationFactory, ReportingPeriodFactory

MANAGE_GET = row(LOGIN, 403, 403, 403, 403, 200, 403, 200)
MANAGE_BAD_POST = row(LOGIN, 403, 403, 403, 403, 400, 403, 400)
# Facilitators follow the cooperations up with the partners (followup/rules.py says who does
# what): the board, each cooperation and its milestones and check-ins, the KPIs and the stories.
FOLLOW_GET = row(LOGIN, 403, 403, 403, 200, 200, 403, 200)
FOLLOW_BAD_POST = row(LOGIN, 403, 403, 403, 400, 400, 403, 400)
NOT_ALLOWED = everyone(405)
# Only the person asked may open a check-in; to everyone else it does not exist.
RESPONDENT_GET = row(LOGIN, 200, 404, 404, 404, 404, 404, 404)
PARTICIPANT_GET = row(LOGIN, 200, 200, 403, 403, 403, 403, 200)
RESPONDENT_BAD_POST = row(LOGIN, 400, 404, 404, 404, 404, 404, 404)


def f(w) -> SimpleNamespace:
    return w.followup


def slug(w):
    return {"slug": w.programme.slug}


def with_pk(attribute: str):
    return lambda w: {"slug": w.programme.slug, "pk": getattr(f(w), attribute).pk}


def _dashboard_of_period(w) -> str:
    url = reverse("followup:kpi_dashboard", kwargs={"slug": w.programme.slug})
    return f"{url}?period={f(w).period.pk}"


TO_PERIOD = Redirect(_dashboard_of_period, "followup:kpi_dashboard?period")
MANAGE_TO_PERIOD = row(LOGIN, 403, 403, 403, 403, TO_PERIOD, 403, TO_PERIOD)

ROUTES: dict[str, Route] = {
    "followup:kpi_dashboard": Route(named("followup:kpi_dashboard", slug), FOLLOW_GET, NOT_ALLOWED),
    "followup:period_create": Route(
        named("followup:period_create", slug), MANAGE_GET, MANAGE_BAD_POST
    ),
    # Every target is optional: an empty POST clears them and returns to the dashboard.
    "followup:period_targets": Route(
        named("followup:period_targets", with_pk("period")), MANAGE_GET, MANAGE_TO_PERIOD
    ),
    "followup:correction_create": Route(
        named("followup:correction_create", with_pk("period")), MANAGE_GET, MANAGE_BAD_POST
    ),
    # Locking needs no form: the POST locks the period.
    "followup:period_lock": Route(
        named("followup:period_lock", with_pk("period")), NOT_ALLOWED, MANAGE_TO_PERIOD
    ),
    "followup:board": Route(named("followup:board", slug), FOLLOW_GET, NOT_ALLOWED),
    "followup:cooperation_create": Route(
        named("followup:cooperation_create", slug), FOLLOW_GET, FOLLOW_BAD_POST
    ),
    "followup:cooperation_detail": Route(
        named("followup:cooperation_detail", with_pk("cooperation")), FOLLOW_GET, NOT_ALLOWED
    ),
    "followup:cooperation_move": Route(
        named("followup:cooperation_move", with_pk("cooperation")), NOT_ALLOWED, FOLLOW_BAD_POST
    ),
    "followup:milestone_add": Route(
        named("followup:milestone_add", with_pk("cooperation")), NOT_ALLOWED, FOLLOW_BAD_POST
    ),
    # Done needs evidence: an empty POST is refused with a message.
    "followup:milestone_done": Route(
        named("followup:milestone_done", with_pk("milestone")), NOT_ALLOWED, FOLLOW_BAD_POST
    ),
    "followup:checkin_answer": Route(
        named("followup:checkin_answer", with_pk("checkin")), RESPONDENT_GET, RESPONDENT_BAD_POST
    ),
    "followup:export": Route(
        named(
            "followup:export",
            lambda w: {"slug": w.programme.slug, "what": "participants", "fmt": "csv"},
        ),
        MANAGE_GET,
        NOT_ALLOWED,
    ),
    "followup:report_pdf": Route(named("followup:report_pdf", slug), FOLLOW_GET, NOT_ALLOWED),
    # "My cooperation": the participants' own page (an admin sees an empty one).
    "followup:my_cooperation": Route(
        named("followup:my_cooperation", slug), PARTICIPANT_GET, NOT_ALLOWED
    ),
    # Evidence for a milestone of their own cooperation: an empty POST asks for the file or link.
    "followup:milestone_evidence": Route(
        named("followup:milestone_evidence", with_pk("milestone")),
        NOT_ALLOWED,
        row(LOGIN, 400, 400, 403, 403, 403, 403, 404),
    ),
}


def build_world(world) -> None:
    cooperation = CooperationFactory(
        programme=world.programme,
        cci_organisation=OrganisationFactory(sector=Sector.CCI),
        avm_organisation=OrganisationFactory(sector=Sector.AVM, kind=OrganisationKind.AVM_COMPANY),
        cci_contact=world.users["cci"],
        avm_contact=world.users["avm"],
    )
    checkin = CheckIn.objects.create(
        cooperation=cooperation,
        anchor=Anchor.MEETING,
        months=1,
        side=CheckInSide.CCI,
        respondent=world.users["cci"],
        due_at=timezone.now(),
    )
    followup = SimpleNamespace(
        period=ReportingPeriodFactory(programme=world.programme),
        cooperation=cooperation,
        checkin=checkin,
        milestone=Milestone.objects.create(
            cooperation=cooperation, title="Prototype", due_on=timezone.localdate()
        ),
    )
    world.followup = followup
    build_feedback_world(world)
    build_evaluation_and_story(world)
    build_admin_objects(world)


# --- Feedback surveys

# Facilitators read the results; partners (and admins) run the surveys.
VIEW_FEEDBACK_GET = row(LOGIN, 403, 403, 403, 200, 200, 403, 200)
MANAGE_FEEDBACK_GET = row(LOGIN, 403, 403, 403, 403, 200, 403, 200)
MANAGE_FEEDBACK_BAD_POST = row(LOGIN, 403, 403, 403, 403, 400, 403, 400)
# Only the invited (both participants) may open a survey; to everyone else it does not exist.
INVITED_GET = row(LOGIN, 200, 200, 404, 404, 404, 404, 404)
INVITED_BAD_POST = row(LOGIN, 400, 400, 404, 404, 404, 404, 404)


def _survey_detail(attribute: str) -> Redirect:
    def target(w) -> str:
        survey = getattr(f(w), attribute)
        return reverse(
            "followup:feedback_detail", kwargs={"slug": w.programme.slug, "pk": survey.pk}
        )

    return Redirect(target, f"followup:feedback_detail({attribute})")


ROUTES.update(
    {
        "followup:feedback_list": Route(
            named("followup:feedback_list", slug), VIEW_FEEDBACK_GET, NOT_ALLOWED
        ),
        "followup:feedback_create": Route(
            named("followup:feedback_create", slug), MANAGE_FEEDBACK_GET, MANAGE_FEEDBACK_BAD_POST
        ),
        "followup:feedback_detail": Route(
            named("followup:feedback_detail", with_pk("draft_survey")),
            VIEW_FEEDBACK_GET,
            NOT_ALLOWED,
        ),
        # An empty POST has no management form: refused with a message.
        "followup:feedback_edit": Route(
            named("followup:feedback_edit", with_pk("draft_survey")),
            MANAGE_FEEDBACK_GET,
            MANAGE_FEEDBACK_BAD_POST,
        ),
        # Opening needs no form: the draft opens and its audience (cci, avm) is invited.
        "followup:feedback_open": Route(
            named("followup:feedback_open", with_pk("draft_survey")),
            NOT_ALLOWED,
            row(
                LOGIN,
                403,
                403,
                403,
                403,
                _survey_detail("draft_survey"),
                403,
                _survey_detail("draft_survey"),
            ),
        ),
        "followup:feedback_close": Route(
            named("followup:feedback_close", with_pk("open_survey")),
            NOT_ALLOWED,
            row(
                LOGIN,
                403,
                403,
                403,
                403,
                _survey_detail("open_survey"),
                403,
                _survey_detail("open_survey"),
            ),
        ),
        "followup:feedback_results": Route(
            named("followup:feedback_results", with_pk("open_survey")),
            VIEW_FEEDBACK_GET,
            NOT_ALLOWED,
        ),
        "followup:feedback_answers": Route(
            named("followup:feedback_answers", with_pk("open_survey")),
            VIEW_FEEDBACK_GET,
            NOT_ALLOWED,
        ),
        "followup:feedback_export": Route(
            named(
                "followup:feedback_export",
                lambda w: {"slug": w.programme.slug, "pk": f(w).open_survey.pk, "fmt": "csv"},
            ),
            VIEW_FEEDBACK_GET,
            NOT_ALLOWED,
        ),
        # An empty answer misses the required questions.
        "followup:feedback_respond": Route(
            named("followup:feedback_respond", with_pk("open_survey")),
            INVITED_GET,
            INVITED_BAD_POST,
        ),
    }
)


def build_feedback_world(world) -> None:
    """A draft programme survey and an open one to which the CCI and AVM participants are
    invited (written directly: no e-mail goes out while the matrix builds its world)."""
    from datetime import timedelta

    from followup.enums import SurveySubject
    from followup.feedback import DEFAULT_QUESTIONS
    from followup.models import Survey, SurveyInvitation, SurveyQuestion

    today = timezone.localdate()
    surveys = {}
    for name, opened in (("draft_survey", None), ("open_survey", timezone.now())):
        survey = Survey.objects.create(
            programme=world.programme,
            title=name,
            subject_kind=SurveySubject.PROGRAMME,
            opens_on=today - timedelta(days=1),
            closes_on=today + timedelta(days=7),
            opened_at=opened,
        )
        SurveyQuestion.objects.bulk_create(
            SurveyQuestion(survey=survey, position=n, kind=kind, text=str(text))
            for n, (kind, text) in enumerate(DEFAULT_QUESTIONS[SurveySubject.PROGRAMME], start=1)
        )
        surveys[name] = survey
    for role in ("cci", "avm"):
        SurveyInvitation.objects.create(
            survey=surveys["open_survey"],
            user=world.users[role],
            sector=role,
            invited_at=timezone.now(),
        )
    world.followup.draft_survey = surveys["draft_survey"]
    world.followup.open_survey = surveys["open_survey"]


# --- Joint evaluation and success stories

CONTACT_GET = row(LOGIN, 200, 200, 404, 404, 404, 404, 404)
# An empty POST lacks the action: the form says so.
CONTACT_BAD_POST = row(LOGIN, 400, 400, 404, 404, 404, 404, 404)
TO_EVALUATION = Redirect(
    lambda w: reverse(
        "followup:evaluation", kwargs={"slug": w.programme.slug, "pk": f(w).period.pk}
    ),
    "followup:evaluation",
)
TO_STORY = Redirect(
    lambda w: reverse(
        "followup:story_detail", kwargs={"slug": w.programme.slug, "pk": f(w).story.pk}
    ),
    "followup:story_detail",
)

ROUTES.update(
    {
        # An empty POST saves an empty text and returns to the page.
        "followup:evaluation": Route(
            named("followup:evaluation", with_pk("period")),
            MANAGE_GET,
            row(LOGIN, 403, 403, 403, 403, TO_EVALUATION, 403, TO_EVALUATION),
        ),
        # Confirming (or the refusal to the admin, who acts for no partner organisation)
        # returns to the evaluation with a message.
        "followup:evaluation_confirm": Route(
            named("followup:evaluation_confirm", with_pk("period")),
            NOT_ALLOWED,
            row(LOGIN, 403, 403, 403, 403, TO_EVALUATION, 403, TO_EVALUATION),
        ),
        "followup:evaluation_pdf": Route(
            named("followup:evaluation_pdf", with_pk("period")), MANAGE_GET, NOT_ALLOWED
        ),
        "followup:story_list": Route(named("followup:story_list", slug), FOLLOW_GET, NOT_ALLOWED),
        "followup:story_create": Route(
            named("followup:story_create", with_pk("completed")), FOLLOW_GET, FOLLOW_BAD_POST
        ),
        "followup:story_detail": Route(
            named("followup:story_detail", with_pk("story")), FOLLOW_GET, NOT_ALLOWED
        ),
        "followup:story_edit": Route(
            named("followup:story_edit", with_pk("story")), FOLLOW_GET, FOLLOW_BAD_POST
        ),
        "followup:story_ask": Route(
            named("followup:story_ask", with_pk("story")),
            NOT_ALLOWED,
            row(LOGIN, 403, 403, 403, TO_STORY, TO_STORY, 403, TO_STORY),
        ),
        # Publishing without both consents is refused on the page.
        "followup:story_publish": Route(
            named("followup:story_publish", with_pk("story")), NOT_ALLOWED, MANAGE_BAD_POST
        ),
        "followup:story_consent": Route(
            named("followup:story_consent", with_pk("story")), CONTACT_GET, CONTACT_BAD_POST
        ),
    }
)


def build_evaluation_and_story(world) -> None:
    """A written evaluation of the period and a drafted story of a completed cooperation whose
    contacts are the matrix's CCI and AVM participants."""
    from followup.enums import Stage
    from followup.models import JointEvaluation, SuccessStory

    followup = f(world)
    JointEvaluation.objects.create(
        period=followup.period,
        strengths="Fast decisions",
        weaknesses="Late minutes",
        challenges="Recruiting AVM",
        lessons="Meet monthly",
    )
    completed = CooperationFactory(
        programme=world.programme,
        stage=Stage.COMPLETED,
        cci_contact=world.users["cci"],
        avm_contact=world.users["avm"],
    )
    followup.completed = completed
    followup.story = SuccessStory.objects.create(
        programme=world.programme,
        cooperation=completed,
        title="A sensor housing that sells",
        summary="Summary",
        challenge="Challenge",
        solution="Solution",
        results="Results",
    )


# --- The read-only admin: lists and object pages for staff, no add, change or delete.
ADMIN_MODELS: dict = {
    "followup/reportingperiod": lambda w: f(w).period,
    "followup/kpitarget": lambda w: f(w).target,
    "followup/kpicorrection": lambda w: f(w).correction,
    "followup/cooperation": lambda w: f(w).cooperation,
    "followup/stagemove": lambda w: f(w).move,
    "followup/checkin": lambda w: f(w).checkin,
    "followup/milestone": lambda w: f(w).milestone,
    "followup/survey": lambda w: f(w).open_survey,
    "followup/jointevaluation": lambda w: f(w).period.evaluation,
    "followup/successstory": lambda w: f(w).story,
    "followup/storyconsent": lambda w: f(w).consent,
}
ADMIN_MODEL_EXCEPTIONS = read_only_admin(ADMIN_MODELS)


def build_admin_objects(world) -> None:
    """Objects of the models that the routes above do not need themselves."""
    from django.core.files.base import ContentFile

    from followup.enums import CheckInSide, Stage
    from followup.models import KpiCorrection, KpiTarget, StageMove, StoryConsent

    followup = f(world)
    partner = world.users["partner"]
    followup.target = KpiTarget.objects.create(period=followup.period, key="events.total", target=5)
    followup.correction = KpiCorrection.objects.create(
        period=followup.period,
        key="events.total",
        delta=1,
        reason="A partner meeting held outside the platform.",
        evidence=ContentFile(b"minutes", name="minutes.txt"),
        created_by=partner,
    )
    followup.move = StageMove.objects.create(
        cooperation=followup.cooperation,
        from_stage=Stage.FIRST_CONTACT,
        to_stage=Stage.MEETING_HELD,
        note="Met at the info day.",
        by=partner,
        at=timezone.now(),
    )
    followup.consent = StoryConsent.objects.create(
        story=followup.story,
        side=CheckInSide.CCI,
        user=world.users["cci"],
        name="CCI participant",
        text_hash="0" * 64,
        given_at=timezone.now(),
    )
