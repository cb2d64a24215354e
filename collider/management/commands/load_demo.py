from django.core.management.base import BaseCommand

from collider.demo import DEMO_PASSWORD, demo_logins, load_demo


class Command(BaseCommand):
    help = "Create (or complete) the demo programme with its tandem, participants and events."

    def handle(self, *args, **options):
        programme = load_demo(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(f"Demo programme ready: {programme.name}"))
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for role, email in demo_logins():
            self.stdout.write(f"  {role:<26} {email}")
