"""allauth's sign-up form, safe when two requests sign up the same address at once.

allauth checks that the address is free, then inserts the user; two requests (a double click
from two tabs, a retried POST) can both pass the check, and the second insert used to end in a
500 ``IntegrityError``. Here the loser is answered exactly like a sign-up for an address that
already has an account (allauth's enumeration-safe "we sent you an e-mail" page), so the answer
reveals nothing and one account exists. Kept apart from the account adapter on purpose: this
is about the form's race, the adapter about how mail is sent.
"""

from __future__ import annotations

from allauth.account.forms import SignupForm as AllauthSignupForm
from django.db import IntegrityError, transaction


class SignupForm(AllauthSignupForm):
    def try_save(self, request):
        try:
            with transaction.atomic():
                return super().try_save(request)
        except IntegrityError:
            # Another request took the address between clean_email() and the insert.
            self.account_already_exists = True
            return super().try_save(request)
