"""Feedback from users: the answers given, remembered briefly, and votes on them, kept."""
