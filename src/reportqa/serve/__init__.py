"""Front ends: the HTTP API and the Telegram bot."""
