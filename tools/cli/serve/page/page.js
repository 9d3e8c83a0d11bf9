// faqsearch's instant-search page. No framework and no build step: a store may copy this file.
//
// Text from the index never goes through innerHTML: titles and snippets arrive as the library's
// to_html rendering (escaped text and <mark> tags), which highlighted() turns into text nodes
// and <mark> elements; everything else is set as textContent.
"use strict";

const DEBOUNCE_MS = 150;
const RTL_LANGUAGES = new Set(["ar", "fa", "he", "ur", "ps", "sd", "ug", "yi", "dv", "ckb"]);
const FACET_FIELDS = [
  { key: "category", param: "category", legend: "Category" },
  { key: "section", param: "section", legend: "Section" },
  { key: "tag", param: "tag", legend: "Tag" },
  { key: "lang", param: "hit_lang", legend: "Language" },
];

const $ = (id) => document.getElementById(id);
const state = {
  filters: { category: new Set(), section: new Set(), tag: new Set(), lang: new Set() },
  hits: [],
  active: -1,
  sequence: 0,            // answers to older keystrokes are dropped
  controller: null,       // the search in flight, aborted by the next keystroke
  timer: 0,
  hasSuggest: true,       // false once the service answered /suggest with 404
  hasRelated: true,
};

const displayNames = (() => {
  try { return new Intl.DisplayNames([navigator.language || "en", "en"], { type: "language" }); }
  catch { return null; }
})();
function languageName(tag) {
  try { return (displayNames && displayNames.of(tag)) || tag; } catch { return tag; }
}
function direction(tag) {
  return RTL_LANGUAGES.has(String(tag || "").toLowerCase().split("-")[0]) ? "rtl" : "ltr";
}

// The library's to_html output ("&lt;b&gt; <mark>word</mark>…") as DOM nodes: <mark> tags
// become elements, everything between them text, so no other markup can ever be created.
const ENTITIES = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'" };
function highlighted(html) {
  const fragment = document.createDocumentFragment();
  let parent = fragment;
  for (const part of String(html).split(/(<mark>|<\/mark>)/)) {
    if (part === "<mark>") { parent = fragment.appendChild(document.createElement("mark")); continue; }
    if (part === "</mark>") { parent = fragment; continue; }
    if (part) parent.appendChild(document.createTextNode(part.replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e])));
  }
  return fragment;
}

function element(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "text") node.textContent = value;
    else if (key in node && !key.startsWith("aria")) node[key] = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) node.append(child);
  return node;
}

async function getJson(url, signal) {
  const response = await fetch(url, { signal, headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = new Error((body.error && body.error.message) || response.statusText);
    error.status = response.status;
    throw error;
  }
  return body;
}

function searchUrl(query) {
  const params = new URLSearchParams({ q: query, facets: "1", limit: "10" });
  const lang = $("language").value;
  if (lang) params.set("lang", lang);
  for (const field of FACET_FIELDS) {
    const chosen = [...state.filters[field.key]];
    if (chosen.length) params.set(field.param, chosen.join(","));
  }
  return "/search?" + params.toString();
}

function scheduleSearch() {
  clearTimeout(state.timer);
  state.timer = setTimeout(runSearch, DEBOUNCE_MS);
}

async function runSearch() {
  const query = $("query").value;
  const sequence = ++state.sequence;
  if (state.controller) state.controller.abort();
  state.controller = new AbortController();
  showResultsView();
  if (!query.trim()) { clearResults(); return; }
  loadSuggestions(query, sequence);
  try {
    const results = await getJson(searchUrl(query), state.controller.signal);
    if (sequence !== state.sequence) return;
    renderResults(results);
  } catch (error) {
    if (error.name === "AbortError" || sequence !== state.sequence) return;
    clearResults();
    $("status").textContent = "Search failed: " + error.message;
  }
}

function clearResults() {
  state.hits = [];
  setActive(-1);
  $("results").replaceChildren();
  delete $("results").dataset.query;
  $("status").textContent = "";
  $("did-you-mean").hidden = true;
  $("facets").hidden = true;
  $("suggestions").hidden = true;
  $("query").setAttribute("aria-expanded", "false");
}

function renderResults(results) {
  state.hits = results.hits || [];
  const list = $("results");
  list.replaceChildren(...state.hits.map(renderHit));
  list.dataset.query = results.query;  // which query the list answers (tests and styling read it)
  $("query").setAttribute("aria-expanded", state.hits.length ? "true" : "false");
  setActive(-1);
  const total = results.total || 0;
  $("status").textContent = total
    ? `${total} result${total === 1 ? "" : "s"}` + (typeof results.took_ms === "number" ? ` (${results.took_ms.toFixed(1)} ms)` : "")
    : emptyMessage(results);
  renderDidYouMean(results.did_you_mean);
  renderFacets(results.facets);
}

// The diagnosis (when the service gives one) says why nothing matched.
function emptyMessage(results) {
  const diagnosis = results.diagnosis;
  if (diagnosis && typeof diagnosis === "object") {
    const reason = diagnosis.message || diagnosis.reason;
    if (reason) return "No results: " + String(reason).replace(/_/g, " ") + ".";
  }
  return "No results. Try other words, or another language.";
}

function renderHit(hit, index) {
  const dir = direction(hit.lang);
  const title = element("p", { className: "hit-title" }, [highlighted(hit.title_html || "")]);
  const meta = element("p", { className: "meta", text: [hit.category, hit.section].filter(Boolean).join(" · ") });
  if (hit.fallback) meta.append(element("span", { className: "badge", text: "shown in " + languageName(hit.lang) }));
  const children = [title];
  if (hit.snippet_html) children.push(element("p", { className: "hit-snippet" }, [highlighted(hit.snippet_html)]));
  children.push(meta);
  const item = element("li", { className: "hit", id: "hit-" + index, role: "option", "aria-selected": "false",
                               lang: hit.lang, dir }, children);
  item.addEventListener("click", () => openArticle(hit.id, hit.lang));
  return item;
}

function setActive(index) {
  state.active = index;
  const items = $("results").children;
  for (let i = 0; i < items.length; i++) items[i].setAttribute("aria-selected", i === index ? "true" : "false");
  const input = $("query");
  if (index >= 0 && items[index]) {
    input.setAttribute("aria-activedescendant", items[index].id);
    items[index].scrollIntoView({ block: "nearest" });
  } else {
    input.removeAttribute("aria-activedescendant");
  }
}

// did_you_mean: {"query": "...", "changed": [[begin, end], ...]} with UTF-8 byte ranges.
function renderDidYouMean(suggestion) {
  const box = $("did-you-mean");
  if (!suggestion || !suggestion.query) { box.hidden = true; return; }
  const bytes = new TextEncoder().encode(suggestion.query);
  const decoder = new TextDecoder();
  const button = element("button", { type: "button" });
  let position = 0;
  for (const [begin, end] of suggestion.changed || []) {
    if (begin < position || end > bytes.length) continue;
    button.append(decoder.decode(bytes.slice(position, begin)));
    button.append(element("b", { text: decoder.decode(bytes.slice(begin, end)) }));
    position = end;
  }
  button.append(decoder.decode(bytes.slice(position)));
  button.addEventListener("click", () => { $("query").value = suggestion.query; runSearch(); });
  box.replaceChildren("Did you mean ", button, "?");
  box.hidden = false;
}

function renderFacets(facets) {
  const aside = $("facets");
  if (!facets) { aside.hidden = true; return; }
  const sets = [];
  for (const field of FACET_FIELDS) {
    const counts = Object.entries(facets[field.key] || {}).sort((a, b) => b[1] - a[1]);
    const chosen = state.filters[field.key];
    if (!counts.length && !chosen.size) continue;
    const options = counts.map(([value, count]) => {
      const box = element("input", { type: "checkbox", checked: chosen.has(value) });
      box.addEventListener("change", () => {
        if (box.checked) chosen.add(value); else chosen.delete(value);
        runSearch();
      });
      const label = field.key === "lang" ? languageName(value) : value;
      return element("label", {}, [box, " " + label + " ", element("span", { className: "count", text: `(${count})` })]);
    });
    sets.push(element("fieldset", {}, [element("legend", { text: field.legend }), ...options]));
  }
  aside.replaceChildren(...sets);
  aside.hidden = sets.length === 0;
}

// Suggestions under the box, from /suggest when the service has it (a 404 turns them off).
async function loadSuggestions(query, sequence) {
  const list = $("suggestions");
  if (!state.hasSuggest) return;
  const params = new URLSearchParams({ q: query });
  if ($("language").value) params.set("lang", $("language").value);
  try {
    const answer = await getJson("/suggest?" + params.toString(), state.controller.signal);
    if (sequence !== state.sequence) return;
    const items = (answer.completions || []).slice(0, 8).map((c) => c.query || "");
    list.replaceChildren(...items.filter(Boolean).map((text) => {
      const button = element("button", { type: "button", text });
      button.addEventListener("click", () => { $("query").value = text; runSearch(); $("query").focus(); });
      return element("li", {}, [button]);
    }));
    list.hidden = list.children.length === 0;
  } catch (error) {
    if (error.status === 404 || error.status === 405) state.hasSuggest = false;
    list.hidden = true;
  }
}

async function openArticle(id, lang) {
  try {
    const answer = await getJson(`/articles/${encodeURIComponent(id)}?lang=${encodeURIComponent(lang)}`);
    showArticle(answer.translations[0]);
  } catch (error) {
    $("status").textContent = "Could not open the article: " + error.message;
  }
}

function showArticle(article) {
  const view = $("article");
  view.lang = article.lang;
  view.dir = direction(article.lang);
  $("article-title").textContent = article.title;
  $("article-meta").textContent = [article.category, article.section, languageName(article.lang)].filter(Boolean).join(" · ");
  const paragraphs = String(article.body).split(/\n+/).filter((p) => p.trim());  // importers keep one line a paragraph
  $("article-body").replaceChildren(...paragraphs.map((text) => element("p", { text })));
  $("facets").hidden = true;
  document.querySelector(".results-pane").hidden = true;
  view.hidden = false;
  $("back").focus();
  loadRelated(article.id, article.lang);
}

function showResultsView() {
  $("article").hidden = true;
  document.querySelector(".results-pane").hidden = false;
}

// Related articles, from /related when the service has it (a 404 hides the section).
async function loadRelated(id, lang) {
  const section = $("related");
  section.hidden = true;
  if (!state.hasRelated) return;
  try {
    const params = new URLSearchParams({ id, lang });
    const answer = await getJson("/related?" + params.toString());
    const hits = answer.hits || answer.related || [];
    $("related-list").replaceChildren(...hits.map((hit) => {
      const link = element("a", { href: "#", lang: hit.lang, dir: direction(hit.lang), text: hit.title });
      link.addEventListener("click", (event) => { event.preventDefault(); openArticle(hit.id, hit.lang); });
      return element("li", {}, [link]);
    }));
    section.hidden = hits.length === 0;
  } catch (error) {
    if (error.status === 404 || error.status === 405) state.hasRelated = false;
  }
}

function onKeyDown(event) {
  // While an input method composes (Japanese, Chinese, Korean), Enter commits its conversion and
  // the arrows pick a candidate: those keys are the IME's, not the result list's.
  if (event.isComposing || event.keyCode === 229) return;
  const count = state.hits.length;
  if (event.key === "ArrowDown" && count) {
    event.preventDefault();
    setActive((state.active + 1) % count);
  } else if (event.key === "ArrowUp" && count) {
    event.preventDefault();
    setActive(state.active <= 0 ? count - 1 : state.active - 1);
  } else if (event.key === "Enter") {
    event.preventDefault();
    const hit = state.hits[state.active >= 0 ? state.active : 0];
    if (hit) openArticle(hit.id, hit.lang);
  } else if (event.key === "Escape") {
    if (!$("article").hidden) { showResultsView(); return; }
    $("query").value = "";
    clearResults();
  }
}

async function loadLanguages() {
  try {
    const stats = await getJson("/stats");
    const select = $("language");
    for (const tag of stats.languages || []) select.append(element("option", { value: tag, text: languageName(tag) }));
  } catch { /* the selector keeps "Any language" */ }
}

// The page's own words are English and stay left-to-right; what shows articles (results, the
// article view, filters) takes the chosen language's direction. Each hit and article also sets
// its own, since fallbacks and "Any language" mix scripts.
function setContentDirection() {
  const lang = $("language").value;
  const main = document.querySelector("main");
  main.lang = lang || "en";
  main.dir = direction(lang);
}

document.addEventListener("DOMContentLoaded", () => {
  $("search-form").addEventListener("submit", (event) => { event.preventDefault(); runSearch(); });
  $("query").addEventListener("input", scheduleSearch);
  $("query").addEventListener("keydown", onKeyDown);
  $("language").addEventListener("change", () => { setContentDirection(); runSearch(); });
  $("back").addEventListener("click", () => { showResultsView(); $("query").focus(); });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !$("article").hidden) { showResultsView(); $("query").focus(); }
  });
  loadLanguages();
  $("query").focus();
});
