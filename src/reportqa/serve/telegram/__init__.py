"""The Telegram bot (python-telegram-bot): handlers, format, state."""
