"""The Telegram bot: questions in, quoted answers with their source out.

`ReportBot` wraps a python-telegram-bot `Application` around an `Engine`: commands (/start,
/help, /fraga, /kallor, /om, /reindex, with English aliases), questions in private chats and
mentions/replies in groups, answers in HTML with a "Visa källor" button, an allow-list of chats,
a per-user question limit, AIORateLimiter for Telegram's flood limits, retries on network
errors and 5xx (`RetryingRequest`), and an error handler that logs and carries on.

It runs standalone (`reportqa bot`, `bot.py`: long polling) or inside the HTTP server
(`reportqa serve`: polling, or webhook mode through `telegram_webhook`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import signal
from collections.abc import AsyncIterator, Callable
from html import escape
from typing import Any, TypeVar

from telegram import (
    BotCommand,
    BotCommandScopeDefault,
    Chat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
    Message,
    ReplyParameters,
    Update,
)
from telegram.constants import ChatAction, ParseMode
from telegram.error import BadRequest, Forbidden, InvalidToken, NetworkError, TelegramError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    Defaults,
    MessageHandler,
    TypeHandler,
    filters,
)

from reportqa.ask.followup import Turn
from reportqa.ask.scope import find_scope
from reportqa.config import Settings
from reportqa.errors import ReportQAError, UnknownSeriesError
from reportqa.facts.series import SeriesInfo, find_series
from reportqa.feedback.answers import AnswerLog
from reportqa.feedback.select import Feedback, open_feedback
from reportqa.feedback.store import VOTES, VoteStore
from reportqa.index.jobs import JobState
from reportqa.limits import (
    QUESTION_MAX_CHARS,
    TELEGRAM_CONCURRENT_UPDATES,
    TELEGRAM_CONNECTION_POOL,
)
from reportqa.serve.telegram.config import BotConfig, webhook_path
from reportqa.serve.telegram.format import answer_html, not_found_html, sources_html, split_html
from reportqa.serve.telegram.redaction import protect_token, redact
from reportqa.serve.telegram.reports import (
    ALL_REPORTS,
    REPORTS_PREFIX,
    by_key,
    reports_message,
    short_name,
)
from reportqa.serve.telegram.requests import AnswersFirstRateLimiter, RetryingRequest
from reportqa.serve.telegram.state import (
    ChosenReports,
    Conversations,
    Shown,
    UserRateLimiter,
    chosen_reports,
    conversation_memory,
    source_cache,
)
from reportqa.serve.telegram.texts import COMMANDS, EXAMPLES, lang_of, t
from reportqa.types import Answer

__all__ = ["BotConfig", "ReportBot", "question_in", "run_bot", "webhook_path"]

T = TypeVar("T")
log = logging.getLogger(__name__)

ALLOWED_UPDATES = ["message", "callback_query"]
SOURCES_PREFIX = "src:"
VOTE_PREFIX = "vote:"  # vote:<up|down>:<answer id>


# ---- the bot ----------------------------------------------------------------------------------

class ReportBot:
    """The Telegram front end over one Engine. `start()`/`stop()` run it inside an event loop."""

    def __init__(self, settings: Settings, engine: Any, *, reindex_jobs: Any = None,
                 config: BotConfig | None = None,
                 on_vote: Callable[[str, str], None] | None = None,
                 feedback: VoteStore | None = None, answers: AnswerLog | None = None,
                 conversations: Conversations | None = None,
                 chosen: ChosenReports | None = None) -> None:
        self.settings = settings
        self.config = config or BotConfig.from_settings(settings)
        protect_token(self.config.token)
        self.engine = engine
        self._jobs = reindex_jobs
        self._following: set[str] = set()
        self.limiter = UserRateLimiter(self.config.user_rate)
        self.cache = source_cache(settings)
        # In the database on a PostgreSQL store: a follow-up or a vote may reach any replica.
        self.conversations = conversations or conversation_memory(settings)
        self.chosen = chosen or chosen_reports(settings)  # /rapporter: the report picked
        # The HTTP app's answers and votes when the bot runs inside it; its own when alone.
        self._own_feedback: Feedback | None = None
        if feedback is None or answers is None:
            self._own_feedback = own = open_feedback(settings)
            feedback, answers = feedback or own.votes, answers or own.answers
        self.answers: AnswerLog = answers  # for the 👍 / 👎 buttons
        self.feedback: VoteStore = feedback
        # Calls on state kept in the database run off the event loop.
        self._shared = (settings.store_url is not None or self.conversations.shared
                        or self.chosen.shared)
        self.on_vote = on_vote  # (vote, channel): the HTTP app's Prometheus counter
        self.typing_interval = 4.0  # Telegram shows "typing" for 5 s
        self.reindex_poll_interval = 1.0
        self.application = self._build_application()
        self._started = False
        self.last_error: str | None = None  # why the bot is not (yet) answering
        self._failed = False

    @property
    def webhook_mode(self) -> bool:
        return bool(self.config.webhook_url)

    def status(self) -> dict[str, Any]:
        """For /readyz: state (starting, running, failed, stopped), mode and the last error."""
        state = ("running" if self._started else "failed" if self._failed
                 else "starting" if self.last_error is None or "retrying" in self.last_error
                 else "stopped")
        return {"state": state, "mode": "webhook" if self.webhook_mode else "polling",
                "error": self.last_error}

    @property
    def running(self) -> bool:
        return self._started

    def _build_application(self) -> Application:
        c = self.config
        builder = (
            ApplicationBuilder()
            .token(c.token)
            .base_url(c.base_url)
            .request(RetryingRequest(retries=c.retries, backoff=c.retry_backoff,
                                     connection_pool_size=TELEGRAM_CONNECTION_POOL))
            .get_updates_request(RetryingRequest(retries=c.retries, backoff=c.retry_backoff,
                                                 connection_pool_size=2))
            .rate_limiter(AnswersFirstRateLimiter(max_retries=3))
            .concurrent_updates(TELEGRAM_CONCURRENT_UPDATES)
            .defaults(Defaults(parse_mode=ParseMode.HTML,
                               link_preview_options=LinkPreviewOptions(is_disabled=True)))
        )
        if self.webhook_mode:
            builder = builder.updater(None)
        app = builder.build()
        app.add_handler(TypeHandler(Update, self._gate), group=-1)
        msgs = filters.UpdateType.MESSAGE
        app.add_handler(CommandHandler(["start", "help"], self._cmd_help, filters=msgs))
        app.add_handler(CommandHandler(["fraga", "ask"], self._cmd_ask, filters=msgs))
        app.add_handler(CommandHandler(["kallor", "sources"], self._cmd_sources, filters=msgs))
        app.add_handler(CommandHandler(["om", "about"], self._cmd_about, filters=msgs))
        app.add_handler(CommandHandler("reindex", self._cmd_reindex, filters=msgs))
        app.add_handler(CommandHandler(["ny", "new"], self._cmd_new, filters=msgs))
        app.add_handler(CommandHandler(["rapporter", "reports"], self._cmd_reports,
                                       filters=msgs))
        app.add_handler(CallbackQueryHandler(self._on_report_button,
                                             pattern=f"^{re.escape(REPORTS_PREFIX)}"))
        app.add_handler(CallbackQueryHandler(self._on_sources_button,
                                             pattern=f"^{re.escape(SOURCES_PREFIX)}"))
        app.add_handler(CallbackQueryHandler(self._on_vote_button,
                                             pattern=f"^{re.escape(VOTE_PREFIX)}"))
        app.add_handler(MessageHandler(msgs & filters.TEXT & ~filters.COMMAND, self._on_text))
        app.add_handler(MessageHandler(msgs & filters.COMMAND & filters.ChatType.PRIVATE,
                                       self._on_unknown_command))
        app.add_handler(MessageHandler(msgs & filters.ChatType.PRIVATE & ~filters.TEXT
                                       & ~filters.StatusUpdate.ALL, self._on_not_text))
        app.add_error_handler(self._on_error)
        return app

    # ---- lifecycle ----------------------------------------------------------------------------
    async def start(self) -> None:
        """Check the token (getMe), register the commands, then poll or set the webhook."""
        app = self.application
        try:
            await app.initialize()
        except InvalidToken:
            await app.bot.shutdown()
            raise ReportQAError("Telegram rejected TELEGRAM_BOT_TOKEN (unauthorized): check "
                                "it with @BotFather") from None
        except BaseException:
            await app.bot.shutdown()
            raise
        try:
            await self._register_commands()
            if self.webhook_mode:
                await app.bot.set_webhook(self.config.webhook_url,
                                          secret_token=self.config.webhook_secret,
                                          allowed_updates=ALLOWED_UPDATES)
            else:
                await app.updater.start_polling(timeout=self.config.poll_timeout,
                                                allowed_updates=ALLOWED_UPDATES)
            await app.start()
        except BaseException:
            await self.stop(force=True)
            raise
        self._started = True
        self._failed, self.last_error = False, None
        log.info("Telegram bot @%s is answering (%s)", app.bot.username,
                 "webhook" if self.webhook_mode else "long polling")

    async def start_with_retries(self, max_wait: float = 60.0, *, raise_refused: bool = False
                                 ) -> bool:
        """`start()`, retrying while Telegram is unreachable or failing (network, 5xx).

        When Telegram refuses (the token, the webhook URL, …) it returns False after logging
        the reason, or raises it as a one-line ReportQAError with `raise_refused`.
        """
        wait = max(self.config.retry_backoff, 0.1)
        while True:
            try:
                await self.start()
                return True
            except ReportQAError as exc:
                refusal = exc
            except BadRequest as exc:  # a NetworkError subclass, but not a transient one
                refusal = ReportQAError(f"the Telegram Bot API refused: {redact(str(exc))}")
            except NetworkError as exc:
                self.last_error = (f"cannot reach the Telegram Bot API ({type(exc).__name__});"
                                   " retrying")
                log.warning("cannot reach the Telegram Bot API (%s); retrying in %.1f s",
                            type(exc).__name__, wait)
                await asyncio.sleep(wait)
                wait = min(max_wait, wait * 2)
                continue
            except TelegramError as exc:
                refusal = ReportQAError(f"the Telegram Bot API refused: {redact(str(exc))}")
            self._failed, self.last_error = True, str(refusal)
            if raise_refused:
                raise refusal
            log.error("the Telegram bot is not running: %s", refusal)
            return False

    async def _in_state(self, fn: Callable[..., T], *args: Any) -> T:
        """A call on what the bot remembers: off the event loop when it is in the database."""
        if self._shared:
            return await asyncio.to_thread(fn, *args)
        return fn(*args)

    def _close_state(self) -> None:
        """The database connections of the bot's own state (none in memory)."""
        self.conversations.close()
        self.chosen.close()
        self.cache.close()
        if self._own_feedback is not None:
            self._own_feedback.close()

    async def stop(self, force: bool = False) -> None:
        """Stop polling, finish the updates in hand, close the HTTP clients."""
        if not (self._started or force):
            return
        self._started = False
        app = self.application
        if app.updater is not None and app.updater.running:
            await app.updater.stop()
        if app.running:
            await app.stop()
        await app.shutdown()
        await app.bot.shutdown()
        await asyncio.to_thread(self._close_state)
        if not force:
            log.info("Telegram bot stopped")

    async def process_webhook_update(self, data: dict) -> None:
        """Queue an update received by the webhook endpoint; ValueError when it is not one."""
        if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
            raise ValueError("not a Telegram update")
        try:
            update = Update.de_json(data, self.application.bot)
        except Exception as exc:  # noqa: BLE001 - whatever PTB trips on, it is not an update
            raise ValueError(f"not a Telegram update ({type(exc).__name__})") from None
        await self.application.update_queue.put(update)

    async def _register_commands(self) -> None:
        bot = self.application.bot
        sv = [BotCommand(cmd, desc) for cmd, desc, _, _ in COMMANDS]
        en = [BotCommand(cmd, desc) for _, _, cmd, desc in COMMANDS]
        try:
            await bot.set_my_commands(sv, scope=BotCommandScopeDefault())
            await bot.set_my_commands(en, scope=BotCommandScopeDefault(), language_code="en")
        except TelegramError as exc:  # the bot works without the menu
            log.warning("could not register the bot's commands: %s", exc)

    # ---- gates --------------------------------------------------------------------------------
    async def _gate(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Drop updates from chats outside the allow-list, before any handler sees them."""
        allowed = self.config.allowed_chats
        if allowed is None:
            return
        chat = update.effective_chat
        if chat is None or chat.id not in allowed:
            log.info("ignoring update %s from chat %s (not in REPORTQA_TELEGRAM_ALLOWED_CHATS)",
                     update.update_id, chat.id if chat else None)
            raise ApplicationHandlerStop

    # ---- commands -----------------------------------------------------------------------------
    async def _cmd_help(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        lang = _user_lang(update)
        chat = update.effective_chat
        mention = f"@{escape(context.bot.username or '')}"
        how = t(lang, "how_private") if chat.type == Chat.PRIVATE else t(
            lang, "how_group", mention=mention)
        reports = "\n".join(f"• <b>{escape(d.title or d.name)}</b>"
                            for d in self.engine.documents()) or t(lang, "no_reports")
        examples = "\n".join(f"• {escape(q)}" for q in EXAMPLES[lang])
        await self._send(chat.id, t(lang, "help", reports=reports, examples=examples, how=how))

    async def _cmd_about(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        lang = _user_lang(update)
        served = self.engine.info()
        reports = "\n".join(
            t(lang, "report_line", title=escape(d.title or d.name), name=escape(d.name),
              passages=d.passages, indexed=escape(d.indexed_at or "?"))
            for d in served.documents) or t(lang, "no_reports")
        await self._send(update.effective_chat.id, t(
            lang, "about", reports=reports, version=escape(served.version),
            built=escape(served.built_at or "?"), passages=served.passages,
            model=escape(served.model)))

    async def _cmd_ask(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        msg = update.effective_message
        parts = (msg.text or "").split(maxsplit=1)
        question = parts[1].strip() if len(parts) > 1 else ""
        if not question:
            lang = _user_lang(update)
            await self._send(msg.chat_id, t(lang, "ask_usage", example=escape(EXAMPLES[lang][0])),
                             reply_to=msg)
            return
        await self._answer(update, question)

    async def _cmd_sources(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        chat_id = update.effective_chat.id
        try:
            shown = await self._in_state(self.cache.last, chat_id)
        except ReportQAError as exc:
            await self._send(chat_id, t(_user_lang(update), "bad_question",
                                        reason=escape(str(exc))))
            return
        if shown is None:
            await self._send(chat_id, t(_user_lang(update), "no_last_answer"))
            return
        await self._send(chat_id, sources_html(shown.question, shown.language, shown.sources))

    async def _cmd_reindex(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        lang = _user_lang(update)
        user = update.effective_user
        msg = update.effective_message
        if user is None or user.id not in self.config.admins:
            log.warning("refused /reindex from user %s (not in REPORTQA_TELEGRAM_ADMINS)",
                        user.id if user else None)
            await self._send(msg.chat_id, t(lang, "not_admin"), reply_to=msg)
            return
        job = self._reindex_jobs().start()
        if job.id in self._following:
            await self._send(msg.chat_id, t(lang, "reindex_joined"), reply_to=msg)
            return
        self._following.add(job.id)
        log.info("user %s started reindex job %s", user.id, job.id)
        status = await msg.reply_html(t(lang, "reindex_started"))
        context.application.create_task(self._follow_reindex(job, status, lang), update=update)

    def _reindex_jobs(self):
        if self._jobs is None:
            from reportqa.index.jobs import ReindexJobs

            self._jobs = ReindexJobs(self.engine)
        return self._jobs

    async def _follow_reindex(self, job, status: Message, lang: str) -> None:
        """Edit the status message with the build's progress until it ends, then the result."""
        shown = t(lang, "reindex_started")
        try:
            while job.active:
                await asyncio.sleep(self.reindex_poll_interval)
                text = _progress_text(job, lang)
                if text and text != shown and job.active:
                    with contextlib.suppress(TelegramError):
                        await status.edit_text(text)
                        shown = text
            text = _result_text(job, lang)
            try:
                await status.edit_text(text)
            except TelegramError:
                await self._send(status.chat_id, text)
        finally:
            self._following.discard(job.id)

    # ---- questions ----------------------------------------------------------------------------
    async def _on_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        msg = update.effective_message
        question = question_in(msg, context.bot.username, context.bot.id)
        if question is not None:
            await self._answer(update, question)

    async def _answer(self, update: Update, question: str) -> None:
        msg = update.effective_message
        chat = update.effective_chat
        user = update.effective_user
        reply_to = msg if chat.type != Chat.PRIVATE else None
        if not question:
            lang = _user_lang(update)
            await self._send(chat.id, t(lang, "ask_usage", example=escape(EXAMPLES[lang][0])),
                             reply_to=reply_to)
            return
        if user is not None:
            wait, tell = self.limiter.check(user.id)
            if wait:
                log.info("user %s is over the question limit", user.id)
                if tell:
                    await self._send(chat.id, t(_user_lang(update), "rate_limited",
                                                seconds=max(1, round(wait))), reply_to=reply_to)
                return
        if len(question) > QUESTION_MAX_CHARS:
            await self._send(chat.id, t(_user_lang(update), "too_long", length=len(question),
                                        max=QUESTION_MAX_CHARS), reply_to=reply_to)
            return
        conversation = _conversation_key(chat, user)
        note = ""
        async with self._typing(chat.id):
            try:
                history = await self._in_state(self.conversations.history, conversation)
                series = await self._in_state(self.chosen.get, conversation)
                try:
                    ans: Answer = await asyncio.to_thread(self.engine.ask, question, 3,
                                                          history=history, series=series)
                except UnknownSeriesError:  # the picked report left the index
                    await self._in_state(self.chosen.choose, conversation, None)
                    note = f"<i>{t(_user_lang(update), 'report_gone')}</i>\n"
                    ans = await asyncio.to_thread(self.engine.ask, question, 3,
                                                  history=history)
            except ReportQAError as exc:  # also the database unreachable: say why
                await self._send(chat.id, t(_user_lang(update), "bad_question",
                                            reason=escape(str(exc))), reply_to=reply_to)
                return
        try:
            await self._in_state(self.conversations.add, conversation, Turn(question, ans.text))
        except ReportQAError as exc:  # the answer still goes out; the next turn stands alone
            log.error("could not remember a conversation turn: %s", exc)
        sources = tuple(ans.sources)
        rows = []
        if sources:
            try:
                key = await self._in_state(self.cache.put,
                                           Shown(chat.id, question, ans.language, sources))
            except ReportQAError as exc:  # the answer still goes out, without the button
                log.error("could not keep an answer's sources: %s", exc)
            else:
                rows.append([InlineKeyboardButton(t(ans.language, "show_sources"),
                                                  callback_data=SOURCES_PREFIX + key)])
        try:
            answer_id = await self._in_state(self.answers.remember, ans)
        except ReportQAError as exc:  # the answer still goes out, without vote buttons
            log.error("could not remember an answer for votes: %s", exc)
        else:
            rows.append([
                InlineKeyboardButton("👍", callback_data=f"{VOTE_PREFIX}up:{answer_id}"),
                InlineKeyboardButton("👎", callback_data=f"{VOTE_PREFIX}down:{answer_id}")])
        html = answer_html(ans) if ans.found else not_found_html(ans)
        if ans.resolved_question:
            html = (f"<i>{t(ans.language, 'read_as', question=escape(ans.resolved_question))}"
                    f"</i>\n{html}")
        html = note + html
        await self._send(chat.id, html, reply_to=reply_to, markup=InlineKeyboardMarkup(rows))

    async def _cmd_new(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/ny, /new: forget the conversation so far."""
        chat, user = update.effective_chat, update.effective_user
        try:
            await self._in_state(self.conversations.forget, _conversation_key(chat, user))
        except ReportQAError as exc:
            await self._send(chat.id, t(_user_lang(update), "bad_question",
                                        reason=escape(str(exc))))
            return
        await self._send(chat.id, t(_user_lang(update), "new_conversation"))

    async def _cmd_reports(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/rapporter, /reports: the report series with a button each to answer from one;
        `/rapporter mål 3` (or an id, or `alla`/`all`) picks without the buttons."""
        chat, user = update.effective_chat, update.effective_user
        lang = _user_lang(update)
        key = _conversation_key(chat, user)
        parts = (update.effective_message.text or "").split(maxsplit=1)
        wanted = parts[1].strip() if len(parts) > 1 else ""
        try:
            if wanted.lower() in ("alla", "all", "*"):
                await self._in_state(self.chosen.choose, key, None)
                await self._send(chat.id, t(lang, "chose_all"))
                return
            if wanted:
                await self._pick_report(chat.id, key, self._series_named(wanted), lang)
                return
            chosen = await self._in_state(self.chosen.get, key)
            served = self.engine.series()
        except UnknownSeriesError as exc:
            await self._send(chat.id, t(lang, "report_unknown", reason=escape(str(exc))))
            return
        except ReportQAError as exc:  # the database unreachable, no index yet: say why
            await self._send(chat.id, t(lang, "bad_question", reason=escape(str(exc))))
            return
        text, markup = reports_message(served, chosen, lang)
        await self._send(chat.id, text, markup=markup)

    def _series_named(self, wanted: str) -> SeriesInfo:
        """The series "mål 3", "goal 3", an id or a part of one names."""
        served = self.engine.series()
        named = find_scope(f"i {wanted}", served, lambda w: w)
        if named is not None:
            return named.series
        return find_series(served, wanted)

    async def _pick_report(self, chat_id: int, key: tuple[int, int],
                           series: SeriesInfo | None, lang: str) -> None:
        await self._in_state(self.chosen.choose, key, series.id if series else None)
        if series is None:
            await self._send(chat_id, t(lang, "chose_all"))
        else:
            await self._send(chat_id, t(lang, "chose_report", name=escape(short_name(series))))

    async def _on_report_button(self, update: Update,
                                context: ContextTypes.DEFAULT_TYPE) -> None:
        """A button of /rapporter: answer from that series (or every report) from now on."""
        query = update.callback_query
        lang = lang_of(query.from_user.language_code)
        wanted = (query.data or "").removeprefix(REPORTS_PREFIX)
        message = query.message if isinstance(query.message, Message) else None
        if message is None:
            await query.answer(t(lang, "report_gone"), show_alert=True)
            return
        series = None
        try:
            if wanted != ALL_REPORTS:
                series = by_key(self.engine.series(), wanted)
                if series is None:
                    await query.answer(t(lang, "report_gone"), show_alert=True)
                    return
            await self._pick_report(message.chat_id,
                                    _conversation_key(message.chat, query.from_user),
                                    series, lang)
        except ReportQAError as exc:
            await query.answer(t(lang, "bad_question", reason=str(exc)), show_alert=True)
            return
        await query.answer()

    async def _on_vote_button(self, update: Update,
                              context: ContextTypes.DEFAULT_TYPE) -> None:
        """👍 / 👎 under an answer: stored with the answer, never with who voted."""
        query = update.callback_query
        lang = lang_of(query.from_user.language_code)
        vote, _, answer_id = (query.data or "").removeprefix(VOTE_PREFIX).partition(":")
        try:
            record = await self._in_state(self.answers.get, answer_id)
        except ReportQAError as exc:
            log.error("could not read an answer voted on: %s", exc)
            record = None
        if vote not in VOTES or record is None:
            await query.answer(t(lang, "vote_gone"), show_alert=True)
            return
        try:
            await asyncio.to_thread(self.feedback.add, record, vote, None, "telegram")
        except ReportQAError as exc:
            log.error("could not store a vote: %s", exc)
            await query.answer(t(lang, "vote_gone"), show_alert=True)
            return
        if self.on_vote is not None:
            self.on_vote(vote, "telegram")
        await query.answer(t(lang, "vote_thanks"))

    async def _on_sources_button(self, update: Update,
                                 context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        lang = lang_of(query.from_user.language_code)
        try:
            shown = await self._in_state(self.cache.get,
                                         (query.data or "").removeprefix(SOURCES_PREFIX))
        except ReportQAError as exc:
            log.error("could not read an answer's sources: %s", exc)
            shown = None
        if shown is None:
            await query.answer(t(lang, "sources_gone"), show_alert=True)
            return
        wait, _ = self.limiter.check(query.from_user.id)
        if wait:
            await query.answer(t(lang, "rate_limited", seconds=max(1, round(wait))),
                               show_alert=True)
            return
        await query.answer()
        message = query.message if isinstance(query.message, Message) else None
        chat_id = message.chat_id if message is not None else shown.chat_id
        await self._send(chat_id, sources_html(shown.question, shown.language, shown.sources),
                         reply_to=message)

    async def _on_unknown_command(self, update: Update,
                                  context: ContextTypes.DEFAULT_TYPE) -> None:
        await self._send(update.effective_chat.id, t(_user_lang(update), "unknown_command"))

    async def _on_not_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await self._send(update.effective_chat.id, t(_user_lang(update), "only_text"))

    # ---- sending ------------------------------------------------------------------------------
    async def _send(self, chat_id: int, html: str, *, reply_to: Message | None = None,
                    markup: InlineKeyboardMarkup | None = None) -> None:
        """Send HTML, split into parts that fit; the button goes on the last part."""
        parts = split_html(html)
        bot = self.application.bot
        for i, part in enumerate(parts):
            reply = (ReplyParameters(reply_to.message_id, allow_sending_without_reply=True)
                     if reply_to is not None and i == 0 else None)
            kw: dict[str, Any] = {"reply_parameters": reply,
                                  "reply_markup": markup if i == len(parts) - 1 else None}
            try:
                await bot.send_message(chat_id, part, parse_mode=ParseMode.HTML, **kw)
            except BadRequest as exc:
                if "parse entities" not in str(exc).lower():
                    raise
                log.error("Telegram refused our HTML (%s); sending plain text", exc)
                await bot.send_message(chat_id, _plain(part), parse_mode=None, **kw)

    @contextlib.asynccontextmanager
    async def _typing(self, chat_id: int) -> AsyncIterator[None]:
        """Show "typing…" in the chat until the block ends.

        The indicator goes out alongside the work, not before it; at the end the one in
        flight is let finish (briefly), so that it cannot arrive after the answer.
        """
        done = asyncio.Event()

        async def keep_typing() -> None:
            while not done.is_set():
                try:
                    await self.application.bot.send_chat_action(chat_id, ChatAction.TYPING)
                except TelegramError as exc:
                    log.debug("typing indicator failed: %s", exc)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(done.wait(), self.typing_interval)

        task = asyncio.create_task(keep_typing())
        try:
            yield
        finally:
            done.set()
            with contextlib.suppress(asyncio.CancelledError, TimeoutError):
                await asyncio.wait_for(task, 2.0)

    # ---- errors -------------------------------------------------------------------------------
    async def _on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Log the error and tell the user something went wrong; the bot keeps running."""
        err = context.error
        uid = update.update_id if isinstance(update, Update) else None
        if isinstance(err, NetworkError) and not isinstance(err, BadRequest):
            log.warning("Telegram Bot API unreachable while handling update %s: %s", uid, err)
            return
        log.error("error while handling update %s", uid, exc_info=err)
        if isinstance(err, Forbidden) or not isinstance(update, Update):
            return
        chat = update.effective_chat
        if chat is not None:
            with contextlib.suppress(TelegramError):
                await self._send(chat.id, t(_user_lang(update), "error"))


def question_in(msg: Message, username: str | None, bot_id: int) -> str | None:
    """The question in a text message, or None when it is not for the bot.

    In private chats every text is a question. In groups only a message that mentions the bot
    or replies to one of its messages is; the @mention is removed from the question.
    """
    text = msg.text or ""
    mention = re.compile(rf"(?<![\w@])@{re.escape(username)}\b", re.IGNORECASE) if username \
        else None
    if msg.chat.type != Chat.PRIVATE:
        replied = (msg.reply_to_message is not None and msg.reply_to_message.from_user is not None
                   and msg.reply_to_message.from_user.id == bot_id)
        mentioned = bool(mention and mention.search(text)) or any(
            e.user is not None and e.user.id == bot_id
            for e in msg.entities if e.type == "text_mention")
        if not (replied or mentioned):
            return None
    if mention:
        text = mention.sub(" ", text)
    return re.sub(r"\s+", " ", text).strip(" ,:;-–")


def _progress_text(job, lang: str) -> str | None:
    if not job.stage:
        return None
    key = "waiting" if job.stage.startswith("waiting") else job.stage
    stage = t(lang, f"stage_{key}") if key in ("documents", "embedding", "writing",
                                                "waiting") else escape(job.stage)
    if not job.total:
        return t(lang, "reindex_started").replace("…", f"({stage}) …")
    return t(lang, "reindex_progress", stage=stage, done=job.done, total=job.total)


def _result_text(job, lang: str) -> str:
    r = job.result
    if job.state != JobState.succeeded:
        return t(lang, "reindex_failed", message=escape(job.message))
    if not r.get("published"):
        return t(lang, "reindex_unchanged", message=escape(job.message))
    if r.get("swapped") is False:
        return t(lang, "reindex_not_swapped", message=escape(job.message))
    return t(lang, "reindex_done", version=escape(str(job.version)), passages=r.get("passages"),
             documents=r.get("documents"), seconds=r.get("seconds"))


def _conversation_key(chat: Chat, user: Any) -> tuple[int, int]:
    """Whose conversation a message belongs to: the chat's, or in a group, each user's own."""
    if chat.type == Chat.PRIVATE or user is None:
        return (chat.id, 0)
    return (chat.id, user.id)


def _user_lang(update: Update) -> str:
    user = update.effective_user
    return lang_of(user.language_code if user else None)


def _plain(html: str) -> str:
    from html import unescape

    return unescape(re.sub(r"<[^>]+>", "", html))


# ---- running it standalone ------------------------------------------------------------------

async def run_until_stopped(bot: ReportBot, stop: asyncio.Event | None = None) -> None:
    """Start the bot (retrying while Telegram is unreachable) and run until SIGINT/SIGTERM."""
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
    starting = asyncio.create_task(bot.start_with_retries(raise_refused=True))
    stopping = asyncio.create_task(stop.wait())
    try:
        done, _ = await asyncio.wait({starting, stopping}, return_when=asyncio.FIRST_COMPLETED)
        if starting in done:
            starting.result()  # raises when the token is refused
            await stopping
    finally:
        for task in (starting, stopping):
            if not task.done():
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        await bot.stop()


def run_bot(settings: Settings, engine: Any = None) -> None:
    """`reportqa bot`: check the settings, load the engine, poll until interrupted."""
    config = BotConfig.from_settings(settings)  # a bad token fails before the model loads
    if config.webhook_url:
        raise ReportQAError("webhook mode runs inside the HTTP server: use `reportqa serve`, "
                            "or unset REPORTQA_TELEGRAM_WEBHOOK_URL to poll")
    if engine is None:
        from reportqa.engine import Engine

        engine = Engine.load(settings)
    # A standalone bot picks up new index versions (reportqa index build/watch) by itself.
    engine.start_auto_reload()
    try:
        asyncio.run(run_until_stopped(ReportBot(settings, engine, config=config)))
    finally:
        engine.stop_auto_reload()

