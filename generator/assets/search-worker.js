// Material's search box, answered from Pagefind's index.
//
// Material talks to its search through a web worker named in the page's configuration,
// with four messages: SETUP (the index), READY, QUERY (the text typed) and RESULT. Its own
// worker needs the whole index, which every page downloads; this one speaks the same
// messages and asks Pagefind, whose index comes in small pieces fetched for each query.
// Nothing is downloaded until the first query; then only Pagefind's script, its
// WebAssembly, the index chunks for the words typed and the excerpts of the results shown.
"use strict";

const SETUP = 0;
const READY = 1;
const QUERY = 2;
const RESULT = 3;

const SHOWN = 20;           // results whose excerpts are fetched and listed
const SECTIONS = 3;         // headings listed under a result before "more"
const PAGEFIND = new URL("../../pagefind/pagefind.js", self.location.href).href;

let engine = null;          // Pagefind, once loaded
let latest = 0;             // the query being answered; older answers are dropped

self.addEventListener("message", ({ data: message }) => {
  if (message.type === SETUP) {
    self.postMessage({ type: READY });
  } else if (message.type === QUERY) {
    const ticket = ++latest;
    answer(message.data).then((result) => {
      if (ticket === latest) self.postMessage({ type: RESULT, data: result });
    }, (error) => {
      console.warn("Search failed:", error);
      if (ticket === latest) self.postMessage({ type: RESULT, data: { items: [] } });
    });
  }
});

function pagefind() {
  if (engine === null) {
    engine = import(PAGEFIND).then(async (module) => {
      await module.options({ excerptLength: 40 });
      await module.init();
      return module;
    });
    engine.catch(() => { engine = null; });  // try again on the next query
  }
  return engine;
}

async function answer(query) {
  const text = query.trim();
  if (text === "") return { items: [] };
  const search = await (await pagefind()).search(text);
  const words = text.split(/\s+/);
  const terms = Object.fromEntries(words.map((word) => [word, true]));
  const mark = marker(words);
  // A result whose excerpt cannot be fetched (offline, and never opened) is left out:
  // what is listed can be opened.
  const loaded = await Promise.allSettled(search.results.slice(0, SHOWN).map((result) => result.data()));
  const items = [];
  loaded.forEach((outcome, rank) => {
    if (outcome.status === "fulfilled") items.push(page(outcome.value, search.results[rank].score, terms, mark));
  });
  return { items };
}

// One result as Material draws it: the page first, then the headings where the words are.
function page(data, score, terms, mark) {
  const title = plain(data.meta.title || data.url);
  const group = [{ location: data.url, title: mark(escape(title)), text: mark(excerpt(data.excerpt, title)), score, terms }];
  // Headings below the title; the title's own anchor would repeat the page.
  const sections = (data.sub_results || []).filter((sub) => sub.url.includes("#") && sub.anchor?.element !== "h1");
  sections.forEach((sub, index) => {
    const heading = plain(sub.title);
    group.push({
      location: sub.url,
      title: mark(escape(heading)),
      text: mark(excerpt(sub.excerpt, heading)),
      // Sections scored as high as their page are listed; the rest go under "more".
      score: index < SECTIONS ? score : score / 2,
      terms,
    });
  });
  return group;
}

// Pagefind keeps its word breaks in the text (zero-width spaces) and the heading's
// permalink sign; neither belongs in what is shown.
function plain(text) {
  return text.replace(/\u200b/g, "").replace(/¶$/, "").trim();
}

// Excerpts arrive as HTML with the matches in <mark>. Pagefind ends each block of text
// with ". ", which in Chinese reads as a stray full stop, and starts a section's excerpt
// with its heading, which is already its title.
function excerpt(html, heading) {
  const text = (html || "").replace(/\u200b/g, "").replace(/(\p{Script=Han})\. /gu, "$1 ");
  const start = escape(heading);
  const visible = text.replace(/<\/?mark>/g, "");
  const body = start && visible.startsWith(start) ? dropVisible(text, start.length) : text;
  return body.replace(/^[，、。；：,.;:\s]+/, "");  // after the heading, or cut mid-sentence
}

// The HTML without its first `count` characters of text, marks kept balanced.
function dropVisible(html, count) {
  let i = 0;
  let open = false;
  for (let seen = 0; i < html.length && seen < count;) {
    if (html.startsWith("<mark>", i)) { open = true; i += 6; }
    else if (html.startsWith("</mark>", i)) { open = false; i += 7; }
    else { i += 1; seen += 1; }
  }
  return open ? "<mark>" + html.slice(i) : html.slice(i);
}

// Pagefind marks the pieces it split a Chinese query into (首 of 首问负责); where the
// words typed appear whole, mark them whole instead.
function marker(words) {
  const pattern = words.map((word) => escape(word).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|");
  const whole = new RegExp(pattern, "g");
  return (html) => {
    const text = html.replace(/<\/?mark>/g, "");
    whole.lastIndex = 0;
    return whole.test(text) ? text.replace(whole, "<mark>$&</mark>") : html;
  };
}

function escape(text) {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}
