"""Date and number formats where Django's own do not suit our readers (FORMAT_MODULE_PATH).

Templates name formats ("DATE_FORMAT", "DATETIME_FORMAT") instead of writing patterns, so every
page shows one date style, and each language its own convention (German "5. Dezember 2026").
"""
