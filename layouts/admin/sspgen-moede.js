// «Nyt møde»: a new meeting is filled on save the way `sspgen new moede` fills one.
//
// The facts come from admin/moedeudkast.json, which the build writes from the same Python
// code the command uses (sspgen/moede_udkast.py `grundlag`, sspgen/decap_moede.py). Only the
// steps that depend on the chosen date are done here, by the rules of `udkast_paa`:
// the template version in force on the day (the first whose period holds it), the fixed
// seats in force, and the invitation date: the date minus the notice, moved back to the
// previous working day when it falls on a weekend or a Danish day off.
//
// What the user typed wins; only what is empty is filled. The draft's text, with the
// template's hints as comments above each point's title, becomes the entry's original text
// (SOURCE_FIELD), so the custom format writes exactly it when the user changed nothing else,
// and otherwise changes only the user's values in it (sspgen-yaml.js).

import { SOURCE_FIELD } from "./sspgen-yaml.js";

const ORDER = ["id", "forum", "type", "dato", "tid", "slut", "sted", "status", "indkaldt", "deltagende_aktoerer", "dagsorden"];

function isoDay(date) {
  return date.toISOString().slice(0, 10);
}

function parseDay(text) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(text || ""));
  return match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
}

function inForce(period, day) {
  return (!period.fra || period.fra <= day) && (!period.til || day <= period.til);
}

// danish_calendar.previous_working_day: the day itself, or the nearest working day before it.
export function previousWorkingDay(day, daysOff) {
  const date = parseDay(day);
  while (date.getUTCDay() === 0 || date.getUTCDay() === 6 || isoDay(date) in daysOff) {
    date.setUTCDate(date.getUTCDate() - 1);
  }
  return isoDay(date);
}

function empty(value) {
  if (value === null || value === undefined) return true;
  if (typeof value === "string") return value.trim() === "";
  if (Array.isArray(value)) return value.length === 0;
  return false;
}

// The draft of `forumId`'s meeting on `day` (moede_udkast.udkast_paa): {data, hints}.
export function draft(facts, forumId, day) {
  const forum = facts.fora[forumId];
  const data = { id: `${day}-${forumId}`, forum: forumId, type: forum.type, dato: day, tid: forum.tid,
    slut: forum.slut, sted: forum.sted, status: "planlagt" };
  if (forum.varsel_dage) {
    const notice = parseDay(day);
    notice.setUTCDate(notice.getUTCDate() - forum.varsel_dage);
    data.indkaldt = previousWorkingDay(isoDay(notice), facts.fridage);
  }
  const participants = [];
  for (const seat of forum.deltagere) {
    if (inForce(seat, day) && !participants.includes(seat.aktoer)) participants.push(seat.aktoer);
  }
  data.deltagende_aktoerer = participants;
  const version = forum.skabeloner.find((candidate) => inForce(candidate, day));
  data.dagsorden = version ? version.punkter : [];
  for (const key of Object.keys(data)) if (empty(data[key])) delete data[key];
  return { data, hints: version ? version.hints : {} };
}

// with_hints: each point's hints as comment lines just above its title, at its indentation.
export function withHints(text, hints) {
  const lines = text.split("\n");
  const result = [];
  let inAgenda = false;
  let index = -1;
  for (const line of lines) {
    if (/^\S/.test(line)) inAgenda = line === "dagsorden:";
    else if (inAgenda && /^ {2}- /.test(line)) index += 1;
    const title = inAgenda && index >= 0 ? /^( {4}|( {2}- ))titel:/.exec(line) : null;
    if (title && hints[String(index)]) {
      for (const hint of hints[String(index)]) result.push(`    # ${hint}`);
    }
    result.push(line);
  }
  return result.join("\n");
}

// The draft's text as `sspgen new moede` writes it: schema line, keys in its order, hints.
export function draftText(YAML, head, data, hints) {
  const ordered = {};
  for (const key of ORDER) if (key in data) ordered[key] = data[key];
  return withHints(`${head}${YAML.stringify(ordered)}`, hints);
}

// The entry's data on save: the user's values over the draft, with the draft's text as the
// original; an Error with a Danish message when the meeting cannot be created.
export function fillNewMeeting(YAML, facts, entered) {
  const forumId = entered.forum;
  const day = entered.dato;
  if (empty(forumId)) return entered; // the form requires a forum before it saves
  if (!facts.fora[forumId]) {
    // A forum added after the form was built (or after `make cms` started): nothing to fill from.
    if (!empty(entered.id)) return entered;
    throw new Error(`Formularen kender ikke forummet «${forumId}» endnu, så den kan ikke udfylde mødet. `
      + "Skriv selv mødets id (datoen og forummets id, fx 2026-09-01-netvaerk), eller byg sitet igen.");
  }
  if (empty(day) || !parseDay(day)) throw new Error("Vælg mødets dato; mødets id dannes af datoen og forummet.");
  const same = facts.moeder.find((meeting) => meeting.forum === forumId && meeting.dato === day);
  const id = empty(entered.id) ? `${day}-${forumId}` : entered.id;
  if (same) {
    throw new Error(`Forummet har allerede et møde den ${day.split("-").reverse().join(".")} (${same.id}). `
      + "Ret det eksisterende møde, eller vælg en anden dato.");
  }
  const taken = facts.moeder.find((meeting) => meeting.id === id);
  if (taken) throw new Error(`Der findes allerede et møde med id'et «${id}». Ret det møde, eller vælg en anden dato.`);
  const { data, hints } = draft(facts, forumId, day);
  const head = entered[SOURCE_FIELD] || "";
  const result = { ...data };
  for (const [key, value] of Object.entries(entered)) {
    if (key === SOURCE_FIELD || empty(value)) continue;
    // «intern» is the model's default: `sspgen new moede` leaves it out, and so does the form.
    if (key === "synlighed" && value === "intern") continue;
    result[key] = value;
  }
  result.id = id;
  result[SOURCE_FIELD] = draftText(YAML, head, data, hints);
  return result;
}

let factsPromise = null;

function loadFacts() {
  factsPromise = factsPromise || fetch("moedeudkast.json", { cache: "no-cache" }).then((response) => {
    if (!response.ok) throw new Error("Formularen mangler moedeudkast.json; byg sitet igen med «sspgen build».");
    return response.json();
  });
  return factsPromise;
}

// Decap's preSave event: `entry` is an Immutable Map; the handler returns the new data.
export function registerNewMeeting(CMS, YAML) {
  CMS.registerEventListener({
    name: "preSave",
    handler: async ({ entry }) => {
      if (entry.get("collection") !== "moeder") return undefined;
      const data = entry.get("data");
      if (!entry.get("newRecord")) {
        // The id field may be left empty for a new meeting; an existing one keeps its own.
        return empty(data.get("id")) ? data.set("id", entry.get("slug")) : undefined;
      }
      const facts = await loadFacts();
      const filled = fillNewMeeting(YAML, facts, data.toJS());
      return data.clear().merge(filled);
    },
  });
}
