"""A small, hand-counted programme with a record of every kind the KPIs and exports read.

Everything happens inside a period of today ± 10 days unless said otherwise. Countries:

    Studio AT (CCI, Austria)   Metal SI (AVM, Slovenia)   Robotics AT (AVM, Austria)
    Design HR (CCI, Croatia) — only the rejected applicant's organisation

People (participant memberships, with the organisation they joined for):
    ana   CCI  Studio AT          bojan  AVM  Metal SI
    clara CCI  Studio AT          dora   AVM  Robotics AT
    emil  CCI  no organisation    hrvoje CCI  Design HR, *rejected*
    → participants.countries = 2 (AT, SI); HR does not count (rejected), emil adds none.

Events (registrants confirmed, organisations through OrganisationMember):
    e1 info day, ana + bojan             → international (AT + SI)
    e2 info day, ana + dora              → one country (AT + AT)
    → events.international = 1

1:1 meetings at the match-making workshop (profiles carry the organisation):
    m1 ana ↔ bojan held                  → international (AT ↔ SI)
    m2 clara ↔ dora held                 → one country (AT ↔ AT)
    m3 clara ↔ bojan accepted, not held  → not counted
    m4 emil (no organisation) ↔ bojan held → not international
    → matchmaking.meetings_held = 3, matchmaking.international_meetings = 1
    → international.meetings = 1 event + 1 meeting = 2

Checklists: two responses in the period, one 40 days ago → outreach.checklists_answered = 2
Challenges: c1 published 2 days ago, c2 published 40 days ago, c3 a draft
    → challenges.published = 1; ideas: i1 submitted, i2 submitted, i3 draft
    → challenges.ideas_submitted = 2
Cooperations: k1 completed; k2 with a "goals met" check-in; k3 and k4 neither
    → cooperations.goals_met = 2 of 4 = 50 %; k1 has one milestone
Agreements: one signed cooperation agreement (two parties, one deliverable)
    → matchmaking.cooperation_agreements_signed = 1
Feedback: a programme survey answered by ana (a rating and a comment) and by bojan (a rating)
    → feedback.responses = 2; the feedback export has 3 answer rows
"""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

from django.utils import timezone

from challenges.enums import ChallengeStatus, IdeaStatus
from challenges.models import ReviewCriterion
from collider.enums import EventKind, MembershipStatus, OrganisationKind, Role, Sector
from collider.models import Membership, OrganisationMember
from followup.enums import (
    Anchor,
    CheckInSide,
    Outcome,
    QuestionKind,
    Stage,
    SurveyAudience,
    SurveySubject,
)
from followup.models import (
    CheckIn,
    Milestone,
    StageMove,
    Survey,
    SurveyAnswer,
    SurveyQuestion,
    SurveyResponse,
)
from matchmaking.enums import AgreementKind, AgreementStatus, RequestStatus, Side
from matchmaking.models import Agreement, Deliverable, MeetingRequest, Party, Profile, Workshop
from outreach.models import ChecklistResponse
from tests.challenges.factories import ChallengeFactory, IdeaFactory, submitted_review
from tests.factories import (
    EventFactory,
    MembershipFactory,
    OrganisationFactory,
    RegistrationFactory,
    UserFactory,
)
from tests.followup.factories import CooperationFactory
from tests.outreach.factories import ChecklistFactory

EXPECTED = {
    "participants.countries": 2,
    "events.international": 1,
    "matchmaking.meetings_held": 3,
    "matchmaking.international_meetings": 1,
    "international.meetings": 2,
    "outreach.checklists_answered": 2,
    "challenges.published": 1,
    "challenges.ideas_submitted": 2,
    "cooperations.goals_met": 50,
    "matchmaking.cooperation_agreements_signed": 1,
    "feedback.responses": 2,
}


def _days(n: int):
    return timezone.now() + timedelta(days=n)


def build(programme) -> SimpleNamespace:
    studio = OrganisationFactory(name="Studio AT", country="AT", sector=Sector.CCI)
    metal = OrganisationFactory(
        name="Metal SI", country="SI", sector=Sector.AVM, kind=OrganisationKind.AVM_COMPANY
    )
    robotics = OrganisationFactory(
        name="Robotics AT", country="AT", sector=Sector.AVM, kind=OrganisationKind.AVM_COMPANY
    )
    design = OrganisationFactory(name="Design HR", country="HR", sector=Sector.CCI)

    def person(name, sector, organisation, status=MembershipStatus.APPROVED):
        user = UserFactory(
            first_name=name.title(), last_name="Test", email=f"{name}@{programme.slug}.example"
        )
        MembershipFactory(
            programme=programme,
            user=user,
            role=Role.PARTICIPANT,
            sector=sector,
            organisation=organisation,
            status=status,
        )
        if organisation is not None:
            OrganisationMember.objects.create(organisation=organisation, user=user)
        return user

    ana = person("ana", Sector.CCI, studio)
    bojan = person("bojan", Sector.AVM, metal)
    clara = person("clara", Sector.CCI, studio)
    dora = person("dora", Sector.AVM, robotics)
    emil = person("emil", Sector.CCI, None)
    person("hrvoje", Sector.CCI, design, status=MembershipStatus.REJECTED)

    e1 = EventFactory(programme=programme, kind=EventKind.INFO_DAY, starts_at=_days(-3))
    e2 = EventFactory(programme=programme, kind=EventKind.INFO_DAY, starts_at=_days(-2))
    for event, people in ((e1, (ana, bojan)), (e2, (ana, dora))):
        for user in people:
            RegistrationFactory(event=event, user=user, attended=True)

    mm_event = EventFactory(programme=programme, kind=EventKind.MATCHMAKING, starts_at=_days(-1))
    workshop = Workshop.objects.create(event=mm_event)
    # Ana and Bojan already make e1 international; the workshop alone has ana, bojan, clara…
    # which would count it as an international *event* too, so nobody registers for it here.
    profiles = {
        user: Profile.objects.create(
            programme=programme,
            user=user,
            organisation=Membership.objects.get(programme=programme, user=user).organisation,
            side=Side.CCI if user in (ana, clara, emil) else Side.AVM,
        )
        for user in (ana, bojan, clara, dora, emil)
    }

    def meeting(a, b, held: bool):
        return MeetingRequest.objects.create(
            workshop=workshop,
            requester=profiles[a],
            recipient=profiles[b],
            reason="We fit.",
            status=RequestStatus.ACCEPTED,
            expires_at=_days(5),
            held_at=_days(-1) if held else None,
        )

    meeting(ana, bojan, True)
    meeting(clara, dora, True)
    meeting(clara, bojan, False)
    meeting(emil, bojan, True)

    checklist = ChecklistFactory(programme=programme)
    for days in (-1, -2, -40):
        ChecklistResponse.objects.create(
            checklist=checklist,
            sector="cci",
            email="r@x.example",
            organisation_name="Respondent",
            consent_at=_days(days),
            submitted_at=_days(days),
            total_score=7,
        )

    c1 = ChallengeFactory(
        programme=programme,
        owner=bojan,
        organisation=metal,
        status=ChallengeStatus.IDEATION_OPEN,
        published_at=_days(-2),
    )
    ChallengeFactory(
        programme=programme,
        owner=dora,
        organisation=robotics,
        status=ChallengeStatus.CLOSED,
        published_at=_days(-40),
    )
    ChallengeFactory(programme=programme, owner=dora, organisation=robotics)
    i1 = IdeaFactory(
        challenge=c1, lead=ana, status=IdeaStatus.SUBMITTED, submitted_at=_days(-1), title="i1"
    )
    IdeaFactory(
        challenge=c1, lead=clara, status=IdeaStatus.SUBMITTED, submitted_at=_days(-1), title="i2"
    )
    IdeaFactory(challenge=c1, lead=emil, status=IdeaStatus.DRAFT, title="i3")
    # Weights 3 and 1; scores 5 and 1 → (3·5 + 1·1) / 4 = 4.0.
    crits = [
        ReviewCriterion.objects.create(programme=programme, name=name, weight=weight, order=i)
        for i, (name, weight) in enumerate((("Fit", 3), ("Cost", 1)))
    ]
    reviewer = UserFactory()
    submitted_review(i1, reviewer, [5, 1], crits)

    k1 = CooperationFactory(
        programme=programme, cci_organisation=studio, avm_organisation=metal, title="k1"
    )
    StageMove.objects.create(
        cooperation=k1,
        from_stage=Stage.RUNNING,
        to_stage=Stage.COMPLETED,
        note="Done",
        at=_days(-1),
    )
    k1.stage = Stage.COMPLETED
    k1.save(update_fields=["stage"])
    k2 = CooperationFactory(
        programme=programme, cci_organisation=studio, avm_organisation=robotics, title="k2"
    )
    CheckIn.objects.create(
        cooperation=k2,
        anchor=Anchor.AGREEMENT,
        months=3,
        side=CheckInSide.AVM,
        respondent=dora,
        due_at=_days(-2),
        answered_at=_days(-1),
        outcome=Outcome.GOALS_MET,
    )
    k3 = CooperationFactory(
        programme=programme, cci_organisation=studio, avm_organisation=metal, title="k3"
    )
    CheckIn.objects.create(
        cooperation=k3,
        anchor=Anchor.MEETING,
        months=1,
        side=CheckInSide.CCI,
        respondent=ana,
        due_at=_days(-2),
        answered_at=_days(-1),
        outcome=Outcome.KNOWLEDGE,
    )
    CooperationFactory(
        programme=programme, cci_organisation=studio, avm_organisation=robotics, title="k4"
    )
    Milestone.objects.create(cooperation=k1, title="Prototype", due_on=timezone.localdate())

    agreement = Agreement.objects.create(
        programme=programme,
        kind=AgreementKind.COOPERATION,
        title="Sound zones",
        goals="A tested signal language.",
        status=AgreementStatus.SIGNED,
        created_by=ana,
        signed_at=_days(-1),
    )
    for user, organisation in ((ana, studio), (bojan, metal)):
        Party.objects.create(
            agreement=agreement, user=user, organisation=organisation, signed_at=_days(-1)
        )
    Deliverable.objects.create(agreement=agreement, title="Guide", due_on=timezone.localdate())

    survey = Survey.objects.create(
        programme=programme,
        title="Mid-term feedback",
        subject_kind=SurveySubject.PROGRAMME,
        audience=SurveyAudience.BOTH,
        opens_on=timezone.localdate() - timedelta(days=3),
        closes_on=timezone.localdate() + timedelta(days=3),
        opened_at=_days(-3),
    )
    rating = SurveyQuestion.objects.create(
        survey=survey, position=1, kind=QuestionKind.RATING, text="How useful was it?"
    )
    comment = SurveyQuestion.objects.create(
        survey=survey, position=2, kind=QuestionKind.TEXT, text="What should change?"
    )
    for user, sector, stars, text in ((ana, "cci", 5, "More visits"), (bojan, "avm", 3, "")):
        response = SurveyResponse.objects.create(
            survey=survey,
            respondent=user,
            sector=sector,
            submitted_at=_days(-1),
            updated_at=_days(-1),
        )
        SurveyAnswer.objects.create(response=response, question=rating, rating=stars)
        if text:
            SurveyAnswer.objects.create(response=response, question=comment, text=text)
    return SimpleNamespace(
        ana=ana,
        bojan=bojan,
        clara=clara,
        dora=dora,
        emil=emil,
        workshop=workshop,
        profiles=profiles,
        e1=e1,
        i1=i1,
        k1=k1,
        k2=k2,
    )
