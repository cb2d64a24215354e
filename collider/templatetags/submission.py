"""``{% csrf_token %}`` that also writes a one-time submission token (``collider.submission``).

Loaded as a template builtin after Django's own, so it replaces the stock tag in every
template, ours and third-party ones alike."""

from django import template
from django.template.defaulttags import CsrfTokenNode
from django.utils.html import format_html

from collider import pagecache
from collider.submission import FIELD, new_token

register = template.Library()


class SubmissionTokenNode(CsrfTokenNode):
    def render(self, context) -> str:
        html = super().render(context)
        if not html:
            return html
        if pagecache.is_recording(context.get("request")):
            token = pagecache.SUBMISSION_SLOT  # filled in per request, see collider.pagecache
        else:
            token = new_token()
        return html + format_html('<input type="hidden" name="{}" value="{}">', FIELD, token)


@register.tag
def csrf_token(parser, token) -> SubmissionTokenNode:
    return SubmissionTokenNode()
