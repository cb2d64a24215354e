"""Existing challenges' free-text competences become the programme's taxonomy terms they name
("UX research" → "UX", "ux" → "UX"); whatever names no term stays as free text. Lives here, not
in challenges: the taxonomy is matchmaking's, and a later phase may read an earlier one."""

from django.db import migrations

from matchmaking.vocabulary import terms_named_in


def forwards(apps, schema_editor):
    Challenge = apps.get_model("challenges", "Challenge")
    CompetenceTag = apps.get_model("challenges", "CompetenceTag")
    Term = apps.get_model("matchmaking", "Term")
    vocabularies: dict[int, list[str]] = {}
    for programme_id, name in Term.objects.values_list("programme_id", "name"):
        vocabularies.setdefault(programme_id, []).append(name)
    tags: dict[str, object] = {tag.name.lower(): tag for tag in CompetenceTag.objects.all()}

    def tag_named(name):
        tag = tags.get(name.lower())
        if tag is None:
            tag = tags[name.lower()] = CompetenceTag.objects.create(name=name)
        return tag

    challenges = Challenge.objects.filter(programme_id__in=vocabularies).prefetch_related(
        "required_competences"
    )
    for challenge in challenges:
        vocabulary = vocabularies[challenge.programme_id]
        before = list(challenge.required_competences.all())
        after: dict[str, object] = {}
        for tag in before:
            for name in terms_named_in(tag.name, vocabulary) or [tag.name]:
                after.setdefault(name.lower(), tag if name == tag.name else tag_named(name))
        if [t.pk for t in before] != [t.pk for t in after.values()]:
            challenge.required_competences.set(list(after.values()))


class Migration(migrations.Migration):
    dependencies = [
        ("matchmaking", "0004_verbose_names"),
        ("challenges", "0003_verbose_names"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
