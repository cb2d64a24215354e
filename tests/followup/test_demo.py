from django.core.management import call_command

from collider.demo import DEMO_SLUG
from followup.models import (
    CheckIn,
    Cooperation,
    JointEvaluation,
    KpiTarget,
    ReportingPeriod,
    SuccessStory,
)


def _counts():
    return [
        ReportingPeriod.objects.filter(programme__slug=DEMO_SLUG).count(),
        KpiTarget.objects.count(),
        Cooperation.objects.count(),
        CheckIn.objects.count(),
        SuccessStory.objects.filter(status="published").count(),
        JointEvaluation.objects.filter(finalised_at__isnull=False).count(),
    ]


def test_demo_builder_is_realistic_and_idempotent(demo_loaded, tmp_path):
    first = _counts()
    with open(tmp_path / "out.txt", "w") as out:
        call_command("load_demo", stdout=out)

    assert first == _counts() == [1, 5, 5, 40, 1, 1]
    stages = sorted(Cooperation.objects.values_list("stage", flat=True))
    # Three entered by hand; two recorded by the pipeline from the demo's signed agreements:
    # the cooperation agreement (its three deliverables are milestones) and the NDA.
    assert stages == ["agreement", "completed", "meeting_held", "negotiation", "negotiation"]
    recorded = Cooperation.objects.get(stage="agreement")
    assert recorded.agreement.status == "signed"
    assert recorded.milestones.filter(agreement=recorded.agreement).count() == 3
    story = SuccessStory.objects.get()
    assert story.practice.status == "published"
    assert story.practice.brochures.count() == 1
