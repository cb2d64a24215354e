"""The tandem app needs no Celery tasks of its own: every reminder (task due dates, partner
meetings) is a row in the core outbox, sent by the core's periodic sweep."""
