"""Form of the joint evaluation: it validates only; the services write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from collider.versioning import BasedOnFormMixin

from ..models import JointEvaluation
from .selectors import SECTION_MAX


class EvaluationForm(BasedOnFormMixin, forms.ModelForm):
    class Meta:
        model = JointEvaluation
        fields = list(JointEvaluation.SECTIONS)
        widgets = {
            name: forms.Textarea(attrs={"rows": 4, "maxlength": SECTION_MAX})
            for name in JointEvaluation.SECTIONS
        }
        help_texts = {
            "strengths": _("What worked well between the partner organisations?"),
            "weaknesses": _("What did not work, or worked less well?"),
            "challenges": _("The biggest challenges of this period."),
            "lessons": _("What the tandem will do differently next time."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False
            field.max_length = SECTION_MAX

    def _post_clean(self):
        # The service validates and writes; the form only checks the input.
        pass
