"""Every model and field of our apps has a translatable verbose name.

Django derives a missing ``verbose_name`` from the class or attribute name ("starts at",
"meeting request"); no catalogue translates those strings, so the admin, the activity pages
and the content-type names would stay English in every language. The rule checked here:

- every model of our apps declares ``verbose_name`` and ``verbose_name_plural`` in ``Meta`` as a
  lazy translation (``gettext_lazy``);
- every concrete field and every many-to-many field declared on a model of our apps has a lazy
  translation as its verbose name (first positional argument, or ``verbose_name=`` for
  relations).

Exemptions, and why:

- auto-created fields (the implicit ``id`` primary key, multi-table inheritance parent links,
  the fields of auto-created many-to-many through tables): Django names them, nobody edits them
  in a form;
- auto-created models (many-to-many through tables): ``apps.get_models()`` leaves them out, and
  their names are built from the two translated model names;
- models of third-party apps (auth, auditlog, allauth, ...): their translations are theirs.
"""

import pytest
from django.apps import apps
from django.db import models
from django.test.utils import isolate_apps
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

OUR_APPS = ("collider", "tandems", "outreach", "training", "challenges", "matchmaking", "followup")


def our_models():
    return [m for m in apps.get_models() if m._meta.app_label in OUR_APPS]


def untranslated(model) -> list[str]:
    """What of ``model`` has no lazily translated verbose name, as readable lines."""
    problems = []
    meta = model._meta
    for option in ("verbose_name", "verbose_name_plural"):
        if not isinstance(meta.original_attrs.get(option), Promise):
            problems.append(f"{meta.label}: Meta.{option} is not a gettext_lazy string")
    fields = [*meta.concrete_fields, *meta.local_many_to_many]
    for field in fields:
        if field.auto_created or field.model is not model:
            continue
        if not isinstance(field.verbose_name, Promise):
            problems.append(
                f"{meta.label}.{field.name}: verbose name {field.verbose_name!r} is not "
                "a gettext_lazy string"
            )
    return problems


def test_all_our_apps_are_installed_and_have_models():
    """The list above must not silently miss an app (a renamed label would exempt it)."""
    for label in OUR_APPS:
        assert apps.get_app_config(label).get_models(), label


@pytest.mark.parametrize("model", our_models(), ids=lambda m: m._meta.label)
def test_model_and_fields_have_translatable_verbose_names(model):
    assert untranslated(model) == []


@pytest.mark.parametrize("model", our_models(), ids=lambda m: m._meta.label)
def test_verbose_names_are_lower_case_sentences(model):
    """Django capitalises where needed; acronyms (KPI, PDF, UID) may stay upper-case."""
    meta = model._meta
    names = [meta.verbose_name, meta.verbose_name_plural]
    names += [f.verbose_name for f in [*meta.concrete_fields, *meta.local_many_to_many]]
    for name in names:
        text = str(name)
        first_word = text.split()[0] if text.split() else ""
        assert text.strip() == text and text, (meta.label, text)
        assert not text[0].isupper() or first_word.isupper(), (meta.label, text)


@isolate_apps("collider")
def test_the_check_finds_untranslated_names():
    """The check fails for a model that relies on Django's derived names or plain strings."""

    class Untranslated(models.Model):
        starts_at = models.DateTimeField()
        title = models.CharField("title", max_length=10)
        note = models.CharField(_("note"), max_length=10)
        owner = models.ForeignKey("collider.User", on_delete=models.CASCADE, related_name="+")
        tags = models.ManyToManyField("collider.User", related_name="+")

        class Meta:
            app_label = "collider"
            verbose_name = "untranslated"

        def __str__(self) -> str:
            return self.title

    problems = untranslated(Untranslated)
    assert problems == [
        "collider.Untranslated: Meta.verbose_name is not a gettext_lazy string",
        "collider.Untranslated: Meta.verbose_name_plural is not a gettext_lazy string",
        "collider.Untranslated.starts_at: verbose name 'starts at' is not a gettext_lazy string",
        "collider.Untranslated.title: verbose name 'title' is not a gettext_lazy string",
        "collider.Untranslated.owner: verbose name 'owner' is not a gettext_lazy string",
        "collider.Untranslated.tags: verbose name 'tags' is not a gettext_lazy string",
    ]


@isolate_apps("collider")
def test_the_check_accepts_translated_names_and_exempts_the_auto_id():
    class Translated(models.Model):
        starts_at = models.DateTimeField(_("starts at"))
        owner = models.ForeignKey(
            "collider.User", on_delete=models.CASCADE, related_name="+", verbose_name=_("owner")
        )

        class Meta:
            app_label = "collider"
            verbose_name = _("translated")
            verbose_name_plural = _("translated things")

        def __str__(self) -> str:
            return str(self.starts_at)

    assert untranslated(Translated) == []
