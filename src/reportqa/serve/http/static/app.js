"use strict";
const T = {
  sv: {
    title: "Fråga rapporten", intro: "Ställ en fråga om rapporten. Svaret citeras ur rapporten, med källa.",
    label: "Din fråga", ask: "Fråga", asking: "Söker…", toggle: "English", indexed: "Indexerat",
    placeholder: "Hur många personer sysselsätter industrin?",
    examples: ["Hur många personer sysselsätter industrin?", "Hur mycket omsätter turismbranschen?",
               "Vad är IUC-Z group?"],
    notFound: "Det står inte i rapporten.",
    notFoundHint: "Jag hittade inget svar på frågan i rapporten. Närmast kommer:",
    nearest: "Närmaste avsnitt (inget av dem svarar på frågan)",
    readAs: "Tolkat som", newQuestion: "Ny fråga", earlier: "Tidigare i samtalet",
    good: "Bra svar", bad: "Dåligt svar", thanks: "Tack för din återkoppling!",
    sources: "Källor", source: "Källa", section: "avsnitt", page: "sida",
    confidence: "säkerhet", passages: "passager", error: "Något gick fel", emptyQ: "Skriv en fråga först.",
    network: "Kunde inte nå servern."
  },
  en: {
    title: "Ask the report", intro: "Ask a question about the report. The answer is quoted from the report, with its source.",
    label: "Your question", ask: "Ask", asking: "Searching…", toggle: "Svenska", indexed: "Indexed",
    placeholder: "How many people does the manufacturing industry employ?",
    examples: ["How many people does the industry employ?", "Hur många personer sysselsätter industrin?",
               "What is IUC-Z group?"],
    notFound: "Not in the report.",
    notFoundHint: "I found no answer to this question in the report. The nearest passages are:",
    nearest: "Nearest sections (none of them answers the question)",
    readAs: "Read as", newQuestion: "New question", earlier: "Earlier in this conversation",
    good: "Good answer", bad: "Bad answer", thanks: "Thank you for your feedback!",
    sources: "Sources", source: "Source", section: "section", page: "page",
    confidence: "confidence", passages: "passages", error: "Something went wrong", emptyQ: "Type a question first.",
    network: "Could not reach the server."
  }
};
let lang = (localStorage.getItem("reportqa-lang") === "en") ? "en" : "sv";
let last = null;  // the last rendered result, re-rendered when the language changes
// The conversation so far, sent with each question so follow-ups ("Och turismen?") are
// understood; kept in the page only (a reload or "Ny fråga" starts over).
let conversation = [];  // [{question, answer, resolved}]
const HISTORY_MAX = 10;
const $ = (id) => document.getElementById(id);

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  for (const c of children) if (c !== null && c !== undefined) e.append(c);
  return e;
}

// The passage with the answering sentence highlighted (text nodes only: no HTML injection).
function highlighted(text, sentence) {
  const p = el("p", {class: "passage"});
  const i = sentence ? text.indexOf(sentence) : -1;
  if (i < 0) { p.append(text); return p; }
  p.append(text.slice(0, i), el("mark", {}, sentence), text.slice(i + sentence.length));
  return p;
}

// Figures: 5 300, 12,5 %, 1,2 miljarder kronor, 400 mnkr. A year alone (2019) is a figure only
// when the sentence has no other.
const FIGURE = /\d[\d\u00a0\u202f ]*(?:[.,]\d+)?(?:\s?(?:%|(?:procent|kronor|kr|mnkr|mkr|tkr|miljoner|miljarder|millions?|billions?|personer|people|företag|st)(?![a-zåäöé])))*/gi;
const YEAR = /^(1[89]|20)\d\d$/;

// The answer sentence with its key figures in <strong> (text nodes only: no HTML injection).
function emphasised(text) {
  const p = el("p", {class: "answer"});
  const found = [...text.matchAll(FIGURE)].filter((m) => /\d/.test(m[0]));
  const nonYears = found.filter((m) => !YEAR.test(m[0].trim()));
  const keep = nonYears.length ? nonYears : found;
  let at = 0;
  for (const m of keep) {
    const figure = m[0].trimEnd();
    p.append(text.slice(at, m.index), el("strong", {class: "figure"}, figure));
    at = m.index + figure.length;
  }
  p.append(text.slice(at));
  return p;
}

function where(s) {
  const t = T[lang];
  const parts = [s.title];
  if (s.section) parts.push(`${t.section} ”${s.section}”`);
  if (s.page) parts.push(`${t.page} ${s.page}`);
  return el("span", {class: "where"}, parts.join(", "), " ", el("small", {}, `(${s.document})`));
}

function render() {
  const t = T[lang];
  document.documentElement.lang = lang;
  document.title = t.title + " – reportqa";
  for (const e of document.querySelectorAll("[data-t]")) e.textContent = t[e.dataset.t];
  $("lang").textContent = t.toggle;
  $("new").textContent = t.newQuestion;
  $("new").hidden = conversation.length === 0;
  $("q").placeholder = t.placeholder;
  $("q").setAttribute("aria-label", t.label);
  const ex = $("examples");
  ex.replaceChildren(...t.examples.map((q) => {
    const b = el("button", {type: "button"}, q);
    b.addEventListener("click", () => { $("q").value = q; ask(q); });
    return b;
  }));
  const out = $("result");
  if (!last) { out.replaceChildren(); return; }
  if (last.error) {
    out.replaceChildren(el("div", {class: "card error", role: "alert", id: "error"},
      el("strong", {}, t.error + ": "), last.error));
    return;
  }
  const r = last.data;
  const card = el("div", {class: r.found ? "card found" : "card notfound", id: "answer"},
    el("p", {class: "question"}, r.question));
  if (r.resolved_question) {
    card.append(el("p", {class: "readas", id: "readas"}, `${t.readAs}: ${r.resolved_question}`));
  }
  if (r.found) {
    card.append(emphasised(r.answer));
    if (r.sources.length) {
      const s = r.sources[0];
      card.append(el("div", {class: "meta", id: "source"}, `${t.source}: `, where(s)));
    }
  } else {
    card.append(el("p", {class: "answer"}, t.notFound),
                el("p", {class: "meta"}, t.notFoundHint));
  }
  card.append(el("div", {class: "meta"},
    `${t.confidence} ${Math.round(r.confidence * 100)} % · ${Math.round(r.took_ms)} ms`));
  card.append(votes(r));
  // A declined answer's sources are only the nearest sections: listed plainly, no highlight.
  const list = el("ol", {class: r.found ? "sources" : "sources nearest", id: "sources"},
    ...r.sources.map((s) => el("li", {}, el("div", {}, where(s)),
      r.found ? highlighted(s.text, s.sentence) : el("p", {class: "passage"}, s.text))));
  const heading = el("h2", {}, r.found ? t.sources : t.nearest);
  const earlier = conversation.slice(0, -1);
  const before = earlier.length ? [el("details", {class: "earlier", id: "earlier"},
    el("summary", {}, `${t.earlier} (${earlier.length})`),
    el("ol", {}, ...earlier.map((turn) => el("li", {}, el("strong", {}, turn.question), " – ",
      turn.answer || t.notFound))))] : [];
  out.replaceChildren(...before, card, ...(r.sources.length ? [heading, list] : []));
}

// 👍 / 👎 under an answer: POST /feedback with the answer's id.
function votes(r) {
  const t = T[lang];
  const box = el("div", {class: "votes", id: "votes"});
  if (!r.answer_id) return box;
  if (r.voted) { box.append(el("span", {class: "thanks"}, t.thanks)); return box; }
  for (const [vote, label, glyph] of [["up", t.good, "👍"], ["down", t.bad, "👎"]]) {
    const b = el("button", {type: "button", class: "vote", "data-vote": vote,
                            "aria-label": label, title: label}, glyph);
    b.addEventListener("click", async () => {
      try {
        const res = await fetch("/feedback", {method: "POST",
          headers: {"Content-Type": "application/json"},
          body: JSON.stringify({answer_id: r.answer_id, vote})});
        if (res.ok) { r.voted = vote; render(); }
      } catch (e) { /* the vote is optional; the answer stays */ }
    });
    box.append(b);
  }
  return box;
}

function newConversation() {
  conversation = [];
  last = null;
  $("q").value = "";
  render();
  $("q").focus();
}

async function ask(question) {
  const t = T[lang];
  question = question.trim();
  if (!question) { last = {error: t.emptyQ}; render(); return; }
  const btn = $("ask");
  btn.disabled = true; btn.textContent = t.asking;
  try {
    const res = await fetch("/ask", {
      method: "POST", headers: {"Content-Type": "application/json"},
      body: JSON.stringify({question, top_k: 3, history: conversation.slice(-HISTORY_MAX)
        .map((turn) => ({question: turn.question, answer: turn.answer}))})
    });
    const body = await res.json().catch(() => null);
    if (!res.ok) {
      last = {error: (body && body.error && body.error.message) || `HTTP ${res.status}`};
    } else {
      last = {data: body};
      conversation.push({question, answer: body.answer, resolved: body.resolved_question});
      $("q").value = "";
    }
  } catch (e) {
    last = {error: t.network};
  } finally {
    btn.disabled = false; btn.textContent = T[lang].ask;
  }
  render();
}

async function loadDocuments() {
  try {
    const res = await fetch("/documents");
    if (!res.ok) { $("docs").textContent = "–"; return; }
    const body = await res.json();
    $("docs").textContent = body.documents.map((d) =>
      `${d.title} (${d.passages} ${T[lang].passages})`).join("; ") || "–";
  } catch (e) { $("docs").textContent = "–"; }
}

$("form").addEventListener("submit", (ev) => { ev.preventDefault(); ask($("q").value); });
$("new").addEventListener("click", newConversation);
$("lang").addEventListener("click", () => {
  lang = lang === "sv" ? "en" : "sv";
  localStorage.setItem("reportqa-lang", lang);
  render(); loadDocuments();
});
render();
loadDocuments();
