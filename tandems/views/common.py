"""What the tandem view modules share."""

from __future__ import annotations

from django.shortcuts import render


def _render(request, template, context, *, status=200):
    context.setdefault("tab", "tandems:tandem_detail")
    return render(request, template, context, status=status)
