"""Which language a person reads: programme languages, the switcher, the account, guests' mail."""

import pytest
from django import forms
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import translation

from collider import languages, services
from collider.enums import RegistrationMode, Sector
from collider.models import Programme, Registration, Reminder, User
from tests.factories import EventFactory, ProgrammeFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_language_names_as_people_type_them_become_offered_codes():
    assert languages.codes_from_text("English, Deutsch / slovenščina") == ["en", "de", "sl"]
    assert languages.codes_from_text("Magyar; hr and Italian") == ["hu", "hr", "it"]
    # Not offered, or not a language: left out; repeats once.
    assert languages.codes_from_text("Slovak, German, Klingon, german") == ["de"]
    assert languages.codes_from_text("") == []


def test_programme_form_field_offers_checkboxes_and_stores_codes():
    class ProgrammeLanguages(forms.ModelForm):
        class Meta:
            model = Programme
            fields = ["languages"]

    programme = ProgrammeFactory(languages="de,sl")
    form = ProgrammeLanguages(instance=programme)
    html = str(form["languages"])
    assert 'type="checkbox"' in html
    assert html.count("checked") == 2
    bound = ProgrammeLanguages({"languages": ["sl", "hu"]}, instance=programme)
    assert bound.is_valid(), bound.errors
    assert bound.save().languages == "sl,hu"
    refused = ProgrammeLanguages({"languages": ["xx"]}, instance=programme)
    assert not refused.is_valid()
    assert programme.language_codes == ["sl", "hu"]
    with translation.override("en"):
        assert programme.language_names == ["Slovenian", "Hungarian"]


def test_switcher_lists_the_programmes_languages_first_each_in_its_own_name(client):
    programme = ProgrammeFactory(languages="sl,hu")
    page = client.get(programme.get_absolute_url()).content.decode()
    switcher = page[page.index('id="language-select"') :]
    order = [switcher.index(f'value="{code}"') for code in ("sl", "hu", "en", "de")]
    assert order == sorted(order)
    assert "Slovenščina" in switcher and "Magyar" in switcher and "Deutsch" in switcher
    # Everywhere else, the platform's order.
    home = client.get(reverse("home")).content.decode()
    home_switcher = home[home.index('id="language-select"') :]
    assert home_switcher.index('value="en"') < home_switcher.index('value="sl"')


def test_a_signed_in_persons_choice_is_remembered_and_follows_them_to_another_device(client):
    user = UserFactory()
    client.force_login(user)
    client.post(reverse("set_language"), {"language": "sl", "next": "/"})
    user.refresh_from_db()
    assert user.language == "sl"

    other_device = client.__class__()
    other_device.force_login(user)
    response = other_device.get(reverse("dashboard"))
    assert response.headers["Content-Language"] == "sl"
    assert '<html lang="sl"' in response.content.decode()

    # An unknown code changes nothing.
    client.post(reverse("set_language"), {"language": "xx", "next": "/"})
    user.refresh_from_db()
    assert user.language == "sl"


def test_signing_up_records_the_language_of_the_sign_up(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "de"
    client.post(
        reverse("account_signup"),
        {
            "email": "neu@example.org",
            "password1": "a-Long-passphrase-42",
            "password2": "a-Long-passphrase-42",
            "first_name": "Nora",
            "last_name": "Neu",
            "privacy_notice": "on",
        },
    )
    assert User.objects.get(email="neu@example.org").language == "de"


def _sent_language(message) -> str:
    html = message.alternatives[0][0]
    return html.split('<html lang="', 1)[1].split('"', 1)[0]


def test_a_guest_is_written_to_in_the_language_they_registered_in(
    client, django_capture_on_commit_callbacks, settings
):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    event = EventFactory(registration_mode=RegistrationMode.PUBLIC)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sl"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse(
                "collider:event_register", kwargs={"slug": event.programme.slug, "pk": event.pk}
            ),
            {"name": "Ana Novak", "email": "ana@example.si", "sector": Sector.CCI, "consent": "on"},
        )
    registration = Registration.objects.get(email="ana@example.si")
    assert registration.language == "sl"
    assert set(
        Reminder.objects.filter(email="ana@example.si").values_list("language", flat=True)
    ) == {"sl"}
    assert mail.outbox and _sent_language(mail.outbox[-1]) == "sl"


def test_the_account_choice_wins_then_the_guests_then_the_programmes_first():
    programme = ProgrammeFactory(languages="hu,de")
    reader = UserFactory(language="pl")
    assert languages.reader_language(user=reader, language="sl", programme=programme) == "pl"
    assert languages.reader_language(user=UserFactory(language=""), language="sl") == "sl"
    assert languages.reader_language(user=None, language="", programme=programme) == "hu"
    assert languages.reader_language(user=None, language="") == settings.LANGUAGE_CODE


def test_outbox_writes_to_a_recipient_without_account_in_the_programmes_language(settings):
    programme = ProgrammeFactory(languages="it")
    with translation.override("en"):
        services.notification_send(
            kind="account_message",
            email="someone@example.org",
            programme=programme,
            context={"subject": "Hello", "text": "Hello", "html": "<p>Hello</p>"},
        )
    reminder = Reminder.objects.get(email="someone@example.org")
    services.reminder_deliver(reminder_id=reminder.pk)
    assert _sent_language(mail.outbox[-1]) == "it"
