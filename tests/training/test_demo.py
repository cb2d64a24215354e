from django.core.management import call_command

from training.models import Feedback, Material, Module, Session


def test_load_demo_twice_builds_training_once(demo_loaded):
    counts = (Module.objects.count(), Session.objects.count(), Material.objects.count())

    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert (Module.objects.count(), Session.objects.count(), Material.objects.count()) == counts
    assert counts == (5, 4, 8)
    assert Feedback.objects.count() == 3
    visit = Session.objects.get(event__kind="company_visit")
    assert (visit.event.host_organisation.sector, bool(visit.confidentiality_text)) == ("avm", True)
