"""No admin pages: every write of the tandem app goes through its services (with permission
checks, audit entries and reminders), and partners manage everything from the programme pages."""
