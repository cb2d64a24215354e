"""What every outreach view module shares: the permissions it checks, the form-to-fields step."""

from __future__ import annotations

VIEW = "outreach.view_library"
MANAGE = "outreach.manage_outreach"
RESULTS = "outreach.view_results"
RESPONDENTS = "outreach.view_respondents"


def _model_fields(form) -> dict:
    return {name: form.cleaned_data[name] for name in form.Meta.fields if name in form.cleaned_data}
