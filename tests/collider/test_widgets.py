"""Form widgets render through the project's engine (FORM_RENDERER), where
templates/django/forms/widgets/select.html writes plain options inline: the HTML is Django's own."""

from django import forms
from django.forms.renderers import DjangoTemplates
from django.test.html import parse_html

from collider.models import TIMEZONE_CHOICES

CHOICES = [
    ("", "— none —"),
    ("a", "Plain"),
    ("b&c", 'Quotes " and <b>tags</b>'),
    ("Group", [("g1", "In a group"), ("g2", "Also in it")]),
]


class DisabledOption(forms.Select):
    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if value == "a":
            option["attrs"]["disabled"] = True
        return option


class FlaggedOption(forms.Select):
    """An option template of its own, which the select still includes."""

    option_template_name = "django/forms/widgets/input.html"


def _both(widget, value, attrs=None):
    ours = widget.render("field", value, attrs=attrs)
    django = widget.render("field", value, attrs=attrs, renderer=DjangoTemplates())
    return ours, django


def test_selects_render_as_djangos_own_templates_do():
    cases = [
        (forms.Select(choices=CHOICES), "b&c", {"id": "id_field", "class": "form-select"}),
        (forms.Select(choices=CHOICES), None, None),
        (forms.SelectMultiple(choices=CHOICES), ["a", "g2"], {"required": True}),
        (DisabledOption(choices=CHOICES), "g1", None),
        (FlaggedOption(choices=CHOICES), "a", None),
    ]
    for widget, value, attrs in cases:
        ours, django = _both(widget, value, attrs)
        assert parse_html(ours) == parse_html(django), (ours, django)


def test_the_time_zone_list_is_complete_with_the_chosen_zone_selected():
    class Form(forms.Form):
        timezone = forms.ChoiceField(choices=TIMEZONE_CHOICES)

    html = str(Form(initial={"timezone": "Europe/Ljubljana"})["timezone"])

    assert html.count("<option ") == len(TIMEZONE_CHOICES) > 400
    assert '<option value="Europe/Ljubljana" selected>' in html
    assert html.count(" selected") == 1
