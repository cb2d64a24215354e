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


def test_demo_builder_is_realistic_and_idempotent(db, tmp_path):
    with open(tmp_path / "out.txt", "w") as out:
        call_command("load_demo", stdout=out)
        first = _counts()
        call_command("load_demo", stdout=out)

    assert first == _counts() == [1, 4, 3, 32, 1, 1]
    stages = sorted(Cooperation.objects.values_list("stage", flat=True))
    assert stages == ["completed", "meeting_held", "negotiation"]
    story = SuccessStory.objects.get()
    assert story.practice.status == "published"
    assert story.practice.brochures.count() == 1
