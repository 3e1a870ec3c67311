// Material's search box, answered from Pagefind's index.
//
// Material talks to its search through a web worker named in the page's configuration,
// with four messages: SETUP (the index), READY, QUERY (the text typed) and RESULT. Its own
// worker needs the whole index, which every page downloads; this one speaks the same
// messages and asks Pagefind, whose index comes in small pieces fetched for each query.
// Nothing is downloaded until the first query; then only Pagefind's script, its
// WebAssembly, the index chunks for the words typed and the excerpts of the results shown.
// A large site's index comes in parts (generator/pagefind.py): the first part's script
// searches them all (Pagefind's mergeIndex) and lists their results by score.
//
// What Pagefind does not do in a worker, done here: a Chinese phrase is split into words
// when the phrase itself is not a word of the index (in a page Pagefind splits every
// query, seeing <html lang="zh">; a worker has no page); a query typed in Traditional characters (投訴) is searched in Simplified (投诉), the script
// the site is written in, through OpenCC's character table (generator/opencc_table.py;
// 10 KB gzipped, fetched with the first Chinese query); and pages that contain the query
// word for word come first.
"use strict";

const SETUP = 0;
const READY = 1;
const QUERY = 2;
const RESULT = 3;

const SHOWN = 20;           // results whose excerpts are fetched and listed
const PEEK = 5;             // results looked at before the query is split into words
const SECTIONS = 3;         // headings listed under a result before "more"
const PAGEFIND = new URL("../../pagefind/pagefind.js", self.location.href).href;
// The folders of the site-wide index's other parts, filled in by the build when it has any.
const MORE_PARTS = [];
// The offline pack's own index, over the pages the pack holds (generator/offline_pack.py):
// searched when the site-wide index cannot be reached.
const PAGEFIND_OFFLINE = new URL("../../pagefind-offline/pagefind.js", self.location.href).href;
const TRADITIONAL = new URL("vendor/opencc-ts.json", self.location.href).href;
const HAN = /\p{Script=Han}/u;

let engine = null;          // Pagefind, once loaded
let offline = false;        // whether it is the offline pack's index
let table = null;           // Traditional → Simplified, once loaded
let language = "zh";        // the site's, as Material's search configuration gives it
let latest = 0;             // the query being answered; older answers are dropped

self.addEventListener("message", ({ data: message }) => {
  if (message.type === SETUP) {
    language = message.data?.config?.lang?.[0] || language;
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

// The site-wide index while the network answers; the offline pack's once it does not
// (offline, the site-wide one's script or chunks cannot be fetched: the service worker
// leaves them to the network).
function pagefind() {
  if (engine === null) {
    offline = self.navigator.onLine === false;
    engine = (offline ? Promise.reject(new Error("offline")) : load(PAGEFIND, MORE_PARTS)).catch(() => {
      offline = true;
      return load(PAGEFIND_OFFLINE);
    });
    engine.catch(() => { engine = null; });  // try again on the next query
  }
  return engine;
}

// Pagefind from its script at url, with the index's other parts (folders in the site).
async function load(url, parts = []) {
  const module = await import(url);
  const options = { excerptLength: 40 };
  await module.options(options);
  await module.init();
  try {
    await Promise.all(parts.map((folder) => module.mergeIndex(new URL(`../../${folder}`, self.location.href).href, options)));
  } catch (error) {
    await module.destroy();  // a part missing: not a search over some of the parts
    throw error;
  }
  return module;
}

// A query the site-wide index could not answer (its chunks unreachable) is asked again of
// the offline pack's index.
async function ask(text) {
  const module = await pagefind();
  try {
    return await module.search(text);
  } catch (error) {
    if (offline) throw error;
    offline = true;
    engine = load(PAGEFIND_OFFLINE);
    engine.catch(() => { engine = null; });
    return (await engine).search(text);
  }
}

// The character table, as {Traditional: Simplified}: the file lists the Traditional
// characters as base-36 differences of code points and the Simplified ones as a string.
function traditional() {
  if (table === null) {
    table = fetch(TRADITIONAL).then((response) => {
      if (!response.ok) throw new Error(`${response.status} ${TRADITIONAL}`);
      return response.json();
    }).then((data) => {
      const map = new Map();
      const simplified = Array.from(data.simplified);
      let code = 0;
      data.traditional.split(",").forEach((delta, index) => {
        code += parseInt(delta, 36);
        map.set(String.fromCodePoint(code), simplified[index]);
      });
      return map;
    });
    table.catch(() => { table = null; });  // try again on the next query
  }
  return table;
}

// The query in Simplified characters; as typed when the table cannot be had.
async function simplified(text) {
  if (!HAN.test(text)) return text;
  const map = await traditional().catch((error) => {
    console.warn("Search: no Traditional→Simplified table:", error);
    return new Map();
  });
  return Array.from(text, (char) => map.get(char) ?? char).join("");
}

async function answer(query) {
  const text = await simplified(query.trim());
  if (text === "") return { items: [] };
  const words = text.split(/\s+/);
  const terms = Object.fromEntries(words.map((word) => [word, true]));
  const mark = marker(words);
  // Pagefind in a worker does not know the site's language, so it takes a Chinese query
  // as one word: right for a word of the index (禁语), wrong for a phrase (这不归我管),
  // which then finds pages that merely share a character. So the query as typed first;
  // when none of its first results contains it, the query split into words.
  let search = await ask(text);
  let found = await loaded(search, 0, PEEK);
  const split = segmented(text);
  const asTyped = split === text || found.some(({ data }) => contains(data, text));
  if (!asTyped) {
    search = await ask(split);
    found = await loaded(search, 0, PEEK);
  }
  found = found.concat(await loaded(search, PEEK, SHOWN));
  if (asTyped && words.length === 1 && !offline && MORE_PARTS.length > 0) found = withoutStandIns(found, text);
  return { items: wordForWordFirst(found, text).map(({ data, score }) => page(data, score, terms, mark)) };
}

// Pagefind answers a word that is not one of its index's words with pages that share the
// word's first characters (沙 for 沙池). One index does so only for a word no page has as a
// word; in parts, also for a word some parts have, and such pages would be listed among the
// pages that have the word. So with parts, once pages contain the word, only they are listed.
function withoutStandIns(found, text) {
  const word = squeezed(text).toLowerCase();
  const whole = found.filter(({ data }) => squeezed(data.content || "").toLowerCase().includes(word));
  return whole.length > 0 ? whole : found;
}

// Results from..to with their pages' data. A result whose data cannot be fetched (offline,
// and never opened) is left out: what is listed can be opened.
async function loaded(search, from, to) {
  const results = search.results.slice(from, to);
  const outcomes = await Promise.allSettled(results.map((result) => result.data()));
  const found = [];
  outcomes.forEach((outcome, index) => {
    if (outcome.status === "fulfilled") found.push({ data: outcome.value, score: results[index].score });
  });
  return found;
}

// The query with spaces between its words, as Pagefind splits it in a page whose
// language needs it (Chinese has no spaces): 这不归我们管 → 这 不 归 我们 管.
function segmented(text) {
  if (!HAN.test(text) || typeof Intl.Segmenter === "undefined") return text;
  const words = new Intl.Segmenter(language, { granularity: "word" }).segment(text);
  return Array.from(words, ({ segment }) => segment).join(" ").replace(/\s+/g, " ").trim();
}

// Pagefind ranks by the words a query splits into, so a page with the whole phrase
// (不归你管) can rank below pages that only share its words. Pages that contain the query
// word for word move to the top, in Pagefind's order, scored at least as high as the
// pages they passed.
function wordForWordFirst(found, text) {
  if ([...squeezed(text)].length < 2) return found;
  const whole = found.filter(({ data }) => contains(data, text));
  const rest = found.filter((result) => !whole.includes(result));
  const passed = Math.max(...rest.map(({ score }) => score));
  return [...whole.map(({ data, score }) => ({ data, score: Math.max(score, passed) })), ...rest];
}

function contains(data, text) {
  return squeezed(data.content || "").includes(squeezed(text));
}

// Text compared without spaces, line breaks or Pagefind's word breaks (zero-width spaces).
function squeezed(text) {
  return text.replace(/[\s\u200b]+/g, "");
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
