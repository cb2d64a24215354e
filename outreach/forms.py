"""Forms validate only; services write."""

from __future__ import annotations

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from collider.forms import EventForm
from collider.models import Event
from collider.uploads import MB, UploadField, UploadRule

from .enums import (
    Dimension,
    HandoutKind,
    PracticeAssessment,
    PracticeKind,
    PracticeLevel,
    QuestionKind,
    RespondentSector,
)
from .models import (
    Brochure,
    Checklist,
    ChecklistQuestion,
    ChecklistSection,
    InfoDayItem,
    MediaCommitment,
    Practice,
)

#: Pictures of practices and success stories (checked by the platform's one upload validator).
IMAGES = UploadRule(kinds=("jpeg", "png", "webp"), max_bytes=3 * MB)
HANDOUTS = UploadRule(kinds=("pdf", "png", "jpeg"), max_bytes=10 * MB)


def clean_text(value: str) -> str:
    """Drop characters a database cannot store (NUL) — fuzzed public input contains them."""
    return value.replace("\x00", "")


# --- Practices -------------------------------------------------------------------------------


class PracticeForm(forms.ModelForm):
    class Meta:
        model = Practice
        fields = [
            "title",
            "summary",
            "kind",
            "level",
            "assessment",
            "lesson",
            "involves_cci",
            "involves_avm",
            "involves_intermediary",
            "country",
            "avm_technology",
            "collaboration_format",
            "ip_arrangement",
            "outcome",
            "costs",
            "contacts",
            "testimonial",
            "testimonial_by",
            "links",
            "shared",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in (
                "summary",
                "lesson",
                "ip_arrangement",
                "outcome",
                "contacts",
                "testimonial",
                "links",
            )
        }

    def clean_links(self) -> str:
        lines = [line.strip() for line in self.cleaned_data["links"].splitlines() if line.strip()]
        validate = URLValidator(schemes=["http", "https"])
        for line in lines:
            try:
                validate(line)
            except ValidationError as error:
                raise ValidationError(
                    _("“%(line)s” is not a web address.") % {"line": line[:80]}
                ) from error
        return "\n".join(lines)

    def clean(self):
        data = super().clean()
        if data.get("assessment") == PracticeAssessment.BAD and not data.get("lesson", "").strip():
            self.add_error("lesson", _("Say what others can learn from a bad practice."))
        if not (data.get("involves_cci") or data.get("involves_avm")):
            self.add_error("involves_cci", _("A case involves at least one of the two sectors."))
        return data

    def _post_clean(self):
        # The service validates the model; validating here too would run checks twice.
        pass


class PracticeImageForm(forms.Form):
    image = UploadField(label=_("Image"), rule=IMAGES)
    alt_text = forms.CharField(
        label=_("Alternative text"),
        max_length=250,
        help_text=_("What the image shows, for people using a screen reader."),
    )
    caption = forms.CharField(label=_("Caption"), max_length=250, required=False)

    def clean_image(self):
        upload = self.cleaned_data["image"]
        self.cleaned_data["content_type"] = upload.content_type  # sniffed by UploadField
        return upload


def _sector_filter(queryset, name, value):
    field = {"cci": "involves_cci", "avm": "involves_avm", "intermediary": "involves_intermediary"}
    return queryset.filter(**{field[value]: True}) if value in field else queryset


class PracticeFilter(django_filters.FilterSet):
    """Facets of the library; text search is applied by the selector."""

    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=PracticeKind.choices, empty_label=_("All kinds")
    )
    level = django_filters.ChoiceFilter(
        label=_("Level"), choices=PracticeLevel.choices, empty_label=_("All levels")
    )
    assessment = django_filters.ChoiceFilter(
        label=_("Good or bad"),
        choices=PracticeAssessment.choices,
        empty_label=_("Good and bad"),
    )
    sector = django_filters.ChoiceFilter(
        label=_("Sector involved"),
        choices=[("cci", _("CCI")), ("avm", _("AVM")), ("intermediary", _("Intermediary"))],
        method=lambda qs, name, value: _sector_filter(qs, name, value),
        empty_label=_("All sectors"),
    )
    technology = django_filters.CharFilter(
        label=_("AVM technology"), field_name="avm_technology", lookup_expr="icontains"
    )

    class Meta:
        model = Practice
        fields = ["kind", "level", "assessment"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            if isinstance(field.widget, forms.Select):
                field.widget.attrs["class"] = "form-select"
            else:
                field.widget.attrs["class"] = "form-control"


# --- Checklist builder -------------------------------------------------------------------------


class ChecklistForm(forms.ModelForm):
    class Meta:
        model = Checklist
        fields = ["title", "intro", "audience"]
        widgets = {"intro": forms.Textarea(attrs={"rows": 3})}


class SectionForm(forms.ModelForm):
    class Meta:
        model = ChecklistSection
        fields = ["title", "dimension", "intro", "next_steps", "order"]
        widgets = {
            "intro": forms.Textarea(attrs={"rows": 2}),
            "next_steps": forms.Textarea(attrs={"rows": 2}),
        }


class QuestionForm(forms.ModelForm):
    options = forms.CharField(
        label=_("Options"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Choice questions: one option per line as “label | score” (score 0–10)."),
    )

    class Meta:
        model = ChecklistQuestion
        fields = [
            "text",
            "help_text",
            "kind",
            "audience",
            "weight",
            "scale_max",
            "required",
            "order",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["options"] = "\n".join(
                f"{o.label} | {o.score}" for o in self.instance.options.all()
            )

    def clean(self):
        data = super().clean()
        parsed = []
        for line in (data.get("options") or "").splitlines():
            if not line.strip():
                continue
            label, _sep, score = line.rpartition("|")
            if not _sep:
                label, score = line, "0"
            try:
                value = int(score.strip())
            except ValueError:
                value = -1
            if not label.strip() or not 0 <= value <= 10:
                self.add_error("options", _("Write each option as “label | score” (0–10)."))
                break
            parsed.append((label.strip()[:200], value))
        if data.get("kind") in (QuestionKind.SINGLE, QuestionKind.MULTIPLE) and len(parsed) < 2:
            self.add_error("options", _("Choice questions need at least two options."))
        data["parsed_options"] = parsed
        if data.get("weight") is not None and data["weight"] > 10:
            self.add_error("weight", _("Use a weight from 0 to 10."))
        scale = data.get("scale_max")
        if scale is not None and not 2 <= scale <= 10:
            self.add_error("scale_max", _("A scale runs from 1 to a maximum of 2–10."))
        return data

    def _post_clean(self):
        pass


# --- Answering a checklist ----------------------------------------------------------------------


class RespondentForm(forms.Form):
    """Who answers: everything optional but the sector and the consent; an e-mail address only
    when the results are to be sent."""

    organisation_name = forms.CharField(
        label=_("Organisation"),
        max_length=200,
        required=False,
        help_text=_("Optional. Leave empty to answer anonymously."),
    )
    sector = forms.ChoiceField(label=_("Sector"), choices=RespondentSector.choices)
    send_results = forms.BooleanField(label=_("Send me my results"), required=False)
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        required=False,
        help_text=_("Only needed to send you the results."),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the programme's partners store my answers to plan support for my "
            "sector (and, if I ask for it, e-mail me my results)."
        )
    )

    def clean_organisation_name(self) -> str:
        return clean_text(self.cleaned_data["organisation_name"]).strip()

    def clean(self):
        data = super().clean()
        if data.get("send_results") and not data.get("email") and "email" not in self.errors:
            self.add_error("email", _("Give an e-mail address to receive the results."))
        return data


class PaperRespondentForm(RespondentForm):
    send_results = forms.BooleanField(
        label=_("The respondent wants the results sent by e-mail"), required=False
    )
    consent = forms.BooleanField(
        label=_("The respondent signed the consent box on the paper form.")
    )


class AnswersForm(forms.Form):
    """One field per question asked to ``sector``; field names are ``q<question id>``."""

    def __init__(self, *args, sections, sector: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions: dict[str, ChecklistQuestion] = {}
        self.groups: list[tuple[ChecklistSection, list[str]]] = []
        for section in sections:
            names = []
            for question in section.questions.all():
                if not question.asked_to(sector):
                    continue
                name = f"q{question.pk}"
                self.fields[name] = self._field(question)
                self.questions[name] = question
                names.append(name)
            if names:
                self.groups.append((section, names))

    @staticmethod
    def _field(question: ChecklistQuestion) -> forms.Field:
        common = {
            "label": question.text,
            "help_text": question.help_text,
            "required": question.required,
        }
        if question.kind == QuestionKind.SCALE:
            choices = [(str(n), str(n)) for n in range(1, question.scale_max + 1)]
            return forms.TypedChoiceField(
                choices=choices, coerce=int, widget=forms.RadioSelect, **common
            )
        if question.kind == QuestionKind.YES_NO:
            return forms.TypedChoiceField(
                choices=[("yes", _("Yes")), ("no", _("No"))],
                coerce=lambda v: v == "yes",
                widget=forms.RadioSelect,
                **common,
            )
        choices = [(str(o.pk), o.label) for o in question.options.all()]
        if question.kind == QuestionKind.SINGLE:
            return forms.TypedChoiceField(
                choices=choices, coerce=int, widget=forms.RadioSelect, **common
            )
        if question.kind == QuestionKind.MULTIPLE:
            return forms.TypedMultipleChoiceField(
                choices=choices, coerce=int, widget=forms.CheckboxSelectMultiple, **common
            )
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=4000, **common)

    def answers(self) -> dict[int, object]:
        result = {}
        for name, question in self.questions.items():
            value = self.cleaned_data.get(name)
            if isinstance(value, str):
                value = clean_text(value).strip()
            result[question.pk] = value
        return result

    def sections_with_fields(self):
        return [(section, [self[name] for name in names]) for section, names in self.groups]


# --- Info days --------------------------------------------------------------------------------


INFO_DAY_FIELDS = [
    "title",
    "description",
    "format",
    "venue",
    "address",
    "online_url",
    "timezone",
    "starts_at",
    "ends_at",
    "capacity",
    "registration_closes_at",
]


class InfoDayForm(EventForm):
    """The core's event form without kind, phase and audience: an info day is always a
    public phase-2 event. (``phase`` stays in Meta because the core's form configures it.)"""

    class Meta(EventForm.Meta):
        fields = [
            "phase",
            "title",
            "description",
            "format",
            "venue",
            "address",
            "online_url",
            "timezone",
            "starts_at",
            "ends_at",
            "capacity",
            "registration_closes_at",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["phase"]


class InfoDayItemForm(forms.ModelForm):
    class Meta:
        model = InfoDayItem
        fields = ["dimension", "title", "description", "speaker", "starts_at"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "starts_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }


class InfoDayRegistrationForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    organisation_name = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    sector = forms.ChoiceField(
        label=_("Sector"),
        choices=[("", "—"), *RespondentSector.choices, ("intermediary", _("Intermediary"))],
    )
    consent = forms.BooleanField(
        label=_("I agree that the organisers store these details to run this info day.")
    )

    def clean_name(self) -> str:
        value = clean_text(self.cleaned_data["name"]).strip()
        if not value:
            raise ValidationError(_("Tell us your name."))
        return value

    def clean_organisation_name(self) -> str:
        return clean_text(self.cleaned_data["organisation_name"]).strip()


class HandoutForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=HandoutKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    file = UploadField(label=_("File"), rule=HANDOUTS)
    event = forms.ModelChoiceField(
        label=_("Info day"),
        queryset=Event.objects.none(),
        required=False,
        empty_label=_("— every info day —"),
    )

    def __init__(self, *args, events, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = events

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.cleaned_data["content_type"] = upload.content_type  # sniffed by UploadField
        return upload


# --- Brochure and media -----------------------------------------------------------------------


class BrochureForm(forms.ModelForm):
    stories = forms.ModelMultipleChoiceField(
        label=_("Stories"),
        queryset=Practice.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Each story gets its own spread, in the order listed."),
    )

    class Meta:
        model = Brochure
        fields = ["title", "subtitle", "intro_cci", "intro_avm", "contacts"]
        widgets = {
            "intro_cci": forms.Textarea(attrs={"rows": 4}),
            "intro_avm": forms.Textarea(attrs={"rows": 4}),
            "contacts": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, practices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stories"].queryset = practices
        if self.instance.pk and not self.is_bound:
            self.initial["stories"] = list(
                self.instance.entries.values_list("practice_id", flat=True)
            )

    def _post_clean(self):
        pass


class MediaCommitmentForm(forms.ModelForm):
    class Meta:
        model = MediaCommitment
        fields = ["outlet", "channel", "target_group", "responsible", "topic", "estimated_reach"]

    def __init__(self, *args, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = partners

    def _post_clean(self):
        pass


class MediaPublishForm(forms.Form):
    link = forms.URLField(label=_("Publication link"), assume_scheme="https")
    published_on = forms.DateField(
        label=_("Published on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    estimated_reach = forms.IntegerField(
        label=_("Estimated reach"), min_value=0, max_value=100_000_000, required=False
    )


__all__ = ["Dimension"]
