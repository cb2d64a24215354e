"""Thin views of the matchmaking app, one module per entity: resolve through a selector (404
for other programmes), check a rule, call a service through ``collider.viewutils.submit`` (or a
declared action's button through ``collider.actions.action_view``)."""
