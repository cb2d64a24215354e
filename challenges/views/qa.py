"""The confidential details behind the NDA, and the questions and answers on a challenge."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from collider.access import require
from collider.viewutils import form_data, submit

from .. import services
from ..forms import AnswerForm, NdaForm, QuestionForm
from ..models import NDA_VERSION, Challenge
from .common import TAB, act_on_form, challenge_view


@require_GET
@challenge_view()
def challenge_confidential(request: HttpRequest, challenge: Challenge) -> HttpResponse:
    # Never a log-in redirect: without an accepted NDA the answer is 403, for visitors too.
    require(
        request.user,
        "challenges.view_confidential",
        challenge,
        denied=_(
            "Confidential details are shown to the company, its expert translator, the "
            "organisers, and to CCI participants and experts who accepted the NDA."
        ),
    )
    return render(
        request,
        "challenges/challenge_confidential.html",
        {"programme": challenge.programme, "challenge": challenge, "tab": TAB},
    )


@require_http_methods(["GET", "POST"])
@challenge_view("challenges.accept_nda")
def challenge_nda(request: HttpRequest, challenge: Challenge) -> HttpResponse:
    def success(_acceptance) -> HttpResponse:
        messages.success(request, _("Thank you. You can now read the confidential details."))
        return redirect(
            "challenges:challenge_confidential", slug=challenge.programme.slug, pk=challenge.pk
        )

    return submit(
        request,
        NdaForm(form_data(request)),
        lambda _data: services.nda_accept(user=request.user, challenge=challenge),
        success,
        template="challenges/challenge_nda.html",
        context={
            "programme": challenge.programme,
            "challenge": challenge,
            "nda_version": NDA_VERSION,
            "tab": TAB,
        },
    )


def _questions(challenge: Challenge) -> str:
    return challenge.get_absolute_url() + "#questions"


@require_POST
@challenge_view("challenges.ask_question")
def question_ask(request: HttpRequest, challenge: Challenge) -> HttpResponse:
    return act_on_form(
        request,
        QuestionForm(request.POST),
        invalid=_("Write your question (up to 2000 characters)."),
        perform=lambda data: services.question_ask(
            user=request.user, challenge=challenge, body=data["body"]
        ),
        done=_("Question sent; the answer will be shown here."),
        to=_questions(challenge),
    )


@require_POST
@challenge_view("challenges.answer_question")
def question_answer(request: HttpRequest, challenge: Challenge, question_pk: int) -> HttpResponse:
    question = get_object_or_404(challenge.questions, pk=question_pk)
    return act_on_form(
        request,
        AnswerForm(request.POST),
        invalid=_("Write an answer."),
        perform=lambda data: services.question_answer(
            actor=request.user, question=question, answer=data["answer"]
        ),
        done=_("Answer published."),
        to=_questions(challenge),
    )
