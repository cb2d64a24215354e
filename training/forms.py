"""Forms of the training app: validation only (services write)."""

from __future__ import annotations

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from collider.enums import EventFormat, EventKind, MembershipStatus, Role, Sector
from collider.models import Organisation, User
from collider.uploads import MB, UploadField, UploadRule, validate_upload

from .enums import Audience, Dimension, MaterialKind, ModuleFormat, OutputKind
from .models import Material, Module

# Magic numbers, so a renamed file is refused as well as a wrong extension.
#: Outputs and materials (checked by the platform's one upload validator).
DOCUMENTS = UploadRule(kinds=("pdf", "png", "jpeg"), max_bytes=10 * MB)
PHOTOS = UploadRule(kinds=("png", "jpeg"), max_bytes=10 * MB)


class TrainerChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.display_name


class ModuleForm(forms.ModelForm):
    trainers = TrainerChoiceField(
        label=_("Trainers"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Expert members of the programme."),
    )

    class Meta:
        model = Module
        fields = [
            "title",
            "dimension",
            "format",
            "audience",
            "language",
            "description",
            "learning_outcomes",
            "trainers",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "learning_outcomes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["trainers"].queryset = User.objects.filter(
            memberships__programme=programme,
            memberships__role=Role.EXPERT,
            memberships__status=MembershipStatus.APPROVED,
        ).distinct()


class SessionForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[
            (EventKind.TRAINING_SESSION, EventKind.TRAINING_SESSION.label),
            (EventKind.COMPANY_VISIT, EventKind.COMPANY_VISIT.label),
        ],
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    format = forms.ChoiceField(label=_("Format"), choices=EventFormat.choices)
    starts_at = forms.DateTimeField(
        label=_("Starts at"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    ends_at = forms.DateTimeField(
        label=_("Ends at"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    capacity = forms.IntegerField(label=_("Capacity"), min_value=1, required=False)
    venue = forms.CharField(label=_("Venue"), max_length=200, required=False)
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    online_url = forms.URLField(label=_("Online link"), required=False)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    host_organisation = forms.ModelChoiceField(
        label=_("Host company (company visits)"),
        queryset=Organisation.objects.filter(sector=Sector.AVM),
        required=False,
    )
    safety_rules = forms.CharField(
        label=_("Safety rules"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    photo_policy = forms.CharField(
        label=_("Photo policy"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    confidentiality_text = forms.CharField(
        label=_("Confidentiality confirmation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Visitors confirm this text when they register."),
    )
    virtual_tour_url = forms.URLField(label=_("Virtual tour / video link"), required=False)

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The end must be after the start."))
        fmt = data.get("format")
        if fmt in (EventFormat.ONLINE, EventFormat.HYBRID) and not data.get("online_url"):
            self.add_error("online_url", _("Online and hybrid sessions need an online link."))
        if fmt in (EventFormat.ON_SITE, EventFormat.HYBRID) and not data.get("venue"):
            self.add_error("venue", _("On-site and hybrid sessions need a venue."))
        return data


class RegisterForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I confirm the visit rules and the confidentiality text above."),
        required=False,
    )


class OutputForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=OutputKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    file = UploadField(label=_("File"), required=False, rule=DOCUMENTS)
    url = forms.URLField(label=_("Recording link"), required=False)
    alt_text = forms.CharField(
        label=_("Alternative text (photos)"),
        max_length=300,
        required=False,
        help_text=_("Describe what the photo shows for people who cannot see it."),
    )

    def clean(self):
        data = super().clean()
        kind, upload = data.get("kind"), data.get("file")
        if kind == OutputKind.RECORDING:
            if not data.get("url"):
                self.add_error("url", _("Give the link to the recording."))
            return data
        if not upload:
            self.add_error("file", _("Choose a file to upload."))
            return data
        try:
            # The field checked it as a document; a photo must also be a picture.
            rule = PHOTOS if kind == OutputKind.PHOTO else DOCUMENTS
            data["content_type"] = validate_upload(upload, rule)
        except ValidationError as error:
            self.add_error("file", error)
        if kind == OutputKind.PHOTO and not data.get("alt_text", "").strip():
            self.add_error("alt_text", _("Describe the photo for people who cannot see it."))
        return data


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How useful was it? (1 = not at all, 5 = very)"),
        choices=[(n, str(n)) for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReflectionForm(FeedbackForm):
    learned = forms.CharField(
        label=_("What did you learn on the visit?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    idea = forms.CharField(
        label=_("Do you see an idea for cooperation?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class MaterialForm(forms.ModelForm):
    file = UploadField(label=_("File"), required=False, rule=DOCUMENTS)

    class Meta:
        model = Material
        fields = ["title", "kind", "dimension", "audience", "language", "description", "url"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        data = super().clean()
        upload, url = data.get("file"), data.get("url")
        if bool(upload) == bool(url):
            self.add_error("url", _("Give either a link or a file (not both)."))
            return data
        if upload:
            data["content_type"] = upload.content_type  # sniffed by UploadField
        return data

    def _post_clean(self):
        # The service builds the instance (the file decides url/file); skip model validation.
        pass


class BootstrapFilterSet(django_filters.FilterSet):
    """Filter widgets styled like the rest of the forms."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs["class"] = css


class ModuleFilter(BootstrapFilterSet):
    dimension = django_filters.ChoiceFilter(
        label=_("Dimension"), choices=Dimension.choices, empty_label=_("All dimensions")
    )
    format = django_filters.ChoiceFilter(
        label=_("Format"), choices=ModuleFormat.choices, empty_label=_("All formats")
    )
    audience = django_filters.ChoiceFilter(
        label=_("Audience"),
        choices=Audience.choices,
        method="filter_audience",
        empty_label=_("All audiences"),
    )
    language = django_filters.ChoiceFilter(
        label=_("Language"),
        choices=Module._meta.get_field("language").choices,
        empty_label=_("All languages"),
    )

    class Meta:
        model = Module
        fields = ["dimension", "format", "audience", "language"]

    def filter_audience(self, queryset, name, value):
        # "CCI" also lists modules for both sectors.
        if value in (Audience.CCI, Audience.AVM):
            return queryset.filter(audience__in=[value, Audience.BOTH])
        return queryset.filter(audience=value)


class MaterialFilter(BootstrapFilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search", max_length=200)
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=MaterialKind.choices, empty_label=_("All kinds")
    )
    dimension = django_filters.ChoiceFilter(
        label=_("Dimension"), choices=Dimension.choices, empty_label=_("All dimensions")
    )
    audience = django_filters.ChoiceFilter(
        label=_("Audience"),
        choices=Audience.choices,
        method="filter_audience",
        empty_label=_("All audiences"),
    )
    language = django_filters.ChoiceFilter(
        label=_("Language"),
        choices=Material._meta.get_field("language").choices,
        empty_label=_("All languages"),
    )

    class Meta:
        model = Material
        fields = ["q", "kind", "dimension", "audience", "language"]

    def search(self, queryset, name, value):
        value = value.replace("\x00", "").strip()
        if not value:
            return queryset

        return queryset.filter(Q(title__icontains=value) | Q(description__icontains=value))

    def filter_audience(self, queryset, name, value):
        if value in (Audience.CCI, Audience.AVM):
            return queryset.filter(audience__in=[value, Audience.BOTH])
        return queryset.filter(audience=value)


class VerifyForm(forms.Form):
    code = forms.CharField(
        label=_("Verification code"),
        max_length=20,
        help_text=_("As printed on the certificate, e.g. ABCD-EFGH-JKLM."),
    )
