"""What the Telegram bot says, in Swedish and English (Swedish when in doubt).

Texts are Telegram HTML; the `{…}` fields are filled with already escaped values.
"""

from __future__ import annotations

#: (command, Swedish description, English command, English description). The English
#: command names are aliases that work in every chat; they are what English clients list.
COMMANDS: list[tuple[str, str, str, str]] = [
    ("start", "Kom igång: vad boten kan", "start", "Get started: what the bot can do"),
    ("help", "Hjälp och exempelfrågor", "help", "Help and example questions"),
    ("fraga", "Ställ en fråga (i grupper)", "ask", "Ask a question (in groups)"),
    ("kallor", "Källorna till senaste svaret", "sources", "Sources of the last answer"),
    ("om", "Rapporter, indexversion och modell", "about", "Reports, index version and model"),
    ("ny", "Ny konversation (glöm tidigare frågor)", "new", "New conversation (forget earlier "
     "questions)"),
    ("rapporter", "Välj vilken rapport jag svarar från", "reports", "Pick the report I answer "
     "from"),
    ("reindex", "Bygg om indexet (administratörer)", "reindex", "Rebuild the index (admins)"),
]

EXAMPLES = {
    "sv": ["Hur många personer sysselsätter industrin?",
           "Hur stor del av länets anställda finns i offentlig sektor?",
           "Vad omsätter turismbranschen?"],
    # The reports are Swedish; with the default (English) model Swedish questions work best.
    "en": ["Hur många personer sysselsätter industrin?",
           "What share of the county's employees work in the public sector?"],
}

TEXTS: dict[str, dict[str, str]] = {
    "sv": {
        "help": (
            "Hej! Jag svarar på frågor om rapporterna nedan och citerar svaret med källa "
            "(rapport, avsnitt, sida). Säger rapporten inget om saken, så säger jag det.\n\n"
            "<b>Rapporter</b>\n{reports}\n\n<b>Prova till exempel</b>\n{examples}\n\n"
            "{how}\n\n<b>Kommandon</b>\n"
            "/kallor – källorna till senaste svaret\n/rapporter – välj rapport\n"
            "/om – rapporter, indexversion och modell\n"
            "/help – den här hjälpen"
        ),
        "how_private": "Skriv din fråga som ett vanligt meddelande.",
        "how_group": ("I en grupp svarar jag när du nämner mig ({mention}), svarar på mitt "
                      "meddelande eller skriver /fraga följt av frågan."),
        "no_reports": "(inga rapporter indexerade ännu)",
        "about": ("<b>Om boten</b>\n<b>Rapporter</b>\n{reports}\n\n"
                  "Indexversion: <code>{version}</code>\nByggt: {built}\n"
                  "Avsnitt i indexet: {passages}\nModell: <code>{model}</code>"),
        "report_line": "• <b>{title}</b> ({name}), {passages} textavsnitt, indexerad {indexed}",
        "show_sources": "Visa källor",
        "read_as": "Tolkat som: {question}",
        "new_conversation": "Ny konversation: jag har glömt de tidigare frågorna.",
        "reports": ("<b>Rapporter</b>\n{reports}\n\n{now}\nVälj en rapport så svarar jag bara "
                    "från den (alla dess upplagor, den senaste först), eller alla rapporter."),
        "reports_one": "<b>Rapporter</b>\n{reports}\n\nDet finns bara en rapport att välja.",
        "report_series_line": "• <b>{name}</b> – upplagor: {editions}",
        "reports_chosen": "Just nu svarar jag bara från <b>{name}</b>.",
        "reports_all_now": "Just nu svarar jag från alla rapporter.",
        "all_reports": "Alla rapporter",
        "chose_report": "Nu svarar jag bara från <b>{name}</b>. /rapporter för att byta.",
        "chose_all": "Nu svarar jag från alla rapporter.",
        "report_gone": ("Rapporten du valde finns inte längre; jag svarar från alla rapporter. "
                        "/rapporter visar vilka som finns."),
        "report_unknown": "Jag hittar ingen sådan rapport: {reason}",
        "vote_thanks": "Tack! Din röst är sparad.",
        "vote_gone": "Det svaret finns inte kvar längre; rösta på ett nyare.",
        "no_last_answer": "Jag har inte svarat på något här ännu. Ställ en fråga först!",
        "sources_gone": "De källorna finns inte kvar längre. Ställ frågan igen.",
        "ask_usage": "Skriv frågan efter kommandot, till exempel:\n/fraga {example}",
        "too_long": "Frågan är för lång ({length} tecken). Korta ner den till högst {max} tecken.",
        "rate_limited": ("Du har ställt många frågor på kort tid. Vänta {seconds} sekunder, "
                         "så svarar jag igen."),
        "only_text": "Jag förstår bara frågor skrivna som text.",
        "unknown_command": "Det kommandot känner jag inte till. Skriv /help för hjälp.",
        "error": "Något gick fel när jag skulle svara. Försök igen om en stund.",
        "bad_question": "Jag kunde inte ställa den frågan: {reason}",
        "not_admin": "Bara administratörer kan bygga om indexet.",
        "reindex_started": "Bygger om indexet …",
        "reindex_joined": "En ombyggnad pågår redan; jag följer den.",
        "reindex_progress": "Bygger om indexet: {stage} {done}/{total}",
        "reindex_done": ("Klart: indexet {version} används nu ({passages} textavsnitt från "
                         "{documents} dokument, {seconds} s)."),
        "reindex_not_swapped": "Indexet byggdes men kunde inte tas i bruk: {message}",
        "stage_waiting": "väntar på en annan ombyggnad",
        "reindex_unchanged": "Klart, men inget nytt index publicerades: {message}",
        "reindex_failed": "Ombyggnaden misslyckades: {message}",
        "stage_documents": "läser dokument",
        "stage_embedding": "beräknar vektorer",
        "stage_writing": "skriver index",
    },
    "en": {
        "help": (
            "Hello! I answer questions about the reports below and quote the answer with its "
            "source (report, section, page). When a report says nothing about it, I say so.\n\n"
            "<b>Reports</b>\n{reports}\n\n<b>Try for example</b> (the reports are in "
            "Swedish, so Swedish questions work best)\n{examples}\n\n{how}\n\n"
            "<b>Commands</b>\n/sources – sources of the last answer\n/reports – pick a report\n"
            "/about – reports, index version and model\n/help – this help"
        ),
        "how_private": "Type your question as an ordinary message.",
        "how_group": ("In a group I answer when you mention me ({mention}), reply to my "
                      "message, or type /ask followed by the question."),
        "no_reports": "(no reports indexed yet)",
        "about": ("<b>About the bot</b>\n<b>Reports</b>\n{reports}\n\n"
                  "Index version: <code>{version}</code>\nBuilt: {built}\n"
                  "Passages in the index: {passages}\nModel: <code>{model}</code>"),
        "report_line": "• <b>{title}</b> ({name}), {passages} passages, indexed {indexed}",
        "show_sources": "Show sources",
        "read_as": "Read as: {question}",
        "new_conversation": "New conversation: I have forgotten the earlier questions.",
        "reports": ("<b>Reports</b>\n{reports}\n\n{now}\nPick a report and I answer from it "
                    "alone (all its editions, the newest first), or every report."),
        "reports_one": "<b>Reports</b>\n{reports}\n\nThere is only one report to pick.",
        "report_series_line": "• <b>{name}</b> – editions: {editions}",
        "reports_chosen": "Right now I answer only from <b>{name}</b>.",
        "reports_all_now": "Right now I answer from every report.",
        "all_reports": "Every report",
        "chose_report": "From now on I answer only from <b>{name}</b>. /reports to change.",
        "chose_all": "From now on I answer from every report.",
        "report_gone": ("The report you picked is no longer indexed; I answer from every "
                        "report. /reports lists them."),
        "report_unknown": "I find no such report: {reason}",
        "vote_thanks": "Thank you! Your vote is saved.",
        "vote_gone": "That answer is no longer available; vote on a newer one.",
        "no_last_answer": "I have not answered anything here yet. Ask a question first!",
        "sources_gone": "Those sources are no longer available. Please ask again.",
        "ask_usage": "Type the question after the command, for example:\n/ask {example}",
        "too_long": "The question is too long ({length} characters). Keep it under {max}.",
        "rate_limited": ("You have asked many questions in a short time. Wait {seconds} "
                         "seconds and I will answer again."),
        "only_text": "I only understand questions written as text.",
        "unknown_command": "I do not know that command. Type /help for help.",
        "error": "Something went wrong while answering. Please try again in a moment.",
        "bad_question": "I could not ask that question: {reason}",
        "not_admin": "Only administrators can rebuild the index.",
        "reindex_started": "Rebuilding the index …",
        "reindex_joined": "A rebuild is already running; following it.",
        "reindex_progress": "Rebuilding the index: {stage} {done}/{total}",
        "reindex_done": ("Done: index {version} is now live ({passages} passages from "
                         "{documents} documents, {seconds} s)."),
        "reindex_not_swapped": "The index was built but not swapped in: {message}",
        "stage_waiting": "waiting for another build",
        "reindex_unchanged": "Done, but no new index was published: {message}",
        "reindex_failed": "The rebuild failed: {message}",
        "stage_documents": "reading documents",
        "stage_embedding": "embedding passages",
        "stage_writing": "writing the index",
    },
}


def lang_of(language_code: str | None) -> str:
    """The bot's language for a Telegram user's language code: English or else Swedish."""
    return "en" if (language_code or "").lower().startswith("en") else "sv"


def t(lang: str, key: str, **fields: object) -> str:
    """The text `key` in `lang` (Swedish fallback), with `fields` filled in."""
    table = TEXTS.get(lang, TEXTS["sv"])
    return table[key].format(**fields) if fields else table[key]
