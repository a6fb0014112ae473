"""The limits reportqa enforces on what it accepts and keeps, in one place, each with why.

The HTTP API, the Telegram bot, the CLI and the index builder import them from here, and the
OpenAPI descriptions and error messages are written from them, so a limit changes in one line.
"""

from __future__ import annotations

# ---- questions -----------------------------------------------------------------------------
#: Characters in a question after trimming (HTTP and Telegram): room for any real question
#: while bounding the work one request can cause.
QUESTION_MAX_CHARS = 1000
#: Sources returned with one answer (HTTP and `reportqa ask --top-k`): more than anyone reads.
TOP_K_MAX = 20
#: Passages one GET /search returns: keeps a response a page of results, not the index.
SEARCH_K_MAX = 50
#: Passages `reportqa search -k` prints: the CLI inspects retrieval, so it may list more.
CLI_SEARCH_K_MAX = 100
#: Earlier turns a question may come with (HTTP history, OpenAI messages, Telegram memory):
#: a follow-up refers to the last one or two; ten is a whole conversation.
HISTORY_MAX_TURNS = 10
#: Characters of one earlier answer in the history: an answer is at most 400 characters
#: (ask/answer.py MAX_ANSWER_CHARS), with room for a front end's own wording.
HISTORY_ANSWER_MAX_CHARS = 1000
#: Characters in a `document` filter: longer than any corpus file name (255 bytes on common
#: file systems), so a valid name always fits.
DOCUMENT_NAME_MAX_CHARS = 300
#: Characters in a `series` filter or path: longer than any series id (a title and goal
#: heading made URL-safe; a goal heading is cut at 200 characters, ingest/editions.py).
SERIES_NAME_MAX_CHARS = 300

# ---- HTTP ----------------------------------------------------------------------------------
#: Bytes in a request body: the largest valid one, \u-escaped (6 bytes a character), is under
#: 190 KiB — an /ask with a 1000-character question and 10 turns of 1000 + 1000 characters
#: (126 KB), or a /v1 chat of 25 messages of 1200 characters (180 KB); more is refused
#: before it is read into memory.
MAX_BODY_BYTES = 192 * 1024
#: Characters of a client's X-Request-ID that is echoed: a longer one is replaced, so request
#: ids cannot flood the log.
REQUEST_ID_MAX_CHARS = 128

# ---- Telegram ------------------------------------------------------------------------------
#: Bytes in one Telegram webhook update: far above any real update; junk is refused unparsed.
TELEGRAM_UPDATE_MAX_BYTES = 1_000_000
#: Updates the bot handles at once; later ones queue in python-telegram-bot.
TELEGRAM_CONCURRENT_UPDATES = 16
#: HTTP connections to the Bot API: more than the concurrent updates, so that a reply never
#: waits for a free connection.
TELEGRAM_CONNECTION_POOL = 64
#: Answers whose sources the bot keeps for the "Visa källor" button and /kallor; memory stays
#: bounded, and the buttons of older answers find nothing.
TELEGRAM_SOURCES_KEPT = 5000
#: Seconds of silence after which the bot forgets a conversation: a follow-up comes within
#: minutes; after half an hour a question is a new conversation.
TELEGRAM_CONVERSATION_IDLE_SECONDS = 30 * 60
#: Users the question rate limiter tracks before it forgets the idle ones (bounded memory).
TELEGRAM_USERS_TRACKED = 10_000

# ---- index ---------------------------------------------------------------------------------
#: Characters in a passage's sentence: a longer one is split at semicolons or commas, so an
#: answer stays a readable quote. Changing it changes the passages (bump CHUNKER_VERSION).
MAX_SENTENCE_CHARS = 400
#: Reindex jobs remembered per process for GET /admin/reindex/{id}; older ones are forgotten.
REINDEX_JOBS_KEPT = 50
#: Seconds the corpus folder must be quiet before a watch rebuild: the minimum keeps the
#: watcher's polling step above 0 ms; the maximum keeps the first rebuild within 10 × 10 min
#: of a change (watch.MAX_DELAY_FACTOR).
WATCH_DEBOUNCE_MIN_SECONDS = 0.05
WATCH_DEBOUNCE_MAX_SECONDS = 600
