"""Forms of the success stories: they validate only; the services write."""

from __future__ import annotations

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from collider.uploads import UploadField
from collider.versioning import BasedOnFormMixin
from outreach.enums import PracticeKind, PracticeLevel
from outreach.forms import IMAGES
from outreach.selectors import brochures_of

from ..models import SuccessStory


class StoryForm(BasedOnFormMixin, forms.ModelForm):
    image = UploadField(label=_("Image"), required=False, rule=IMAGES)
    remove_image = forms.BooleanField(label=_("Remove the image"), required=False)

    class Meta:
        model = SuccessStory
        fields = [
            "title",
            "summary",
            "challenge",
            "solution",
            "results",
            "quote",
            "quote_by",
            "image",
            "image_alt",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "challenge": forms.Textarea(attrs={"rows": 3}),
            "solution": forms.Textarea(attrs={"rows": 3}),
            "results": forms.Textarea(attrs={"rows": 3}),
            "quote": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "summary": _("Two or three sentences for the library's list."),
            "quote": _("A sentence from one of the people involved (optional)."),
            "image_alt": _("What the image shows, for people using a screen reader."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not (self.instance and self.instance.image):
            del self.fields["remove_image"]

    def clean_image(self):
        upload = self.cleaned_data.get("image")
        if not isinstance(upload, UploadedFile):
            return None  # no new upload: the story keeps its image
        self.cleaned_data["image_content_type"] = upload.content_type  # sniffed by UploadField
        return upload

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        if not data.get("image"):
            data.pop("image", None)
        if "image_content_type" not in data:
            data.pop("image_content_type", None)
        return data

    def _post_clean(self):
        pass


class PublishForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of practice"), choices=PracticeKind.choices, initial=PracticeKind.SERVICE
    )
    level = forms.ChoiceField(
        label=_("Level"), choices=PracticeLevel.choices, initial=PracticeLevel.REGIONAL
    )
    brochure = forms.ModelChoiceField(
        label=_("Also add it to the brochure"),
        queryset=brochures_of(programme=None).none(),
        required=False,
        empty_label=_("No brochure"),
    )

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        brochures = brochures_of(programme=programme)
        self.fields["brochure"].queryset = brochures
        latest = brochures.first()
        if latest is not None:
            self.fields["brochure"].initial = latest.pk


class ConsentForm(forms.Form):
    """The contact's answer: consent to the text they read, or withdraw a consent."""

    action = forms.ChoiceField(choices=[("consent", "consent"), ("withdraw", "withdraw")])
    text_hash = forms.CharField(max_length=64, required=False)
    agree = forms.BooleanField(
        label=_("I have read the story and agree that it is published under my name."),
        required=False,
    )

    def clean(self):
        data = super().clean()
        if data.get("action") == "consent" and not data.get("agree"):
            self.add_error("agree", _("Tick the box to give your consent."))
        return data
