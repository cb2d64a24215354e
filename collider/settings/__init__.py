"""Settings: ``base`` (env-driven, production-safe), ``dev`` and ``test`` on top of it."""
