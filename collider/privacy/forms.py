"""Forms of the privacy pages: validation only."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import PrivacyNotice, User
from ..versioning import BasedOnFormMixin


class ErasureConfirmForm(forms.Form):
    confirm = forms.BooleanField(
        label=_(
            "I understand that my name and contact details will be replaced by a pseudonym "
            "and that I will no longer be able to log in."
        ),
        required=True,
    )


class ErasureOnRequestForm(forms.Form):
    """A platform admin files an erasure a person asked for by mail, letter or phone."""

    email = forms.EmailField(label=_("The person's e-mail address"))
    note = forms.CharField(
        label=_("How the request reached us"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        help_text=_("For example: “E-mail of 3 March, identity checked by phone”."),
    )

    def clean_email(self) -> User:
        email = self.cleaned_data["email"].strip().lower()
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            raise forms.ValidationError(_("No account has this e-mail address."))
        return user


class ErasureNowForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Erase this person now, without waiting for the end of the grace period."),
        required=True,
    )


class PrivacyNoticeForm(BasedOnFormMixin, forms.ModelForm):
    class Meta:
        model = PrivacyNotice
        fields = ["body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 18})}
        help_texts = {
            "body": _(
                "Plain text; blank lines separate paragraphs. Saving publishes a new version; "
                "people who accepted an earlier one are asked to read this one."
            )
        }
