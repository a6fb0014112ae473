"""Start the Telegram bot: `python bot.py` is `reportqa bot` (token from TELEGRAM_BOT_TOKEN)."""

import sys

from reportqa.cli import main

if __name__ == "__main__":
    sys.argv[1:1] = ["bot"]
    main()
