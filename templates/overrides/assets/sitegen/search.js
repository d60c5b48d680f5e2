/*
 * sitegen search: a lunr index prebuilt by lunr.py (sitegen/search.py), loaded in parts.
 *
 * search/index.json (manifest) lists term shards (search/t/N.json, consecutive terms) and
 * doc-store chunks (search/d/N.json). A query fetches lunr.js, the manifest, the shards
 * holding its terms and the chunks of the results it shows - nothing before the first
 * focus. The shards are re-assembled into a lunr.Index (lunr.js 2.3.9, the version
 * lunr.py 0.8 targets) whose inverted index and field vectors hold exactly the loaded
 * terms: lunr scores a document by dot(query, field vector) / |query|, so vectors
 * restricted to the query's terms give the same scores as the whole index.
 *
 * Paper data is only ever inserted with textContent / text nodes, never innerHTML.
 * Works under a sub-path (URLs resolve against Material's __config.base) and with
 * navigation.instant (the header survives navigation; document$ re-checks ?q=).
 */
(function () {
  "use strict";

  var PAGE = 10;
  // A word of paper text, for highlighting: with the accents fold takes off when they are written apart
  // ("Pade\u0301"), so the whole word is marked. Only ever read through match and matchAll, never exec: matchAll
  // starts where the last exec stopped (its lastIndex), so an exec loop left early made later highlights miss words.
  var WORD = /[\p{L}\p{N}][\p{L}\p{N}\u0300-\u036f]*/gu;
  var config = JSON.parse(document.getElementById("__config").textContent);
  var root = new URL(String(config.base).replace(/\/?$/, "/"), location.href);

  var store = {
    manifest: null, lunr: null, shards: {}, chunks: {}, terms: [], inverted: {},
    vectors: {}, built: {}, pending: {}, dirty: true, vocabulary: null, words: null, near: Object.create(null),
    years: null
  };
  store.fieldVectors = new Proxy({}, { get: function (_, key) { return fieldVector(key); } });
  var PAGES = "~pages"; // theme id of a project's own pages in the index (sitegen/search.py PAGES)
  // year: the year filter's choice ("": all); typed: the year typed in the query (yearQuery) when it last ran;
  // yearFromQuery: the year chosen is the one typed (chooseFilters). done: the seq whose results are on screen;
  // enter: the text Enter was pressed on while its search ran (openTop), else null; scroll: where the open results
  // were scrolled to (keepScroll); running: the seq whose search has not yet given its hits (refilter, showMore),
  // else 0. pinned: the year of the address (&year=2023, or "all") its search has not yet chosen (chooseFilters),
  // else null; opened: the address of the result opened from the list on screen (focusOpened), else null.
  // picked: a theme or year was picked while a search ran (refilter) and no list has been drawn since (renderList);
  // unavailable: the seq of the query's own search that failed (run), which Enter searches again while nothing has
  // been written since, else 0.
  var view = {
    seq: 0, hits: [], plan: null, shown: 0, theme: "", year: "", typed: "", yearFromQuery: false, author: null,
    opener: null, passing: false, done: 0, enter: null, scroll: 0, running: 0, pinned: null, opened: null,
    picked: false, unavailable: 0
  };
  var ui = null;

  function url(path) {
    return new URL(path, root).href;
  }

  // The manifest is revalidated with the server (no-cache: a 304 when unchanged), so a rebuilt site is never
  // searched with a cached old manifest; every other file carries the manifest's stamp in its URL. A file the network
  // did not bring is named in the error (the status line said "Search is unavailable: Failed to fetch").
  function fetchJSON(path) {
    var stamp = store.manifest ? "?v=" + store.manifest.stamp : "";
    return fetch(url(path) + stamp, stamp ? {} : { cache: "no-cache" }).catch(function (err) {
      throw new Error(path + " did not load (" + err.message + ")");
    }).then(function (res) {
      if (!res.ok) throw new Error(path + ": HTTP " + res.status);
      return res.json();
    });
  }

  function once(key, make) {
    if (!store.pending[key]) {
      store.pending[key] = make().catch(function (err) {
        delete store.pending[key];
        throw err;
      });
    }
    return store.pending[key];
  }

  // lunr.js and the manifest, fetched on first use only.
  function ready() {
    return Promise.all([
      once("lunr", function () {
        return new Promise(function (resolve, reject) {
          var script = document.createElement("script");
          script.src = url("search/lunr.js");
          script.onload = resolve;
          script.onerror = function () { reject(new Error("search/lunr.js did not load")); };
          document.head.appendChild(script);
        });
      }),
      once("manifest", function () {
        return fetchJSON("search/index.json").then(function (m) {
          for (var i = 1; i < m.chunks.length; i++) m.chunks[i] += m.chunks[i - 1];  // delta-coded
          store.manifest = m;
        });
      })
    ]);
  }

  var GROUP = /[\p{L}\p{N}]+(?:[-\u2010\u2011][\p{L}\p{N}]+)*/gu;  // a word, hyphenated ones whole
  // The spaces, spelt out as in sitegen/search_query.py _SPACES (a regular expression's character class).
  var SPACES = "\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
  // What may stand before a "-" or "+" that is a sign (sitegen/search_query.py _SIGN_AFTER): a space, an opening bracket or
  // quote; glued after a word or other punctuation ("(2+1)-dimensional", "Ca2+-ATPase", "DESIGN--Retrospective")
  // it is the text's own.
  var SIGN_AFTER = new RegExp("[" + SPACES + "(\\[{\"'\u2018\u201c\u00ab\u201e]", "u");
  var SUSPENDED = /(?:&|\/|,|\band|\bor)\s*$/;  // before a suspended hyphen (sitegen/search_query.py _SUSPENDED)
  var HYPHENS = /[-\u2010\u2011]/g;
  var ALNUM = /[\p{L}\p{N}]/u;
  var FIELDS = { title: "title", abstract: "abstract", author: "authors", authors: "authors", repo: "repo",
    venue: "venue", journal: "venue" };

  var OPERATOR = /(?<=[\p{L}\p{N}])[\^~][\d.]*(?=\s|$)/gu;  // lunr's "^10" or "~2" after a word, not in "U^2-Net"
  var FOLDED = { "\u00df": "ss", "\u00e6": "ae", "\u0153": "oe", "\u00f8": "o", "\u0142": "l", "\u0111": "d", "\u00f0": "d",
    "\u00fe": "th", "\u0131": "i" };  // sitegen.search.FOLDED_LETTERS: ß æ œ ø ł đ ð þ ı
  // sitegen.search.SCRIPT_DIGITS: superscript and subscript digits as plain ones ("NiS\u2082" as "nis2").
  var SCRIPT_DIGITS = "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079" +
    "\u2080\u2081\u2082\u2083\u2084\u2085\u2086\u2087\u2088\u2089";
  Array.from(SCRIPT_DIGITS).forEach(function (c, k) { FOLDED[c] = String(k % 10); });
  FOLDED["\u207b"] = FOLDED["\u208b"] = "-";  // sitegen.search.SCRIPT_MINUS: "cm\u207b\u00b9" as "cm-1"
  var FOLDED_LETTER = /[\u00df\u00e6\u0153\u00f8\u0142\u0111\u00f0\u00fe\u0131\u00b2\u00b3\u00b9\u2070\u2074-\u2079\u207b\u2080-\u2089\u208b]/g;

  // sitegen.search.GREEK_LETTERS: Greek letters, both cases, final and lunate sigma, the symbol forms of mathematics
  // and the micro sign, by their names ("TNF-\u03b1" as "TNF-alpha"); GREEK_WORD: a run of that many is a Greek word,
  // left as it is.
  var GREEK_NAMES = ("alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau " +
    "upsilon phi chi psi omega").split(" ");
  var GREEK = {
    "\u03c2": "sigma", "\u03f2": "sigma", "\u03f9": "sigma", "\u03d0": "beta", "\u03d1": "theta", "\u03f4": "theta",
    "\u03d2": "upsilon", "\u03d5": "phi", "\u03d6": "pi", "\u03f0": "kappa", "\u03f1": "rho", "\u03f5": "epsilon",
    "\u00b5": "mu"
  };
  Array.from("\u03b1\u03b2\u03b3\u03b4\u03b5\u03b6\u03b7\u03b8\u03b9\u03ba\u03bb\u03bc\u03bd\u03be\u03bf\u03c0\u03c1\u03c3\u03c4\u03c5\u03c6\u03c7\u03c8\u03c9")
    .forEach(function (c, k) { GREEK[c] = GREEK[c.toUpperCase()] = GREEK_NAMES[k]; });
  var GREEK_WORD = 4, GREEK_RUN = new RegExp("[" + Object.keys(GREEK).join("") + "]+", "g");

  // As sitegen.search._greek_spelt: each run of fewer than GREEK_WORD Greek letters spelt out, a hyphen between the
  // letters and between a letter and a letter or digit glued to it ("tnf\u03b1" -> "tnf-alpha", "nf-\u03bab" ->
  // "nf-kappa-b"), so "TNF\u03b1", "TNF-\u03b1", "TNF-alpha" and "tnf alpha" find one another.
  function greekSpelt(text) {
    return text.replace(GREEK_RUN, function (run, at) {
      if (run.length >= GREEK_WORD) return run;
      var before = at > 0 && ALNUM.test(text[at - 1]) ? "-" : "", after = ALNUM.test(text.charAt(at + run.length)) ? "-" : "";
      return before + Array.from(run, function (c) { return GREEK[c]; }).join("-") + after;
    });
  }

  // As sitegen.search.fold: lower-cased text without its accents ("padé" -> "pade") and with plain digits for
  // superscript and subscript ones ("nis\u2082" -> "nis2"), a hyphen for their minus, Greek letters by their names
  // (greekSpelt), as the index holds its terms.
  function fold(text) {
    return greekSpelt(text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").normalize("NFC")
      .replace(FOLDED_LETTER, function (c) { return FOLDED[c]; }));
  }

  // As sitegen.search.spelt_with_e: umlauts written as German writes them without the letter, ä ö ü as ae oe ue
  // ("Müller" -> "Mueller"), case kept (nameParts reads initials by it).
  var UMLAUT = /[äöüÄÖÜ]/g, HAS_UMLAUT = /[äöüÄÖÜ]/;
  var WITH_E = { "ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue" };
  function speltWithE(text) {
    return text.normalize("NFC").replace(UMLAUT, function (c) { return WITH_E[c]; });
  }

  // As sitegen.search.spellings: each word of text (indexWords) written with an umlaut -> its spelling with "e"
  // ("müller" -> {muller: "mueller"}). The index holds such a word under both, and a word spelt with "e" under the
  // umlaut's too where the papers write both (sitegen.search.spelling_twins): the results mark "Müller" for
  // "mueller" and "Mueller" for "müller".
  function speltWords(text) {
    var found = Object.create(null);
    if (!HAS_UMLAUT.test(text.normalize("NFC"))) return found;
    var plain = indexWords(text), spelt = indexWords(speltWithE(text));
    plain.forEach(function (w, i) { if (spelt[i] !== w) found[w] = spelt[i]; });
    return found;
  }

  // As sitegen.search.other_spelling for a word without an umlaut: its twin where the papers write it both ways
  // (the manifest's twins, sitegen.search.spelling_twins: "mueller" -> "muller" where some paper writes "Müller"),
  // else null. The index holds such a word under both, so the results mark it by both, from the query's side and
  // the paper's: "muller" typed found "Mueller" and marked nothing; "poet" has no twin ("pot" is never marked).
  function twinOf(word) {
    var twins = store.manifest.twins;
    return twins && Object.prototype.hasOwnProperty.call(twins, word) ? twins[word] : null;
  }

  // Lower-cased, without invisible characters (zero-width space, soft hyphen); accents kept, for what a status
  // line quotes.
  function lowered(text) {
    return text.toLowerCase().replace(/\p{Cf}/gu, "");
  }

  // As sitegen.search.clean_text: lowered and folded.
  function cleanText(text) {
    return fold(lowered(text));
  }

  // As sitegen.search_query.clean_query: also without lunr's boosts and edit distances after a word ("diffusion^10").
  function clean(text) {
    return cleanText(booleans(text)).replace(OPERATOR, " ");
  }

  // The opening quotes and brackets (sitegen/search_query.py _OPENERS): before words, they group them (lead).
  var OPENERS = "\"'\u2018\u201c\u00ab\u201e([{", QUOTE_CLOSES = "\"'\u2019\u201c\u201d\u00bb";

  // As sitegen.search_query.booleans: an upper-case NOT before a word leaves it out ("-word"), before a quote or bracket
  // each word inside (lead), AND between spaces is dropped, OR between spaces is "|", which makes the words either
  // side of it optional (parseQuery).
  var BOOLEAN = new RegExp("(?<![^" + SPACES + "])(?:NOT[" + SPACES + "]+(?=[\\p{L}\\p{N}\"'\u2018\u201c\u00ab\u201e(\\[{])|" +
    "(?:AND|OR)(?=[" + SPACES + "]))", "gu");
  function booleans(text) {
    return text.replace(BOOLEAN, function (m) { return m[0] === "A" ? " " : m[0] === "O" ? " | " : "-"; });
  }

  // As sitegen.search.cjk_bigrams: each run of Chinese characters or Japanese kana as its overlapping pairs; a run
  // at the end stays unfinished.
  var CJK_RUN = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2,}/g;
  function cjkBigrams(text) {
    var out = text.replace(CJK_RUN, function (run) {
      var pairs = [];
      for (var i = 0; i + 1 < run.length; i++) pairs.push(run.slice(i, i + 2));
      return " " + pairs.join(" ") + " ";
    });
    CJK_RUN.lastIndex = 0;
    var endsInRun = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2}$/.test(text);
    return out !== text && endsInRun ? out.replace(/ +$/, "") : out;
  }

  // As sitegen.search.possessive: whether the word m of text at start is the "s" of a possessive ("Barrett's",
  // "Crohn\u2019s"): no word, in a query or in the index.
  var APOSTROPHES = "'\u2018\u2019", ENDS_IN_ALNUM = /[\p{L}\p{N}]$/u;
  function possessive(text, start, m) {
    return m === "s" && start >= 2 && APOSTROPHES.indexOf(text[start - 1]) >= 0 &&
      ENDS_IN_ALNUM.test(text.slice(Math.max(0, start - 3), start - 1));
  }

  // As sitegen.search_query._sign_at: the sign at `at` ("+", "-" or "") when it is one: first or after a space, an opening
  // quote or bracket (SIGN_AFTER), not a suspended hyphen ("evolution-aware & -free", SUSPENDED).
  function signAt(text, at) {
    var c = at >= 0 ? text[at] : "";
    if (!(c === "+" || c === "-") || (at >= 1 && !SIGN_AFTER.test(text[at - 1]))) return "";
    return c === "-" && SUSPENDED.test(text.slice(0, at)) ? "" : c;
  }

  // As sitegen.search_query._signed: "-" over "+" over none.
  function signed() {
    var signs = Array.prototype.slice.call(arguments);
    return signs.indexOf("-") >= 0 ? "-" : signs.indexOf("+") >= 0 ? "+" : "";
  }

  // As sitegen.search_query._lead: [where the quotes or brackets open right before the word at start (after its own sign;
  // the outermost), or -1, the sign before them]; an apostrophe or bracket after a letter or digit opens nothing.
  function lead(text, start) {
    var at = signAt(text, start - 1) ? start - 1 : start, opened = at;
    while (opened > 0 && OPENERS.indexOf(text[opened - 1]) >= 0) opened--;
    if (opened === at || (opened > 0 && ALNUM.test(text[opened - 1]))) return [-1, ""];
    return [opened, signAt(text, opened - 1)];
  }

  // As sitegen.search_query._group_end: where the group the quote or bracket at `at` opens ends: the bracket that closes
  // it (brackets inside counted) or the next closing quote; the text's end when none does.
  function groupEndAt(text, at) {
    var i;
    if ("([{".indexOf(text[at]) >= 0) {
      for (var depth = 0, i = at; i < text.length; i++) {
        depth += ("([{".indexOf(text[i]) >= 0) - (")]}".indexOf(text[i]) >= 0);
        if (depth === 0) return i;
      }
      return text.length;
    }
    for (i = at + 1; i < text.length; i++) if (QUOTE_CLOSES.indexOf(text[i]) >= 0 && !innerApostrophe(text, i)) return i;
    return text.length;
  }

  // As sitegen.search_query._inner_apostrophe: an apostrophe with a letter or digit either side ("Hodgkin's", "O'Brien")
  // closes no quote, and a field's name applies to the word's parts after it too.
  function innerApostrophe(text, at) {
    return at > 0 && at < text.length - 1 && APOSTROPHES.indexOf(text[at]) >= 0 && ALNUM.test(text[at - 1]) &&
      ALNUM.test(text[at + 1]);
  }

  // As sitegen.search_query._field_words: [where the words end that a field's name followed by ":" (up to at) applies to,
  // the sign after the ":"]: the next word ("title: tumor", "title:-dark"), or each word up to the closing quote or
  // bracket ("title:\u201cdark matter\u201d", "title:(tumor)", "title:(\"dark matter\")"); a word with an apostrophe
  // inside whole ("author:O'Brien"; no quote closes there); 0 when no word follows.
  var FIELD_OPENS = new RegExp("[" + SPACES + "]*([-+]?)([\"'\u2018\u201c\u00ab\u201e(\\[{]*)[" + SPACES + "]*[-+]?", "uy");
  var GROUP_AT = new RegExp(GROUP.source, "uy");
  function fieldWords(text, at) {
    FIELD_OPENS.lastIndex = at;
    var opens = FIELD_OPENS.exec(text);
    GROUP_AT.lastIndex = opens ? at + opens[0].length : 0;
    var first = opens ? GROUP_AT.exec(text) : null;
    if (!first) return [0, ""];
    if (!opens[2]) {
      var end = first.index + first[0].length;
      while (innerApostrophe(text, end)) {  // "author:O'Brien": the index holds "o" and "brien"
        GROUP_AT.lastIndex = end + 1;
        GROUP_AT.exec(text);
        end = GROUP_AT.lastIndex;
      }
      return [end, opens[1]];
    }
    return [groupEndAt(text, text.indexOf(opens[2], at)), opens[1]];
  }

  // As sitegen.search_query.parse_query: the finished words ({text, sign, field, colon}) and the word being typed
  // (null when the text ends in a separator). A hyphenated word is one, joined ("in-context" -> "incontext");
  // "-word" leaves papers out, "title:word" searches one field, a word followed by another ":" is never retried.
  function parseQuery(raw) {
    var text = cjkBigrams(clean(raw)), found = [], field = "", fieldSign = "", typing = null, fieldEnd = 0, lastEnd = 0, m;
    var groupSign = "", groupEnd = 0, opened = [-1, ""], either = -1, fieldAt = 0, units = [];
    GROUP.lastIndex = 0;
    while ((m = GROUP.exec(text)) !== null) {
      var start = m.index, end = start + m[0].length, word = m[0].replace(HYPHENS, "");
      if (possessive(text, start, m[0])) continue;
      if (start >= groupEnd) {
        opened = lead(text, start);
        groupSign = opened[1];
        groupEnd = opened[0] >= 0 ? groupEndAt(text, opened[0]) : 0;
      }
      if (start >= fieldEnd) field = fieldSign = "";
      var sign = signed(groupSign, fieldSign, signAt(text, start - 1));
      var colon = text[end] === ":";
      if (colon && Object.prototype.hasOwnProperty.call(FIELDS, word)) {
        var after = fieldWords(text, end + 1);
        fieldEnd = after[0];
        field = fieldEnd ? FIELDS[word] + ":" : "";
        fieldSign = fieldEnd ? signed(sign, after[1]) : "";
        fieldAt = start;
        continue;  // a field's name is never searched, also with no word after it ("title: ")
      }
      // Where the word's quote, bracket or field's name starts, else the word itself: beside an OR, all the words of
      // one are optional ('"dark matter" OR "dark energy"').
      var unit = start < groupEnd ? opened[0] : field ? fieldAt : start;
      if (found.length > 0 && text.slice(lastEnd, start).indexOf("|") >= 0) {
        either = unit;
        for (var k = found.length - 1; k >= 0 && units[k] === units[units.length - 1]; k--) found[k].optional = true;
      }
      found.push({ text: word, sign: sign, field: field, colon: colon && !field, optional: unit === either });
      units.push(unit);
      lastEnd = end;
      if (end === text.length) typing = found.pop();
    }
    return { words: found, typing: typing };
  }

  // As sitegen.stemmer.light_stem: Porter's step 1 alone, as lunr.js has it (plurals, -ed, -ing, a final y).
  var C = "[^aeiou][^aeiouy]*", V = "[aeiouy][aeiou]*";
  var MGR0 = new RegExp("^(" + C + ")?" + V + C), S_V = new RegExp("^(" + C + ")?[aeiouy]");
  var CVC = new RegExp("^" + C + "[aeiouy][^aeiouwxy]$");
  function lightStem(word) {
    if (word.length < 3) return word;
    var firstY = word[0] === "y", w = firstY ? "Y" + word.slice(1) : word, fp;
    if (/^(.+?)(ss|i)es$/.test(w)) w = w.replace(/^(.+?)(ss|i)es$/, "$1$2");
    else if (/^(.+?)([^s])s$/.test(w)) w = w.replace(/^(.+?)([^s])s$/, "$1$2");
    if ((fp = /^(.+?)eed$/.exec(w))) {
      if (MGR0.test(fp[1])) w = w.replace(/.$/, "");
    } else if ((fp = /^(.+?)(ed|ing)$/.exec(w)) && S_V.test(fp[1])) {
      w = fp[1];
      if (/(at|bl|iz)$/.test(w)) w += "e";
      else if (/([^aeiouylsz])\1$/.test(w)) w = w.replace(/.$/, "");
      else if (CVC.test(w)) w += "e";
    }
    if ((fp = /^(.+?[^aeiou])y$/.exec(w))) w = fp[1] + "i";
    return firstY ? "y" + w.slice(1) : w;
  }

  // As sitegen.search.exact_term: the term of a word's light form ("_generalization_").
  function exactTerm(word) {
    return "_" + lightStem(word) + "_";
  }

  // Same rules as sitegen.search_query.plan: finished words required, stop words dropped, "-word" left out;
  // the word being typed required as a term prefix (typedPrefix) once it has minPrefix
  // characters, and optional itself; shorter words optional, stop words an optional prefix.
  // A word that matches no term is retried at edit distance 1 (retried: "+word~1"). A word whose
  // light form is a term has it as an optional clause, boosted (manifest exactBoost).
  // known: whether to consult the loaded terms (false before the first shards: no word is
  // retried and the word being typed has its stem for prefix). p.load is the prefix whose
  // shards the plan needs, also when the word being typed is retried instead; p.exact the light
  // forms whose shards it needs. A word typed with an umlaut is also searched as spelt with "e" where the index holds
  // that (spellingsSearched: "m\u00fcller" finds "Mueller"), each query once per spelling; p.speltTerms and p.speltRanges
  // the shards that tell, p.speltPrefix the other spelling's prefix of the word being typed, p.speltStems the stems
  // searched both ways -> the stems of their spelling with "e" (authorsFirst).
  function plan(text, known) {
    var parsed = parseQuery(text), typing = parsed.typing, seen = {};
    var exact = [], fuzzy = [], prefix = null, load = null, also = null, peek = null, fields = {};
    var slots = [], typed = [[]], both = Object.create(null);  // slots: per word, its clauses, one list per spelling
    var p = { exact: [], extra: [], joined: [], completed: [], fuzzyExact: {}, typedAt: -1, either: [],
      speltTerms: [], speltRanges: [], speltPrefix: null };
    p.spelt = speltWords(text);  // the words typed with an umlaut, spelt with "e": they mark "Mueller" too
    function eitherWord(w) {  // an optional word searched as typed (sitegen.search_query.Plan.either)
      var pair = [w.field.replace(/:$/, ""), stem(w.text)];
      if (w.optional && !p.either.some(function (e) { return e[0] === pair[0] && e[1] === pair[1]; })) p.either.push(pair);
    }
    var done = parsed.words.filter(function (w) {
      var key = w.sign + "\u0000" + w.field + "\u0000" + w.text + "\u0000" + w.colon + "\u0000" + w.optional;
      // A word typed again to the same end is the word being typed alone ("diffusion diffusion"); not one typed to
      // leave it out, or the other way round ("tumor -tumor": sitegen.search_query._typed_again).
      var again = typing !== null && w.text === typing.text && (w.sign === "-") === (typing.sign === "-");
      if (seen[key] || isStopWord(w.text) || again) return false;
      return (seen[key] = true);
    });
    function exactClauses(w, fuzz) {
      if (w.field === "authors:" || w.field === "repo:") return [];
      var term = exactTerm(w.text);
      p.exact.push(term);
      if (fuzz) p.fuzzyExact[w.text] = term;
      return known && (fuzz || isTerm(term)) ? [w.field + term + fuzz + "^" + store.manifest.exactBoost] : [];
    }
    // A word typed with an umlaut as spelt with "e" (speltWord), the shards that tell whether the index holds either
    // spelling loaded from the first round on, whichever the plan then searches by.
    function respelt(w, typed) {
      var alt = speltWord(w, p.spelt);
      if (!alt) return null;
      p.speltTerms.push(stem(alt.text), exactTerm(alt.text), exactTerm(w.text));
      if (typed) {
        p.speltRanges.push(typedPrefix(w.text, known), typedPrefix(alt.text, known), w.text, alt.text);
        p.completed = p.completed.concat(completedStems(w.text), completedStems(alt.text));
      }
      return alt;
    }
    function held(word) { return known && isTerm(stem(word)); }  // sitegen.search_query._held
    function starts(word) { return known && startsTerm(typedPrefix(word, known)); }  // sitegen.search_query._starts
    function excluded(w) {
      var alt = respelt(w, false), left = ["-" + w.field + w.text];
      p.extra.push(stem(w.text));
      if (alt && held(alt.text)) {  // "-m\u00fcller" leaves out "Mueller" too
        left.push("-" + w.field + alt.text);
        p.extra.push(stem(alt.text));
      }
      return left;
    }
    done.forEach(function (w) {
      if (w.sign === "-") return slots.push([excluded(w)]);
      var searched = spellingsSearched(w, respelt(w, false), held, Object.keys(both).length), alt = searched[1];
      w = searched[0];
      var retry = !w.colon && retried(w.text, known && !isTerm(stem(w.text)));
      if (retry) {
        slots.push([[presence(w) + w.field + w.text + "~1"].concat(exactClauses(w, "~1"))]);
        fuzzy.push(w.text);
      } else {
        var ex = exactClauses(w, "");
        slots.push([w, alt].filter(Boolean).map(function (x) { return [presence(w) + w.field + x.text].concat(ex); }));
        exact.push(w.text);
        eitherWord(w);
        if (alt) { both[stem(w.text)] = stem(alt.text); p.extra.push(stem(alt.text)); }
      }
      fields[w.text] = w.field;
    });
    slots.push([joinedClauses(parsed.words, known, p)]);
    var word = typing && typing.text, field = typing && typing.field;
    if (typing !== null && typing.sign === "-") {
      if (!isStopWord(word)) typed = [excluded(typing)];
    } else if (typing !== null && isStopWord(word)) {
      if (word.length >= store.manifest.minPrefix) { prefix = load = word; typed = [[field + word + "*"]]; }
    } else if (typing !== null && word.length < store.manifest.minPrefix) {
      typed = [[field + word]];
      exact.push(word);
      eitherWord(typing);
      fields[word] = field;
    } else if (typing !== null) {
      var searched = spellingsSearched(typing, respelt(typing, true), starts, Object.keys(both).length);
      var alt = searched[1];
      typing = searched[0];
      word = typing.text;
      load = typedPrefix(word, known);
      p.completed = p.completed.concat(completedStems(word));
      if (word.lastIndexOf(stem(word), 0) !== 0) peek = word;  // may read two ways: load its terms too
      if (retried(word, known && !startsTerm(load))) {
        typed = [[presence(typing) + field + word + "~1"].concat(exactClauses(typing, "~1"))];
        fuzzy.push(word);
        fields[word] = field;
      } else {
        prefix = load;
        if (known && rewritten(word, prefix)) also = word;
        var ex = exactClauses(typing, "");
        typed = [[field + word].concat(ex, [presence(typing) + field + prefix + "*"])];
        if (also !== null) typed.push([field + word].concat(ex, [presence(typing) + field + also + "*"]));
        if (alt) {  // the word as spelt with "e" too, its light form's clause the word's as typed
          p.speltPrefix = typedPrefix(alt.text, known);
          typed.push([field + alt.text].concat(ex, [presence(typing) + field + p.speltPrefix + "*"]));
          both[stem(word)] = stem(alt.text);
          p.extra.push(stem(alt.text));
        }
        p.typedAt = exact.push(word) - 1;
        eitherWord(typing);
        fields[word] = field;
      }
    }
    slots.push(typed);
    var first = [].concat.apply([], slots.map(function (slot) { return slot[0]; }));
    var positive = first.some(function (c) { return c[0] !== "-"; });
    var queries = positive ? product(slots) : [""], query = queries[0];
    p.extra = p.extra.concat(p.exact.filter(function (t) { return known && isTerm(t); }));
    return Object.assign(p, {
      query: query, queries: queries, stems: exact.map(stem), words: exact, fields: fields, prefix: prefix, also: also,
      load: load, peek: peek, fuzzy: fuzzy, near: [], fixes: Object.create(null), partial: false,
      onlyExcluded: !positive && first.length > 0, speltStems: both
    });
  }

  // One query per choice of each slot's clauses (plan), the first choices first, the last slot's changing fastest
  // (Python's itertools.product, as sitegen.search_query.plan joins them).
  function product(slots) {
    var out = [[]];
    slots.forEach(function (slot) {
      var next = [];
      out.forEach(function (head) { slot.forEach(function (clauses) { next.push(head.concat(clauses)); }); });
      out = next;
    });
    return out.map(function (clauses) { return clauses.join(" "); });
  }

  // As sitegen.search_query._spelt_word: the word ({text, sign, field...}) as spelt with "e" when it was typed with
  // an umlaut (spelt: speltWords of the query) and that is another term (no stop word, another stem), else null.
  function speltWord(w, spelt) {
    var alt = spelt[w.text];
    if (!alt || isStopWord(alt) || stem(alt) === stem(w.text)) return null;
    return Object.assign({}, w, { text: alt });
  }

  // As sitegen.search_query._spellings_searched: [the spelling a word typed with an umlaut is searched by, the other
  // one it is searched by too or null]. The index holds "M\u00fcller" as "muller" and "mueller", a paper that writes only
  // "Mueller" as "mueller" alone, so "m\u00fcller" found none of them: where only the spelling with "e" finds something
  // (found: held or starts), the word is that spelling; where both do, both (each query once per spelling), up to
  // MAX_SPELT_WORDS words (both: how many are already); else the word as before.
  var MAX_SPELT_WORDS = 2;  // sitegen.search_query.MAX_SPELT_WORDS
  function spellingsSearched(w, alt, found, both) {
    if (!alt || !found(alt.text)) return [w, null];
    if (!found(w.text)) return [alt, null];
    return [w, both < MAX_SPELT_WORDS ? alt : null];
  }
  // As sitegen.search_query._presence: "+" for a word searched for, "" when it is optional (beside an OR).
  function presence(w) {
    return w.optional ? "" : "+";
  }

  // As sitegen.search_query._joined_clauses: two neighbouring finished words (stop words too, no sign, one field) also
  // searched as one, optional and boosted (manifest joinedBoost), when that is a term ("in context": "incontext").
  // p.joined the stems whose shards the plan needs to tell (loaded with the first round); those that are terms
  // join p.extra.
  function joinedClauses(words, known, p) {
    var found = [];
    for (var i = 1; i < words.length; i++) {
      var a = words[i - 1], b = words[i], term = stem(a.text + b.text);
      if (a.sign || b.sign || a.field !== b.field) continue;
      p.joined.push(term);
      var clause = a.field + a.text + b.text + "^" + store.manifest.joinedBoost;
      if (known && isTerm(term) && found.indexOf(clause) < 0) { found.push(clause); p.extra.push(term); }
    }
    return found;
  }

  // As sitegen.search_query.rewritten_prefix: the word being typed reads two ways ("phy": the finished
  // word, stem "phi", or on the way to "physics") when its prefix is its stem, made by rewriting
  // letters, and what was typed starts a term. Its hits are those of either prefix (plan.queries).
  function rewritten(word, prefix) {
    return prefix === stem(word) && word.lastIndexOf(prefix, 0) !== 0 && startsTerm(word);
  }

  // As sitegen.search_query._retried: a word that missed the index is retried at edit distance 1
  // if it is made of letters and its stem has minFuzzy characters.
  function retried(word, missed) {
    return missed && /^\p{L}+$/u.test(word) && stem(word).length >= store.manifest.minFuzzy;
  }

  // As sitegen.search_query.typed_prefix: the word's stem if that is a term (unless the word ends in
  // a consonant and "ys", no English plural: "phys"); otherwise the common prefix of the word
  // as typed ("analy", not its stem "anali") and those stems of its completions (completedStems)
  // that are terms ("learni" -> "learn", "distillati" -> "distil"; "atten" stays, "att" of
  // "atteness" being no term).
  // ("embedd" -> "embed", of "embedding"; also when its stem is a term, if of minFuzzy characters: "transferr").
  function typedPrefix(word, known) {
    var term = stem(word);
    if (!known) return term;
    if (isTerm(term) && !/[^aeiou]ys$/.test(word)) {
      // "transferr": of "transferable" and of "transferring" (not "add": "ad" starts too many terms)
      var undoubled = DOUBLED.test(word) ? stem(word + "ing") : "";
      return undoubled.length >= store.manifest.minFuzzy && isTerm(undoubled) ? commonPrefix(term, undoubled) : term;
    }
    var prefix = word;
    completedStems(word).forEach(function (completed) {
      if (isTerm(completed)) prefix = commonPrefix(prefix, completed);
    });
    return prefix.length >= store.manifest.minPrefix ? prefix : term;
  }

  // As sitegen.search_query._completed_stems: the stems (minPrefix characters or more) of a word completed by the rest of a
  // stemmer suffix it ends with the start of, and by "ing" when it ends in a doubled consonant that Porter undoes
  // ("embedd": "embed" of "embedding"); their shards are loaded with the first round (plan: p.completed), for
  // typedPrefix to tell terms.
  var DOUBLED = /([^aeiouylsz])\1$/;
  function completedStems(word) {
    var out = [];
    store.manifest.suffixes.forEach(function (suffix) {
      for (var cut = 1; cut < suffix.length; cut++) {
        if (word.slice(-cut) === suffix.slice(0, cut)) out.push(stem(word + suffix.slice(cut)));
      }
    });
    if (DOUBLED.test(word)) out.push(stem(word + "ing"));
    return out.filter(function (completed) { return completed.length >= store.manifest.minPrefix; });
  }

  function commonPrefix(a, b) {
    var i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    return a.slice(0, i);
  }

  function isTerm(term) {
    return Object.prototype.hasOwnProperty.call(store.inverted, term);
  }

  // Whether a loaded term starts with prefix.
  function startsTerm(prefix) {
    var terms = sortedTerms(), i = lowerBound(terms, prefix);
    return i < terms.length && terms[i].lastIndexOf(prefix, 0) === 0;
  }

  function sortedTerms() {
    if (store.dirty) { store.terms.sort(); store.dirty = false; }
    return store.terms;
  }

  function isStopWord(w) {
    return lunr.stopWordFilter(w) === undefined;
  }

  function stem(w) {
    return lunr.stemmer(new lunr.Token(w)).toString();
  }

  function shardOf(term) {
    var heads = store.manifest.shards, lo = 0, hi = heads.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (heads[mid] <= term) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  function neededShards(p) {
    var wanted = {};
    var stems = p.stems.concat(p.near, p.exact, p.extra, p.joined, p.completed, p.speltTerms || []);
    stems.forEach(function (s) { wanted[shardOf(s)] = true; });
    [p.load, p.peek, p.authorHead || null, p.speltHead || null].concat(p.speltRanges || []).forEach(function (prefix) {
      if (prefix === null) return;
      for (var n = shardOf(prefix), last = shardOf(prefix + "\uffff"); n <= last; n++) wanted[n] = true;
    });
    return Object.keys(wanted).map(Number);
  }

  function loadShards(numbers) {
    return Promise.all(numbers.map(function (n) {
      return once("t" + n, function () {
        return fetchJSON("search/t/" + n + ".json").then(addShard);
      });
    }));
  }

  // lunr's metadata of every posting: none (no positions are stored). One frozen object for them all, not one each:
  // lunr only reads its keys (MatchData), and a common term of a large site has tens of thousands of postings.
  var NO_METADATA = Object.freeze({});

  // Shard entry: [term, term index, [doc-number deltas, weights x 1000] per field]; fields at the
  // end that do not hold the term are left out. The field vectors' elements are gathered flat, per field and doc
  // number ([term index, weight, ...], store.vectors[field][n]), and built into lunr.Vectors on first use.
  function addShard(entries) {
    var fields = store.manifest.fields;
    entries.forEach(function (entry) {
      var term = entry[0], termIndex = entry[1], posting = { _index: termIndex };
      fields.forEach(function (field, k) {
        var pair = entry[2 + k] || [[], []], deltas = pair[0], weights = pair[1], docs = {}, n = 0;
        var vectors = store.vectors[field] || (store.vectors[field] = new Array(store.manifest.count));
        for (var i = 0; i < deltas.length; i++) {
          n += deltas[i];
          docs[n] = NO_METADATA;
          (vectors[n] || (vectors[n] = [])).push(termIndex, weights[i] / 1000);
        }
        posting[field] = docs;
      });
      store.inverted[term] = posting;
      store.terms.push(term);
    });
    store.dirty = true;
  }

  // Field vectors ("field/n", lunr's field refs) are built on first use (lunr reads only those of matching
  // documents), again when shards loaded since have added to them.
  function fieldVector(key) {
    var cut = key.indexOf("/"), flat = store.vectors[key.slice(0, cut)][Number(key.slice(cut + 1))];
    var vector = store.built[key];
    if (!vector || vector.elements.length !== flat.length) {
      var pairs = [], elements = [];
      for (var i = 0; i < flat.length; i += 2) pairs.push([flat[i], flat[i + 1]]);
      pairs.sort(function (a, b) { return a[0] - b[0]; }).forEach(function (p) { elements.push(p[0], p[1]); });
      vector = store.built[key] = new lunr.Vector(elements);
    }
    return vector;
  }

  // A lunr.Index over the loaded shards whose token set holds only the terms this query can
  // expand to (its stems, the terms near its retried words, and the terms under its prefix):
  // same matches, no big token set.
  // leftOut: terms the prefixes may not expand to (an object used as a set), or none.
  function index(p, leftOut) {
    // Terms only: a word left out that no paper has ("learning -xyzzy") is in p.extra too, and a token set holding
    // it sent lunr to postings that are not there ("Cannot read properties of undefined (reading '_index')").
    var terms = p.stems.concat(p.near, p.extra).filter(isTerm);
    [p.prefix, p.also, p.speltPrefix].forEach(function (prefix) {
      if (prefix === null) return;
      completions(prefix).forEach(function (t) { if (!(leftOut && leftOut[t])) terms.push(t); });
    });
    terms = terms.sort().filter(function (t, k) { return k === 0 || t !== terms[k - 1]; });
    var idx = new lunr.Index({
      invertedIndex: store.inverted,
      fieldVectors: store.fieldVectors,
      tokenSet: lunr.TokenSet.fromArray(terms),
      fields: store.manifest.fields,
      pipeline: lunr.Pipeline.load(store.manifest.pipeline)
    });
    idx.terms = terms;  // for narrowed
    return idx;
  }

  // lunr reads the postings of every term a query expands to, a FieldRef and a MatchData for each (paper, field),
  // and only then keeps the papers that every required clause ("+word") matches: at 40,000 papers the tens of
  // thousands of postings of common words cost more than their shards' download. The same index restricted to the
  // papers the required clauses leave (found from their postings as lunr finds them) gives the same hits with the
  // same scores in the same order: the query and field vectors are untouched, and lunr never scores another paper.
  // The index as it is when it has no idx.terms (index), the query requires nothing, or a required clause finds
  // nothing (lunr's answer is then no hits).
  function narrowed(idx, query) {
    if (!idx.terms) return idx;
    var parsed = new lunr.Query(idx.fields), candidates = null;
    new lunr.QueryParser(query, parsed).parse();
    for (var i = 0; i < parsed.clauses.length; i++) {
      var clause = parsed.clauses[i];
      if (clause.presence !== lunr.Query.presence.REQUIRED) continue;
      var words = clause.usePipeline ? idx.pipeline.runString(clause.term, { fields: clause.fields }) : [clause.term];
      var matches = new Set();
      if (!words.length) return idx;
      for (var m = 0; m < words.length; m++) {
        clause.term = words[m];
        var expanded = idx.tokenSet.intersect(lunr.TokenSet.fromClause(clause)).toArray();
        if (!expanded.length) return idx;
        expanded.forEach(function (t) {
          clause.fields.forEach(function (field) { for (var n in idx.invertedIndex[t][field]) matches.add(n); });
        });
      }
      candidates = candidates === null ? matches : new Set(Array.from(candidates).filter(function (n) { return matches.has(n); }));
    }
    if (candidates === null || candidates.size * 4 > store.manifest.count) return idx;
    var inverted = Object.create(null), few = Array.from(candidates);
    idx.terms.forEach(function (t) {
      var posting = idx.invertedIndex[t], view = { _index: posting._index };
      idx.fields.forEach(function (field) {
        var docs = posting[field], kept = {}, n;
        if (few.length <= 64) few.forEach(function (n) { if (n in docs) kept[n] = docs[n]; });
        else for (n in docs) if (candidates.has(n)) kept[n] = docs[n];
        view[field] = kept;
      });
      inverted[t] = view;
    });
    return new lunr.Index({
      invertedIndex: inverted, fieldVectors: idx.fieldVectors, tokenSet: idx.tokenSet, fields: idx.fields,
      pipeline: idx.pipeline
    });
  }

  function lowerBound(sorted, value) {
    var lo = 0, hi = sorted.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (sorted[mid] < value) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  // Ranked [{n, score}] for what was typed; ties by doc number (as sitegen.search_query.search).
  // Shards come in up to three rounds, each fetching only what is not loaded yet: those of the
  // query's stems; those of the typed word's prefix (typedPrefix), once the first round tells
  // whether its stem is a term; for words that match no term, those of the terms near them.
  // author: the name of an author link (?q=name&by=author), whose papers come first (authorHits).
  function search(text, author) {
    var found = author ? null : identifierQuery(text);
    return ready().then(function () {
      return found ? identifierHits(found) : [];
    }).then(function (byId) {
      // A pasted identifier: its paper alone, or none (a bare number that no paper has is searched as a word).
      if (found && (byId.length || found.named)) return { plan: Object.assign(plan("", true), { identifier: found }), hits: byId };
      return wordSearch(text, author);
    });
  }

  // As sitegen.search_query.identifier_query: {kind, value, named, term} of the paper's identifier a query is, whole,
  // else null: a PMID (bare, after "PMID:" or in a PubMed link), a DOI (after "doi:" or in a doi.org link; arXiv's
  // "10.48550/arXiv.<id>" is that arXiv id) or an arXiv id (after "arXiv:" or in an arxiv.org link, any version).
  // Lower case, URL escapes decoded, no final "/" or full stop. named: not a bare number (which may be a year or a
  // number of the text, and is a PMID only when a paper has it).
  var INVISIBLE = /[\u00ad\u200b-\u200f\u2060-\u2064\ufeff]/g;  // sitegen.search_query._INVISIBLE
  var ARXIV_BARE_ID = "(?:\\d{4}\\.\\d{4,5}|[a-z-]+(?:\\.[A-Z]{2})?/\\d{7})";  // sitegen.ingest.fields.ARXIV_BARE_ID
  var PMID_QUERY = /^(pmid\s*:?\s*|(?:https?:\/\/)?(?:www\.)?pubmed\.ncbi\.nlm\.nih\.gov\/)?([0-9]{1,8})\/?$/i;
  var DOI_QUERY = /^(?:doi\s*:?\s*|(?:https?:\/\/)?(?:dx\.|www\.)?doi\.org\/)?(10\.[0-9]{4,9}\/\S+)$/i;
  var ARXIV_QUERY = new RegExp("^(?:arxiv\\s*:?\\s*|(?:https?://)?(?:www\\.|export\\.)?arxiv\\.org/(?:abs|pdf)/(?:arxiv:)?)?(" +
    ARXIV_BARE_ID + ")(?:v[0-9]+)?(?:\\.pdf)?/?$", "i");
  var ARXIV_DOI = new RegExp("^10\\.48550/arxiv\\.(" + ARXIV_BARE_ID + ")(?:v[0-9]+)?$", "i");
  function identifierQuery(text) {
    var t = text.replace(INVISIBLE, "").trim(), m;
    function found(kind, id, named) {  // sitegen.search.identifier_term: a hyphen is U+2010, which lunr does not split at
      return { kind: kind, value: id, named: named, term: "_" + kind + ":" + id.replace(/-/g, "\u2010") + "_" };
    }
    if ((m = PMID_QUERY.exec(t))) return found("pmid", m[2], !!m[1]);
    if ((m = DOI_QUERY.exec(t))) {
      var value = m[1].replace(/(?:%[0-9a-f]{2})+/gi, function (escaped) {  // as urllib.parse.unquote: a stray "%" stays
        try { return decodeURIComponent(escaped); } catch (err) { return escaped; }
      }).toLowerCase().replace(/[/.]+$/, "");
      var arxiv = ARXIV_DOI.exec(value);
      return arxiv ? found("arxiv", arxiv[1], true) : found("doi", value, true);
    }
    if ((m = ARXIV_QUERY.exec(t))) return found("arxiv", m[1].toLowerCase(), true);
    return null;
  }

  // As sitegen.search_query.identifier_hits: the papers whose field "id" holds the identifier, in store order (the
  // shard of its term fetched).
  function identifierHits(found) {
    return loadShards([shardOf(found.term)]).then(function () {
      var docs = isTerm(found.term) ? store.inverted[found.term].id || {} : {};
      return Object.keys(docs).map(Number).sort(function (a, b) { return a - b; }).map(function (n) { return { n: n, score: 0 }; });
    });
  }

  // search() of the words of a query (no identifier).
  function wordSearch(text, author) {
    return ready().then(function () {
      var first = plan(text, false), name = author ? nameParts(author) : null;
      if (name) first.authorHead = "_" + name[0] + "_";
      var spelt = name && nameParts(speltWithE(author));
      if (spelt && spelt[0] !== name[0]) first.speltHead = "_" + spelt[0] + "_";  // speltKeys
      if (name) first.extra = first.extra.concat(sameNameTerms(author));  // their shards, for sameNameFirst
      if (!first.query) return { plan: first, hits: [] };
      return loadShards(neededShards(first)).then(function () {
        return loadShards(neededShards(plan(text, true)));
      }).then(function () {
        return nearby(plan(text, true));
      }).then(function (p) {
        var hits = tiered(p, p.queries);
        // As sitegen.search_query.search: no paper has every word, so show those with some of them.
        if (!hits.length && (p.query.match(/(^| )\+/g) || []).length >= 2) {
          hits = tiered(p, p.queries.map(relaxed));
          p.partial = hits.length > 0;
        }
        hits = authorsFirst(allFirst(hits, p), p);
        if (name) hits = authorHits(name, hits, author);
        // an author link's [family name, initials, the family name's spellings]: its results mark that author alone
        // (authorsLine)
        p.author = name && name.concat([familySpellings(author)]);
        return { plan: p, hits: hits };
      });
    });
  }

  // As sitegen.search.name_parts: [family name, initials] of an author's name, lower-cased ("Geoffrey E.
  // Hinton", "G. E. Hinton", "Hinton, G. E.", "Hinton GE" -> ["hinton", "ge"]); null without one.
  var INITIALS = /^\p{Lu}{2,3}$/u;  // initials written together before the family name (sitegen.search._initials)
  function nameParts(name) {
    var family, given, comma = name.indexOf(",");
    function groups(text) { return text.match(GROUP) || []; }
    if (comma >= 0) {
      family = groups(name.slice(0, comma));
      given = groups(name.slice(comma + 1));
    } else {
      var all = groups(name);
      while (all.length > 1 && ["jr", "sr", "ii", "iii", "iv"].indexOf(all[all.length - 1].toLowerCase()) >= 0) all.pop();
      var last = all[all.length - 1];
      if (all.length > 1 && last.length <= 3 && /^\p{Lu}+$/u.test(last)) { family = all.slice(0, -1); given = Array.from(last); }
      else { family = all.slice(-1); given = all.slice(0, -1); }
    }
    if (!family.length) return null;
    var initials = "";
    given.forEach(function (g) {
      if (INITIALS.test(g)) { initials += cleanText(g); return; }  // "GE Hinton"
      cleanText(g).split(HYPHENS).forEach(function (part) { if (part) initials += part[0]; });
    });
    return [cleanText(family[family.length - 1]).replace(HYPHENS, ""), initials];
  }

  // As sitegen.search_query.author_search: the papers of an author whose family name is the name's and whose
  // initials agree with its initials as far as both go (compatible keys "_family_initials_" in the authors
  // field), ranked by lunr over those keys, those of the name itself first (sameNameFirst); then the other hits.
  // Then those of the name's family name typed with an umlaut as spelt with "e" (speltKeys: "A. Mueller" for "A.
  // M\u00fcller" where no paper writes "M\u00fcller").
  function authorHits(name, hits, author) {
    var keys = keysOf(name[0], name[1]), spelt = speltKeys(author).filter(function (k) { return keys.indexOf(k) < 0; });
    if (!keys.length && !spelt.length) return hits;
    var first = keys.length ? sameNameFirst(rankedKeys(keys), author) : [], seen = new Set();
    first.forEach(function (h) { seen.add(h.n); });
    if (spelt.length) {
      rankedKeys(spelt).forEach(function (h) { if (!seen.has(h.n)) first.push(h); });
      first.forEach(function (h) { seen.add(h.n); });
    }
    return first.concat(hits.filter(function (h) { return !seen.has(h.n); }));
  }

  // As sitegen.search_query._keys_of: the loaded author keys with that family name and initials that agree.
  function keysOf(family, initials) {
    var head = "_" + family + "_";
    return completions(head).filter(function (t) {
      var given = t.slice(head.length, -1);
      return t.length > head.length && t[t.length - 1] === "_" && initialsAgree(given, initials);
    });
  }

  // As sitegen.search_query.spelt_keys: the keys of the name with its family name's umlaut spelt with "e"; none
  // for a family name without one (wordSearch loads their shards: p.speltHead).
  function speltKeys(author) {
    var parts = nameParts(author), spelt = nameParts(speltWithE(author));
    return parts && spelt && spelt[0] !== parts[0] ? keysOf(spelt[0], parts[1]) : [];
  }

  // The papers of author keys, ranked by lunr over them.
  function rankedKeys(keys) {
    var idx = new lunr.Index({
      invertedIndex: store.inverted,
      fieldVectors: store.fieldVectors,
      tokenSet: lunr.TokenSet.fromArray(keys),
      fields: store.manifest.fields,
      pipeline: lunr.Pipeline.load(store.manifest.pipeline)
    });
    return ranked(idx, [keys.map(function (k) { return "authors:" + k; }).join(" ")]);
  }

  // As sitegen.search_query._same_name_first: the hits with an author of the same name first (the name key with the
  // same initials and every word of the name in the authors field: sameNameTerms), then the others, each in their
  // order. QA: the link of "Anna Katharina M\u00fcller" listed "Ay\u015fe M\u00fcller" and "Ana M\u00fcller" above her own papers.
  function sameNameFirst(hits, author) {
    var postings = sameNameTerms(author).map(function (t) { return isTerm(t) ? store.inverted[t].authors || {} : {}; });
    if (!postings.length) return hits;
    function same(h) { return postings.every(function (docs) { return h.n in docs; }); }
    return hits.filter(same).concat(hits.filter(function (h) { return !same(h); }));
  }

  // As sitegen.search_query.same_name_terms: the name key of an author's name and the stems of its words, stop words
  // aside; none for a name without a key.
  function sameNameTerms(author) {
    var parts = nameParts(author), found = [];
    if (!parts) return [];
    ["_" + parts[0] + "_" + parts[1] + "_"].concat(cleanText(author).split(/[^\p{L}\p{N}]+/u).filter(function (w) {
      return w && !isStopWord(w);
    }).map(stem)).forEach(function (t) { if (found.indexOf(t) < 0) found.push(t); });
    return found;
  }

  // As sitegen.search_query._tiered: the hits found with the rare completions of the prefixes left out
  // come first, in that search's order, then the rest. lunr scores each term a prefix expands to
  // by its own rarity: while "learning" is typed, "Learngene" (one paper's word) would outrank
  // every paper on learning.
  function tiered(p, queries) {
    var hits = ranked(index(p, null), queries), rare = rareCompletions(p);
    if (!Object.keys(rare).length) return hits;
    var first = ranked(index(p, rare), queries), seen = new Set();
    first.forEach(function (h) { seen.add(h.n); });
    return first.concat(hits.filter(function (h) { return !seen.has(h.n); }));
  }

  // As sitegen.search_query._rare_completions: the terms a prefix expands to that are in fewer than
  // 1/manifest.common as many papers as its commonest, less the terms other clauses stand for.
  function rareCompletions(p) {
    var kept = Object.create(null), rare = Object.create(null);
    p.stems.filter(isTerm).concat(p.near, p.extra).forEach(function (t) { kept[t] = true; });
    [p.prefix, p.also, p.speltPrefix].forEach(function (prefix) {
      if (prefix === null) return;
      var under = completions(prefix), counts = under.map(papersWith), top = Math.max.apply(null, counts.concat(0));
      under.forEach(function (t, k) {
        if (counts[k] * store.manifest.common < top && !kept[t]) rare[t] = true;
      });
    });
    return rare;
  }

  // The loaded terms that start with prefix, in order.
  function completions(prefix) {
    var all = sortedTerms(), out = [];
    for (var i = lowerBound(all, prefix); i < all.length && all[i].lastIndexOf(prefix, 0) === 0; i++) out.push(all[i]);
    return out;
  }

  // The hits of all the queries, each paper with its best score (as sitegen.search_query._ranked).
  function ranked(idx, queries) {
    var best = new Map();
    queries.forEach(function (query) {
      narrowed(idx, query).search(query).forEach(function (r) {
        var n = Number(r.ref);
        if (!best.has(n) || r.score > best.get(n)) best.set(n, r.score);
      });
    });
    var hits = [];
    best.forEach(function (score, n) { hits.push({ n: n, score: score }); });
    return hits.sort(function (a, b) { return b.score - a.score || a.n - b.n; });
  }

  // As sitegen.search_query.relaxed: every word optional.
  function relaxed(query) {
    return query.split(" ").map(function (c) { return c.replace(/^\+/, ""); }).join(" ");
  }

  // As sitegen.search_query._corrected: a retried word ("word~1") searches only its likeliest correction, the
  // term at edit distance 1 of its stem in most papers (the first of those tied), and its light form's clause
  // the near light form with that stem, if any. The near terms are found in search/terms.json (fetched on the
  // first miss; only terms one character longer or shorter can be that near) and their shards loaded. A near
  // term that the word's near light forms stem to comes first ("segmantation": "segment", not "semant"). A word
  // whose stem is near no term but whose light form is near one is searched as that form's word (searchedAs); one
  // near neither as the word of the papers near it whose stem is in most papers ("prunign", "classificaion").
  function nearby(p) {
    if (!p.fuzzy.length) return Promise.resolve(p);
    return once("terms", function () {
      return fetchJSON("search/terms.json").then(function (terms) { store.vocabulary = terms; });
    }).then(function () {
      var found = {}, missing = [];
      p.fuzzy.forEach(function (w) {
        found[w] = [near(stem(w)), p.fuzzyExact[w] ? near(p.fuzzyExact[w]) : [], []];
        p.near = p.near.concat(found[w][0], found[w][1]);
        if (!found[w][0].length) p.near = p.near.concat(found[w][1].map(function (l) { return stem(l.slice(1, -1)); }));
        if (!found[w][0].length && !found[w][1].length) missing.push(w);
      });
      // Near neither by its stem nor by its light form: the words of the papers near it (search/words.json, fetched
      // on the first such word), their stems' shards loaded with the rest.
      return (missing.length ? once("words", function () {
        return fetchJSON("search/words.json").then(function (words) { store.words = words; });
      }) : Promise.resolve()).then(function () {
        missing.forEach(function (w) {
          found[w][2] = nearWords(w);
          p.near = p.near.concat(found[w][2].map(stem), found[w][2].map(exactTerm));
        });
        return loadShards(neededShards(p));
      }).then(function () {
        p.near = [];
        p.fuzzy.forEach(function (w) {
          var best;
          if (found[w][0].length) {
            var backed = found[w][0].filter(function (t) {
              return found[w][1].some(function (l) { return stem(l.slice(1, -1)) === t; });
            });
            best = likeliest(backed.length ? backed : found[w][0]);
          } else if (found[w][1].length) {
            var word = likeliest(found[w][1]).slice(1, -1);
            best = stem(word);
            searchedAs(p, w, word);
          } else if (found[w][2].length) {
            var written = likeliest(found[w][2], stem);
            best = stem(written);
            searchedAs(p, w, written, true);
            if (isTerm(exactTerm(written))) p.near.push(exactTerm(written));
          } else {
            p.fixes[w] = [];
            return;
          }
          var forms = found[w][1].filter(function (t) { return stem(t.slice(1, -1)) === best; });
          p.fixes[w] = [best];
          p.near.push(best);
          if (forms.length) p.near.push(likeliest(forms));
        });
        return p;
      });
    });
  }

  // As sitegen.search_query._searched_as: the queries with the retried word's clause ("+field:word~1") searching word;
  // written (a word of the papers): its light-form clause too, searching the word's light form if that is a term.
  function searchedAs(p, retriedWord, word, written) {
    var clause = new RegExp("^(\\+?)((?:[\\p{L}\\p{N}_]+:)?)" + retriedWord + "~1$", "u");
    var light = new RegExp("^((?:[\\p{L}\\p{N}_]+:)?)" + exactTerm(retriedWord) + "~1\\^(\\d+)$", "u");
    var term = exactTerm(word), lightAs = isTerm(term) ? "$1" + term + "^$2" : "";
    p.queries = p.queries.map(function (q) {
      return q.split(" ").map(function (c) {
        return written && light.test(c) ? c.replace(light, lightAs) : c.replace(clause, "$1$2" + word);
      }).filter(function (c) { return c; }).join(" ");
    });
    p.query = p.queries[0];
  }

  // As sitegen.search_query._near_words: the words of the papers at edit distance 1 of word.
  function nearWords(word) {
    return within1(store.words, word);
  }

  function near(term) {
    if (!store.near[term]) store.near[term] = within1(store.vocabulary, term);
    return store.near[term];
  }

  // The strings of a sorted list at edit distance 1 of word (only those one character longer or shorter can be).
  function within1(sorted, word) {
    var close = sorted.filter(function (t) { return Math.abs(t.length - word.length) <= 1; });
    return lunr.TokenSet.fromArray(close).intersect(lunr.TokenSet.fromFuzzyString(word, 1)).toArray();
  }

  // As sitegen.search_query._likeliest: the term in most papers, the first (string order) of those tied; termOf: the
  // term a string stands for (a word's stem), if not itself; no term, no papers.
  function likeliest(terms, termOf) {
    function papers(t) { var term = termOf ? termOf(t) : t; return isTerm(term) ? papersWith(term) : 0; }
    return terms.reduce(function (a, b) {
      var pa = papers(a), pb = papers(b);
      return pb > pa || (pb === pa && b < a) ? b : a;
    });
  }

  function chunkOf(n) {
    var starts = store.manifest.chunks, lo = 0, hi = starts.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= n) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  function loadDocs(numbers) {
    return Promise.all(numbers.map(function (n) {
      var c = chunkOf(n);
      return once("d" + c, function () {
        return fetchJSON("search/d/" + c + ".json").then(function (rows) { store.chunks[c] = rows; });
      });
    }));
  }

  function doc(n) {
    var c = chunkOf(n), row = store.chunks[c][n - store.manifest.chunks[c]];
    var flags = row[5] || 0;  // sitegen/search.py _doc_chunks: 1 authors cut short, 2 title derived from the abstract
    return {
      url: row[0], title: row[1], date: row[2], abstract: row[3], authors: row[4] || [],
      cutShort: (flags & 1) === 1, derived: (flags & 2) === 2, venue: row[6] || ""
    };
  }

  function themeOf(n) {
    var themes = store.manifest.themes;
    for (var i = 0; i < themes.length; i++) {
      if (n >= themes[i][2] && n < themes[i][3]) return themes[i];
    }
    return ["", "", 0, 0];
  }

  /* ---------- rendering (text nodes only) ---------- */

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // The query's words as the results mark them, one test each of a word of paper text (folded, lower-cased) and
  // its stem: a word searched, as typed or by its stem (the word being typed also by its prefix), a retried word's
  // correction, two neighbours searched joined ("in context": "incontext"). nameScore counts the tests a name passes.
  // whole: without the word being typed as a prefix, for a hyphenated word marked whole (partSpans): "diffusion"
  // being typed marks the "Diffusion" of "Diffusion-Based", as it does once finished, not the whole word.
  // field: the field of the text marked ("title:", "abstract:", "authors:"); a word searched in one field
  // ("author:wang") marks only text of that field.
  function marks(p, whole, field) {
    var key = (whole ? "wholeMarks" : "marks") + (field || "");
    if (p[key]) return p[key];
    function inField(word) { return !field || !p.fields[word] || p.fields[word] === field; }
    var prefixes = [p.prefix, p.also, p.speltPrefix].filter(function (x) { return x !== null; });
    function byPrefix(w, s) {
      return prefixes.some(function (x) { return w.lastIndexOf(x, 0) === 0 || s.lastIndexOf(x, 0) === 0; });
    }
    var tests = p.words.map(function (word, i) {
      // "müller" typed: "Mueller" marked too; "muller" typed: "Mueller" where the papers write "Müller" too
      var e = (p.spelt || {})[word] || twinOf(word), es = e && stem(e);
      return function (w, s) {
        return inField(word) && (w === word || s === p.stems[i] || (!whole && i === p.typedAt && byPrefix(w, s)) ||
          (!!e && (w === e || s === es || (!whole && i === p.typedAt && w.lastIndexOf(e, 0) === 0))));
      };
    });
    // A stop word being typed ("th"), when it is all there is: beside other words ("attention is") it marked "is" and
    // "issue" and centred the snippets on them.
    if (!whole && p.typedAt < 0 && prefixes.length && !p.words.length && !p.fuzzy.length) tests.push(byPrefix);
    p.fuzzy.forEach(function (word) {
      var fix = p.fixes[word] || [];
      tests.push(function (w, s) { return inField(word) && fix.indexOf(s) >= 0; });
    });
    var joined = p.joined.filter(isTerm);
    if (joined.length) tests.push(function (w, s) { return joined.indexOf(s) >= 0; });
    return (p[key] = tests);
  }

  // Whether a word of paper text is one the query found (accents folded, as the index folds them: "Padé" for "pade";
  // one with an umlaut also as spelt with "e", as the index also holds it: "Müller" for "mueller"; one with a twin
  // also as that: "Mueller" for "muller", "Muller" for "mueller", where the papers write "Müller" too).
  function isMatch(word, p, whole, field) {
    var w = fold(word.toLowerCase()).replace(HYPHENS, ""), s = stem(w);  // "TNF\u03b1" folds to "tnf-alpha"
    var e = HAS_UMLAUT.test(word.normalize("NFC")) ? fold(speltWithE(word).toLowerCase()).replace(HYPHENS, "") :
      twinOf(w) || w;
    var es = stem(e);
    return marks(p, whole, field).some(function (test) { return test(w, s) || (e !== w && test(e, es)); });
  }

  // A word of paper text with the words hyphenated to it ("in-context", "U-Net", "vision-language-action").
  var HYPHENATED = new RegExp(WORD.source + "(?:[-\\u2010\\u2011\\u207b\\u208b]" + WORD.source + ")*", "gu");

  // The [start, end] spans of text the query found, each marked whole: a hyphenated word when the query found it
  // joined, as the index also holds it (sitegen.search.index_words: "in-context" for "in-context learning" or "in
  // context learning", "U-Net" for "u-net"); else each two neighbours of one of three parts or more, joined; else
  // each word that matches.
  function matchSpans(text, p, field) {
    var spans = [], m;
    HYPHENATED.lastIndex = 0;
    while ((m = HYPHENATED.exec(text)) !== null) {
      var at = m.index, parts = [];
      Array.from(m[0].matchAll(WORD), function (w) {
        parts.push.apply(parts, greekParts({ start: at + w.index, end: at + w.index + w[0].length, text: w[0] }));
      });
      spans.push.apply(spans, partSpans(parts, p, field));
    }
    return spans;
  }

  // A word of paper text in the parts fold writes apart (greekSpelt): each Greek letter of a run shorter than
  // GREEK_WORD is one ("TNF\u03b1": "TNF" and "\u03b1"), so "alpha" marks the "\u03b1" as it does that of "TNF-\u03b1".
  var UNIT = /[\s\S][\u0300-\u036f]*/gu;  // a character and the accents written apart after it
  function greekParts(word) {
    var units = Array.from(word.text.matchAll(UNIT), function (u) { return [u.index, u[0]]; }), parts = [];
    var alone = units.map(function (u) { return Object.prototype.hasOwnProperty.call(GREEK, u[1].normalize("NFD")[0]); });
    if (alone.indexOf(true) < 0) return [word];
    for (var i = 0, j; i < units.length; i = j) {  // a run of GREEK_WORD letters or more is a word: one part
      for (j = i + 1; j < units.length && alone[j] === alone[i]; j++);
      if (alone[i] && j - i >= GREEK_WORD) alone.fill(false, i, j);
    }
    units.forEach(function (u, k) {
      var last = parts[parts.length - 1], start = word.start + u[0];
      if (last && !alone[k] && !last.alone) { last.end = start + u[1].length; last.text += u[1]; }
      else parts.push({ start: start, end: start + u[1].length, text: u[1], alone: alone[k] });
    });
    return parts;
  }

  // The spans of one hyphenated word's parts that the query found (see matchSpans).
  function partSpans(parts, p, field) {
    var last = parts[parts.length - 1], tied = [], spans = [];
    if (parts.length > 1 && isMatch(parts.map(function (x) { return x.text; }).join(""), p, true, field)) return [[parts[0].start, last.end]];
    var on = parts.map(function (x) { return isMatch(x.text, p, false, field); });
    for (var i = 0; parts.length > 2 && i + 1 < parts.length; i++) {
      tied[i] = isMatch(parts[i].text + parts[i + 1].text, p, true, field);
      if (tied[i]) on[i] = on[i + 1] = true;
    }
    on.forEach(function (marked, k) {
      if (!marked) return;
      if (k && tied[k - 1]) spans[spans.length - 1][1] = parts[k].end;  // joined to the one before: one mark
      else spans.push([parts[k].start, parts[k].end]);
    });
    return spans;
  }

  // Append text to parent, wrapping what the query found in <mark> (matchSpans).
  function highlight(parent, text, p, field) {
    var last = 0;
    matchSpans(text, p, field).forEach(function (span) {
      if (span[0] > last) parent.appendChild(document.createTextNode(text.slice(last, span[0])));
      parent.appendChild(el("mark", "", text.slice(span[0], span[1])));
      last = span[1];
    });
    if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
    return parent;
  }

  // About manifest.snippet characters of the abstract, from a word boundary: around its first
  // word that matches the query (a third of the length before it), or its start when no word
  // does or the first one is near the start; an ellipsis wherever the abstract is cut.
  function snippet(text, p) {  // of the abstract
    var limit = store.manifest.snippet, spans, at;
    if (text.length <= limit) return text;
    spans = matchSpans(text, p, "abstract:");
    at = spans.length ? spans[0][0] : 0;
    var start = Math.min(Math.max(0, at - Math.round(limit / 3)), text.length - limit);
    if (start > 0) {
      var space = text.indexOf(" ", start - 1);
      start = space < 0 || space >= at ? at : space + 1;
    }
    var end = start + limit;
    if (end < text.length) {
      var cut = text.lastIndexOf(" ", end);
      if (cut > start + limit / 2) end = cut;
    }
    var body = text.slice(start, end);
    if (end < text.length) body = body.replace(/[\s,;:]+$/, "") + "\u2026";
    return (start > 0 ? "\u2026" : "") + body;
  }

  // A result: a link around an article of title, authors, theme, date, venue and snippet. The article has no role of
  // its own (role="none"), so that the link is named by what it holds, title first: Chrome names a link from its
  // content only down to an article, and a screen reader said "link" and nothing more on every result (QA, by
  // Chrome's accessibility tree). Not the title alone (aria-labelledby): a link's name holds the text it shows
  // (WCAG 2.5.3, axe's label-content-name-mismatch), so that the words one sees are the words that name it.
  function item(n, p) {
    var d = doc(n), theme = themeOf(n);
    var li = el("li", "md-search-result__item");
    var link = el("a", "md-search-result__link");
    link.href = url(d.url);
    link.tabIndex = -1;
    link.setAttribute("data-sitegen-search-hit", "");
    var article = el("article", "md-search-result__article md-typeset");
    article.setAttribute("role", "none");
    article.appendChild(el("div", "md-search-result__icon md-icon"));
    article.appendChild(highlight(el("h1", "sitegen-search__title"), d.title, p, "title:"));
    if (d.authors.length) article.appendChild(authorsLine(d, p));
    var meta = el("p", "sitegen-search__meta");
    meta.appendChild(el("span", "sitegen-search__theme", theme[1]));
    if (d.date) meta.appendChild(el("time", "sitegen-search__date", d.date));
    // The journal or proceedings, its words marked where the query found them there ("lancet": The Lancet).
    if (d.venue) meta.appendChild(highlight(el("span", "sitegen-search__venue"), d.venue, p, "venue:"));
    // As the site's lists: a title the input did not give is said to be derived (enrich.synthesize_title).
    if (d.derived) meta.appendChild(el("span", "sitegen-search__synth", "title derived from the abstract"));
    article.appendChild(meta);
    article.appendChild(highlight(el("p", "sitegen-search__snippet"), snippet(d.abstract, p), p, "abstract:"));
    link.appendChild(article);
    li.appendChild(link);
    return li;
  }

  // As sitegen.search_query.author_parts: [text, is a name] pieces of the authors a result shows, the first
  // RESULT_AUTHORS names and the RESULT_MATCHED later ones that match best (score: how many of the query's words
  // they hold; more first, then in order), each after "\u2026" when names are skipped before it ("Vaswani, Shazeer,
  // Parmar \u2026 Kaiser et al."), then "et al." when names follow.
  var RESULT_AUTHORS = 3, RESULT_MATCHED = 3;
  function authorParts(names, cutShort, score) {
    var shown = [], parts = [], scored = [];
    names.forEach(function (name, k) {
      if (k < RESULT_AUTHORS) shown.push(k);
      else scored.push([score(name), k]);
    });
    scored = scored.filter(function (x) { return x[0] > 0; }).sort(function (a, b) { return b[0] - a[0] || a[1] - b[1]; });
    shown = shown.concat(scored.slice(0, RESULT_MATCHED).map(function (x) { return x[1]; }).sort(function (a, b) { return a - b; }));
    shown.forEach(function (k, i) {
      if (i) parts.push([k === shown[i - 1] + 1 ? ", " : " \u2026 ", false]);
      parts.push([names[k], true]);
    });
    if (shown.length && (shown[shown.length - 1] < names.length - 1 || cutShort)) parts.push([" et al.", false]);
    return parts;
  }

  // The authors line of a result, the query's words marked in the names (a name matched past the first three is
  // shown too: "kaiser" finds "Attention is all you need", whose result then says why).
  // An author link's results (p.author) show and mark the name that may be that author's, whole ("Yi Wang", not
  // every Wang; "Geoffrey E. Hinton" for "G. E. Hinton"), and no other.
  function authorsLine(d, p) {
    var line = el("p", "sitegen-search__authors");
    function score(name) { return p.author ? Number(sameAuthor(name, p.author)) : nameScore(name, p); }
    authorParts(d.authors, d.cutShort, score).forEach(function (part) {
      if (!part[1]) line.appendChild(document.createTextNode(part[0]));
      else if (!p.author) highlight(line, part[0], p, "authors:");
      else line.appendChild(sameAuthor(part[0], p.author) ? el("mark", "", part[0]) : document.createTextNode(part[0]));
    });
    return line;
  }

  // As sitegen.search_query.same_author: whether a name may be the author of parts ([family name, initials,
  // spellings]: nameParts, familySpellings): the same family name, initials one the start of the other (compatible
  // keys, authorHits). The family names compared by their spellings: "A. Mueller" may be the "Anna Müller" of a
  // link, and "A. Muller" where the papers write "Müller" too, as the index finds their papers for it
  // (sitegen.search.author_words).
  function sameAuthor(name, parts) {
    var own = nameParts(name);
    return !!own && familySpellings(name).some(function (f) { return parts[2].indexOf(f) >= 0; }) &&
      initialsAgree(own[1], parts[1]);
  }

  // As sitegen.search_query.family_spellings: a family name as written and its other spelling, with "e" for an
  // umlaut or its twin ("Müller": ["muller", "mueller"]); [] without a family name.
  function familySpellings(name) {
    var parts = nameParts(name), spelt = nameParts(speltWithE(name));
    if (!parts) return [];
    var other = spelt && spelt[0] !== parts[0] ? spelt[0] : twinOf(parts[0]);
    return other === null ? [parts[0]] : [parts[0], other];
  }

  // As sitegen.search_query._initials_agree: one is the start of the other ("ge" and "g"; "" and any).
  function initialsAgree(a, b) {
    return a.lastIndexOf(b, 0) === 0 || b.lastIndexOf(a, 0) === 0;
  }

  // As sitegen.search_query.name_score: how many of the query's words (marks) some word of the name holds, its
  // hyphenated parts also joined as the index holds them ("Jean-Pierre" as "jeanpierre"), each also by its other
  // spelling ("Müller" for "mueller", "Mueller" for "muller" where the papers write "Müller" too).
  function nameScore(name, p) {
    var spelt = speltWords(name), held = [];
    indexWords(name).forEach(function (w) {
      var other = spelt[w] || twinOf(w);
      held.push([w, stem(w)]);
      if (other) held.push([other, stem(other)]);
    });
    return marks(p, false, "authors:").filter(function (test) {
      return held.some(function (ws) { return test(ws[0], ws[1]); });
    }).length;
  }

  // As sitegen.search.index_words: the words of a text, a hyphenated one also joined, and of three parts or more
  // each two neighbours joined too.
  function indexWords(text) {
    var found = [], cleaned = cjkBigrams(cleanText(text));
    Array.from(cleaned.matchAll(GROUP)).forEach(function (m) {
      if (possessive(cleaned, m.index, m[0])) return;  // "Barrett's": no "s"
      var parts = m[0].split(HYPHENS);
      found.push.apply(found, parts);
      if (parts.length > 1) found.push(parts.join(""));
      for (var i = 0; parts.length > 2 && i + 1 < parts.length; i++) found.push(parts[i] + parts[i + 1]);
    });
    return found;
  }

  // The paper's year as a string ("" when it has no date), from search/years.json: no doc chunk needed.
  function yearOf(n) {
    var years = store.years;
    return years && years[1][n] ? String(years[0] + years[1][n]) : "";
  }

  // search/years.json, once, when the site has dates (the manifest says so); fetched with the first results.
  function loadYears() {
    if (!store.manifest.years) return Promise.resolve();
    return once("years", function () {
      return fetchJSON("search/years.json").then(function (years) { store.years = years; });
    });
  }

  // As sitegen.search_query._YEAR_WORD: a year typed as a word of its own, between spaces (not "+2024", "title:2024").
  var YEAR_WORD = new RegExp("(?<![^" + SPACES + "])((?:19|20)[0-9][0-9])(?![^" + SPACES + "])", "g");

  // As sitegen.search_query._typed_year: {year, rest} of the one year typed as a word of its own, when some paper is from
  // it (search/years.json, loaded before: run), the rest cleaned, the year a space; else null.
  function typedYear(text) {
    var cleaned = clean(text), found = cleaned.match(YEAR_WORD) || [], years = store.years, named = identifierQuery(text);
    if (found.length !== 1 || !years || (named && named.named)) return null;  // "PMID: 2019" is that paper's number
    var year = Number(found[0]);
    if (!years[1].some(function (y) { return y && years[0] + y === year; })) return null;
    var raw = text.match(YEAR_WORD) || [];  // "m\u00fcller 2024": "m\u00fcller" searched as typed (plan), also as "mueller"
    if (Object.keys(speltWords(text)).length && raw.length === 1 && raw[0] === found[0]) {
      return { year: found[0], rest: text.replace(YEAR_WORD, " ") };
    }
    return { year: found[0], rest: cleaned.replace(YEAR_WORD, " ") };
  }

  // As sitegen.search_query.year_query: the typed year when the rest searches for something: "diffusion 2024" searches
  // "diffusion" and chooses 2024 in the year filter (chooseFilters): a year beside words means the date.
  function yearQuery(text) {
    var found = typedYear(text);
    return found && plan(found.rest, false).query ? found : null;
  }

  // As sitegen.search_query._year_beside_nothing: the typed year when the rest searches for nothing ("2024", "the 2024",
  // "-diffusion 2024"): its papers are shown when the search finds nothing (yearHits).
  function yearAlone(text) {
    var found = typedYear(text);
    return found && !plan(found.rest, false).query ? found : null;
  }

  // As sitegen.search_query.year_hits: the papers from the year of a query that is a year beside words that search for
  // nothing (yearAlone), in store order, less those with a word it leaves out ("-diffusion 2024"; their shards are
  // fetched first). "2024" is no seed paper's word; 15 seed papers are from 2024.
  function yearHits(alone) {
    var left = leftOut(alone.rest), years = store.years;
    var shards = left.map(function (t) { return shardOf(t[1]); }).filter(function (n, k, all) { return all.indexOf(n) === k; });
    return loadShards(shards).then(function () {
      var out = [];
      years[1].forEach(function (y, n) {
        if (y && String(years[0] + y) === alone.year && !holdsAny(n, left)) out.push({ n: n, score: 0 });
      });
      return out;
    });
  }

  // As sitegen.search_query.left_out: [field or "", term] of each word the query leaves out ("-title:gan"), its stem;
  // a word typed with an umlaut also as spelt with "e" ("-m\u00fcller" leaves out "Mueller" too).
  function leftOut(text) {
    var spelt = speltWords(text), out = [];
    leftOutWords(text).forEach(function (w) {
      [w, speltWord(w, spelt)].forEach(function (x) {
        var pair = x && [x.field.replace(/:$/, ""), stem(x.text)];
        if (pair && !out.some(function (o) { return o[0] === pair[0] && o[1] === pair[1]; })) out.push(pair);
      });
    });
    return out;
  }

  // The words (parseQuery) a query leaves out: "-word", "NOT word", '-"dark matter"', "title:(tumor -carcinoma)"...
  function leftOutWords(text) {
    var parsed = parseQuery(text), all = parsed.words.concat(parsed.typing ? [parsed.typing] : []);
    return all.filter(function (w) { return w.sign === "-" && !isStopWord(w.text); });
  }

  // As sitegen.search_query._holds_any: whether paper n holds one of the [field or "", term] pairs (leftOut).
  function holdsAny(n, left) {
    return left.some(function (t) {
      var posting = store.inverted[t[1]];
      return !!posting && (t[0] ? [t[0]] : store.manifest.fields).some(function (f) { return n in (posting[f] || {}); });
    });
  }

  // The query as typed without its year (for the status line), accents and case kept.
  function withoutYear(q) {
    return q.replace(YEAR_WORD, " ").replace(/\s+/g, " ").trim();
  }

  // The words a query leaves out as it reads them (leftOutWords: also after NOT, inside quotes and brackets), for the
  // status line of a year's papers: ' without “diffusion”', ' without “title:gan”'.
  function withoutWords(q) {
    var left = leftOutWords(q).map(function (w) { return w.field + w.text; }).filter(function (t, k, all) {
      return all.indexOf(t) === k;
    });
    return left.length ? " without " + left.map(function (t) { return "\u201c" + t + "\u201d"; }).join(" or ") : "";
  }

  // The year typed in the query ("" when none: yearQuery) chooses the year filter when it changes: typed or changed,
  // it is chosen; gone from the query, "All years" is. Otherwise the choice stands: "All years" picked after
  // "diffusion 2024" stays while more words are typed, and the typed year across theme changes. A year picked from
  // the menu that is not the typed one stays while the new results offer it (two years or more in the theme, that
  // one among them). The chosen theme stays, also while none of the hits is in it (facets: themeNone): a word
  // half typed ("diffusion 20") drops no choice.
  // The year of the address (view.pinned, from fromLocation) is chosen by the first search that gives results, over
  // the typed one, if some hit is from it; a theme the site does not have is none (an old link: labels change).
  function chooseFilters(typed) {
    var pinned = view.pinned;
    if (view.theme && !store.manifest.themes.some(function (t) { return t[0] === view.theme; })) view.theme = "";
    view.pinned = null;
    if (pinned === "all" || (pinned && view.hits.some(function (h) { return yearOf(h.n) === pinned; }))) {
      followTyped(typed);
      view.year = pinned === "all" ? "" : pinned;
      view.yearFromQuery = view.year !== "" && view.year === typed;
      return;
    }
    if (!followTyped(typed) && view.year && !view.yearFromQuery && !offered(view.year)) view.year = "";
  }

  // The typed year chosen when it changed (see chooseFilters); says whether it did.
  function followTyped(typed) {
    if (typed === view.typed) return false;
    view.typed = view.year = typed;
    view.yearFromQuery = typed !== "";
    return true;
  }

  // Whether the hits of the chosen theme span two years or more, year among them.
  function offered(year) {
    var themed = view.hits.filter(inTheme), counts = tally(themed.length ? themed : view.hits, hitYear);
    delete counts[""];
    return Object.keys(counts).length >= 2 && year in counts;
  }

  function hitYear(h) {
    return yearOf(h.n);
  }

  function inTheme(h) {
    return !view.theme || themeOf(h.n)[0] === view.theme;
  }

  // How many of list have each key(item).
  function tally(list, key) {
    var counts = {};
    list.forEach(function (item) { var k = key(item); counts[k] = (counts[k] || 0) + 1; });
    return counts;
  }

  // As sitegen.search_query.filtered: the hits of the chosen theme from the chosen year (all of the theme's when none is
  // from it: none; every theme's when none is in it: themeNone), and the menus, each counted within the other's choice (themes within the year, of every year
  // when no hit is from it; years within the theme), so a count is what choosing it shows. A menu lists what has
  // hits and what is chosen (0 when it has none); the year menu also the typed year, and shows when it lists two
  // years or a year is chosen or typed, so it can always be undone.
  function facets() {
    var year = view.year, themed = view.hits.filter(inTheme), themeNone = view.theme !== "" && !themed.length;
    if (themeNone) themed = view.hits;  // none in the chosen theme: all of them, and the status line says so
    function ofYear(h) { return yearOf(h.n) === year; }
    var dated = year ? themed.filter(ofYear) : [], inYear = year ? view.hits.filter(ofYear) : [];
    var counted = inYear.length ? inYear : view.hits;
    var byTheme = tally(counted, function (h) { return themeOf(h.n)[0]; }), byYear = tally(themed, hitYear);
    var themes = store.manifest.themes.filter(function (t) { return byTheme[t[0]] || t[0] === view.theme; });
    var years = Object.keys(byYear).filter(Boolean);
    [year, view.typed].forEach(function (y) { if (y && years.indexOf(y) < 0) years.push(y); });
    years.sort().reverse();
    return {
      shown: dated.length ? dated : themed,
      none: year !== "" && !dated.length,
      themeNone: themeNone,
      all: counted.length,
      themes: themes.map(function (t) { return [t[0], t[1], byTheme[t[0]] || 0]; }),
      allYears: themed.length,
      years: years.map(function (y) { return [y, byYear[y] || 0]; }),
      yearsShown: years.length >= 2 || year !== "" || view.typed !== ""
    };
  }

  // The query as its results read: each retried word replaced by its correction (p.fixes, the
  // likeliest term near it: "atention" -> "attent"), as the word of the results that stems to it spelt nearest to
  // what was typed, then most often, then first ("prunning" -> "pruning", where the first such word read "prune"),
  // or as that term if none does; the rest as typed, lower-cased but for the boolean words (BOOLEAN): "difusion NOT
  // pruning" reads "diffusion NOT pruning" (it read "diffusion not pruning", which searches both words). The results
  // read are the first CORRECTION_DOCS whose doc chunk is loaded (no fetch for it: the first page's always are).
  var CORRECTION_DOCS = 200;
  function corrected(p, hits, text) {
    var shown = hits.filter(function (h) { return store.chunks[chunkOf(h.n)]; }).slice(0, CORRECTION_DOCS);
    var typed = text.replace(/\p{Cf}/gu, ""), read = "", last = 0;
    typed.replace(BOOLEAN, function (m, at) {
      read += lowered(typed.slice(last, at)) + m;
      last = at + m.length;
      return m;
    });
    read += lowered(typed.slice(last));
    return read.replace(OPERATOR, " ").trim().replace(GROUP, function (m) {
      var w = fold(m).replace(HYPHENS, "");
      if (!p.fixes[w] || !p.fixes[w].length) return m;
      var counts = new Map(), most = null;
      shown.forEach(function (h) {
        var d = doc(h.n);
        wordsFor(d.title + " " + d.abstract, p.fixes[w][0]).forEach(function (x) { counts.set(x, (counts.get(x) || 0) + 1); });
      });
      counts.forEach(function (n, x) {
        var by = most === null ? -1 : editDistance(w, fold(x)) - editDistance(w, fold(most));
        if (by < 0 || (by === 0 && n > counts.get(most))) most = x;
      });
      return most || p.fixes[w][0];
    });
  }

  // For each retried word's correction, the first hit among the first CORRECTION_DOCS that holds it: its doc chunk
  // is loaded with the page, so that the status line reads the word as a paper spells it ("difusion prunning": the
  // first results, on diffusion, held no "pruning", and it read "diffusion prune", the stem).
  function spellingDocs(p, hits) {
    var found = [];
    p.fuzzy.forEach(function (w) {
      var term = (p.fixes[w] || [])[0], posting = term && store.inverted[term];
      if (!posting) return;
      var hit = hits.slice(0, CORRECTION_DOCS).find(function (h) {
        return ["title", "abstract"].some(function (field) { return posting[field] && h.n in posting[field]; });
      });
      if (hit) found.push(hit.n);
    });
    return found;
  }

  // Levenshtein's distance between two words.
  function editDistance(a, b) {
    var row = Array.from({ length: b.length + 1 }, function (_, j) { return j; });
    for (var i = 1; i <= a.length; i++) {
      var diagonal = row[0];
      row[0] = i;
      for (var j = 1; j <= b.length; j++) {
        var above = row[j];
        row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
        diagonal = above;
      }
    }
    return row[b.length];
  }

  function papersWith(term) {
    var posting = store.inverted[term], seen = {};
    store.manifest.fields.forEach(function (field) { Object.assign(seen, posting[field]); });
    return Object.keys(seen).length;
  }

  // The words of text (lower-cased) that stem to term, in order.
  function wordsFor(text, term) {
    return (text.match(WORD) || []).map(function (x) { return x.toLowerCase(); }).filter(function (x) {
      return stem(fold(x)) === term;
    });
  }

  // The status line is two elements (partials/search.html): the line shown (ui.status, hidden from screen readers),
  // written at once with the results, and a visually hidden polite live region (ui.live) with the same text, which a
  // screen reader reads out each time it is written, even with the same text. QA: every key typed re-announced "44
  // matching papers" while the count stood still ("diffusion model" typed key by key wrote it 13 times for 4 changes),
  // and "Show more" announced it again: the live region is written only when its text changes. QA, 2026-12-01: the
  // count still changes on many keys of a query typed key by key ("d" ... "diffusion model"), and a screen reader read
  // out a stream of counts no one had asked for ("212 matching papers", "57 matching papers", ...). A typed search
  // (typing: run for the query box's input event) writes the live region once typing pauses, ANNOUNCE_MS after its results and
  // after the last key (hush), with the text shown then; what is not typing (a theme or year picked, "Show more", the
  // clear button, a ?q= link, an error or the file:// message) writes it at once, and drops a typed announcement still
  // waiting: the text shown is the latest. (A theme picked while a typed search is still running is filtered into its
  // results, refilter, and waits with them.)
  // As GOV.UK's accessible-autocomplete delays its status message: long enough for the gap between keys of someone
  // typing (a few hundred ms, longer on a phone or with a screen reader echoing each key), short enough that the count
  // follows soon after the last key. A typed announcement waits only while the search is open: closing it drops the
  // one waiting (close, hush; or Material closing it, checked when it is due), and a typed search whose results arrive
  // after the close says nothing (Esc within a second of the last key had the closed search read out "44 matching
  // papers" over the page).
  var ANNOUNCE_MS = 1000;
  var announcing = 0;  // the timer of a typed announcement waiting, else 0
  function status(text, typing) {
    if (ui.status.textContent !== text) ui.status.textContent = text;
    hush();
    if (!typing) announce();
    else if (isOpen()) announcing = setTimeout(function () { if (isOpen()) announce(); else announcing = 0; }, ANNOUNCE_MS);
  }

  // The live region says what the status line shows, if it does not already.
  function announce() {
    announcing = 0;
    var text = ui.status.textContent;
    if (ui.live.textContent !== text) ui.live.textContent = text;
  }

  // A key typed: the announcement waiting is dropped; the key's search writes its own (or a later one does). The search
  // closed (close): it is dropped, and none follows.
  function hush() {
    clearTimeout(announcing);
    announcing = 0;
  }

  // The theme menu, counted within the chosen year (facets), then the year menu.
  function renderFilter() {
    var f = facets();
    fill(ui.filter, "All themes (" + f.all + ")", f.themes.map(function (t) { return [t[0], t[1] + " (" + t[2] + ")"]; }));
    ui.filter.value = view.theme;
    ui.filter.hidden = view.hits.length === 0;
    fill(ui.year, "All years (" + f.allYears + ")", f.years.map(function (y) { return [y[0], y[0] + " (" + y[1] + ")"]; }));
    ui.year.value = view.year;
    ui.year.hidden = view.hits.length === 0 || !f.yearsShown;
  }

  // A menu's options: first "" (all), then [value, text] pairs.
  function fill(select, all, options) {
    select.textContent = "";
    [["", all]].concat(options).forEach(function (o) {
      var option = el("option", "", o[1]);
      option.value = o[0];
      select.appendChild(option);
    });
  }

  // Every word shorter than minPrefix or a stop word ("a", "of"): nothing a paper could be found by. Not a field's
  // name (parseQuery): 'title:"d' is too short.
  function tooShort(q) {
    var parsed = parseQuery(q), words = parsed.words.concat(parsed.typing ? [parsed.typing] : []);
    return words.every(function (w) { return w.text.length < store.manifest.minPrefix || isStopWord(w.text); });
  }

  // The field's name, as typed with its ":", of a query that is field names without a word ("title:", 'title:"'),
  // else null: it said "No papers match “title:”. Check the spelling or remove a word." while "title:" was typed.
  var FIELD_NAME = /(?:^|[^\p{L}\p{N}])((?:title|abstract|authors?|repo):)/iu;
  function fieldAlone(q) {
    var parsed = parseQuery(q), m = q.match(FIELD_NAME);
    return m && !parsed.words.length && !parsed.typing ? m[1] : null;
  }

  // typing: for a search typed in the box, whose status line is announced once typing pauses (status).
  function renderList(reset, typing) {
    var f = facets(), hits = f.shown, seq = view.seq;
    if (reset) { ui.list.textContent = ""; view.shown = 0; }
    var page = hits.slice(view.shown, view.shown + PAGE).map(function (h) { return h.n; });
    return loadDocs(page.concat(spellingDocs(view.plan, hits))).then(function () {
      if (seq !== view.seq) return;
      var fragment = document.createDocumentFragment();
      page.forEach(function (n) { fragment.appendChild(item(n, view.plan)); });
      if (reset) ui.list.textContent = "";
      ui.list.appendChild(fragment);
      view.shown += page.length;
      ui.more.hidden = view.shown >= hits.length;
      view.picked = false;
      status(statusLine(hits, f.none, f.themeNone), typing);
      ui.root.setAttribute("data-sitegen-search-state", "done");
      view.done = seq;
      openTop();
    });
  }

  // sitegen.search_query.IDENTIFIER_NAMES: how the status line names a pasted identifier no paper has.
  var IDENTIFIER_NAMES = { doi: "DOI", pmid: "PMID", arxiv: "arXiv id" };

  // What the status line says of the hits shown; fromNone: no hit of the chosen theme is from the chosen year, so
  // all of them are shown; themeNone: no hit is in the chosen theme, so those of every theme are (facets). A project's own pages are searched too (theme PAGES): then the hits are
  // "results", not all papers. The filters that narrowed the hits are named (filters), a year picked from the menu
  // too: QA, a screen reader heard "28 matching papers" once "Diffusion models" was picked, the same sentence as for
  // the 40 of every theme but a number; it says "28 matching papers in “Diffusion models”".
  function statusLine(hits, fromNone, themeNone) {
    var p = view.plan, pages = store.manifest.themes.some(function (t) { return t[0] === PAGES; });
    var noun = pages ? "result" : "paper", none = pages ? "nothing" : "no paper", n = hits.length;
    var q = ui.input.value.replace(/\p{Cf}/gu, "").trim(), nouns = n + " " + noun + (n === 1 ? "" : "s");
    var count = n + " matching " + noun + (n === 1 ? "" : "s"), dated = n ? p.dated : null;
    var words = dated ? withoutYear(q) : q, from = dated && !fromNone && view.year === dated.year ? " from " + dated.year : "";
    var inTheme = themeNone ? "" : themeNamed(), filters = inTheme + (fromNone ? "" : fromYear());
    if (!n && p.identifier) return "No paper has the " + IDENTIFIER_NAMES[p.identifier.kind] + " " + p.identifier.value + ".";
    if (!n && p.onlyExcluded) return "\u201c" + q + "\u201d only leaves papers out: add a word to search for.";
    var named = !n && !p.query && !p.onlyExcluded ? fieldAlone(q) : null;
    if (named) return "Type a word after \u201c" + named + "\u201d to search that field.";
    if (!n && tooShort(q)) return "\u201c" + q + "\u201d is too short or too common to search for: type more of a word.";
    if (!n) return (pages ? "Nothing matches" : "No papers match") + " \u201c" + q + "\u201d. Check the spelling or remove a word.";
    if (p.partial && corrects(p)) return "Showing results for \u201c" + corrected(p, hits, words) + "\u201d: " + none + " has all of the words; " + nouns + filters + " with some of them";
    if (p.partial) return none.charAt(0).toUpperCase() + none.slice(1) + " has all of \u201c" + words + "\u201d; " + nouns + filters + " with some of the words";
    if (p.year) return "No " + noun + " mentions \u201c" + p.year + "\u201d; " + nouns + " from " + p.year + inTheme + withoutWords(q);
    if (themeNone) return "No " + noun + themeNamed() + " matches \u201c" + words + "\u201d; " + (n === 1 ? "showing the one matching " + noun : "showing all " + count) + (fromNone ? "" : fromYear());
    if (fromNone) return "No " + noun + " from " + view.year + themeNamed() + " matches \u201c" + words + "\u201d; " + (n === 1 ? "showing the one matching " + noun : "showing all " + count);
    if (corrects(p)) return "Showing results for \u201c" + corrected(p, hits, words) + "\u201d: " + (from ? nouns : count) + filters;
    return from ? nouns + filters + " matching \u201c" + words + "\u201d" : count + filters;
  }

  // Whether a word retried at edit distance 1 was corrected (nearby found a term or word near it): one near none
  // ("qqqqxx", "helicobacter" on a site without it) is searched as typed, and the status line names no correction.
  function corrects(p) {
    return p.fuzzy.some(function (w) { return (p.fixes[w] || []).length > 0; });
  }

  // ' from 2024' when a year is chosen, for the status line.
  function fromYear() {
    return view.year ? " from " + view.year : "";
  }

  // ' in “Theme”' when a theme is chosen, for the status line.
  function themeNamed() {
    var theme = store.manifest.themes.filter(function (t) { return t[0] === view.theme; })[0];
    return theme ? " in \u201c" + theme[1] + "\u201d" : "";
  }

  // Opened from disk, the browser refuses the page its index files (fetch fails): what to do instead.
  var FILE_PAGE = "Search needs the site served over HTTP: opened from disk, the browser refuses it the " +
    "search index. Serve the folder, e.g. python -m http.server -d site, and open http://localhost:8000/.";

  // typing: run for a key typed in the box (its input event), whose status line is announced once typing pauses.
  function run(typing) {
    var text = ui.input.value, seq = ++view.seq;
    view.scroll = 0;  // a new list: no place in it to go back to (keepScroll), also for an author link followed
    view.opened = null;  // nor a result to give focus back to (focusOpened)
    if (view.author !== null && text.trim() !== view.author) view.author = null;  // edited: a plain search
    setQueryParam(addressQuery());
    if (!cleanText(text).trim()) {  // nothing typed, or only invisible characters (a zero-width space)
      view.hits = [];
      followTyped("");  // the typed year is gone
      ui.list.textContent = "";
      ui.filter.hidden = true;
      ui.year.hidden = true;
      ui.more.hidden = true;
      status(config.translations["search.result.placeholder"] || "Type to start searching", typing);
      view.done = seq;
      openTop();
      return Promise.resolve();
    }
    ui.root.setAttribute("data-sitegen-search-state", "busy");
    view.running = seq;
    var author = view.author !== null;
    // A year among the words may filter by date (yearQuery), as search/years.json tells: then it comes first.
    var first = !author && clean(text).match(YEAR_WORD) ? ready().then(loadYears) : Promise.resolve();
    return first.then(function () {
      var dated = author ? null : yearQuery(text), searched = dated ? dated.rest : author ? text + " " : text;
      return Promise.all([search(searched, author ? view.author : null), ready().then(loadYears)]).then(function (done) {
        var result = done[0], alone = result.hits.length || author || dated ? null : yearAlone(text);
        return (alone ? yearHits(alone) : Promise.resolve([])).then(function (byYear) {
          if (seq !== view.seq) return;
          view.running = 0;
          view.hits = byYear.length ? byYear : result.hits;
          view.plan = result.plan;
          view.plan.year = byYear.length ? alone.year : null;
          view.plan.dated = dated;
          chooseFilters(dated ? dated.year : "");
          renderFilter();
          keepFilters();
          return renderList(true, typing);
        });
      });
    }).catch(failed(seq, function (err) { return unavailable(seq, err); }));
  }

  // A query's own search that did not load: the status line says that a key or Enter searches the text again (QA: it
  // said only "Search is unavailable: ...", with nothing on what to do; Enter did nothing, onKey), and in the theme or
  // year picked while it ran, if one was (refilter), which is kept: the next try searches the text in it, as the
  // search would have had it loaded (a year its papers do not span two years or more with is dropped, chooseFilters),
  // and the address holds it, so a reload does too. QA: the menu kept the pick while nothing of it was shown, and
  // nothing said what it was for. A user who picked a theme for the text being typed expects it to hold: put back (as
  // a pick whose own papers did not load is, refilter, because picking the same option again is no change), the pick
  // would be lost, and would have to be made again once the text is searched; here the retry is a key or Enter, which
  // a menu put back does not need.
  function unavailable(seq, err) {
    var named = "";
    if (view.picked) {
      named = themeNamed() + (view.yearFromQuery ? "" : fromYear());
      keepFilters();
    }
    view.unavailable = seq;
    return "Search is unavailable: " + err.message + ". Type or press Enter to try again" + named + ".";
  }

  // What a search (run), a theme or year picked (refilter) and "Show more" do when a file of the index did not load
  // (the network, a server's error): the status line says so, and is announced at once (said: puts back what the
  // failed step had changed and gives the words, "Search is unavailable: ..." and what to do); the next try (a key
  // typed or Enter, the choice picked again, "Show more" again) fetches the file again (once forgets a fetch that
  // failed). Opened from disk, the words are FILE_PAGE's, as they were: trying again would fail again. Not for a
  // search since replaced (seq). Only run had a handler: a doc-store chunk that failed after "Show more" or a theme
  // picked left the earlier status line ("411 matching papers") over the list as it was or emptied, the search "done",
  // and an uncaught error.
  function failed(seq, said) {
    return function (err) {
      if (seq !== view.seq) return;
      view.running = 0;
      view.enter = null;  // the list on screen is an earlier text's: Enter opens none of it
      if (location.protocol === "file:") status(FILE_PAGE);
      else status(said(err));
      ui.root.setAttribute("data-sitegen-search-state", "error");
    };
  }

  // The search on screen in the address: ?q= the query ("" drops it: the search is closed), &by=author for an author
  // link's, &theme= the theme chosen, &year= the year chosen, so that a reload, a shared link and a Back that loads
  // the page again show what was on screen (QA: a theme picked was lost, the address held ?q= only). No theme or year
  // for "All"; no year either when it is the one typed ("diffusion 2024" chooses 2024 itself), and "all" for "All
  // years" picked against a typed year. fromLocation reads them back.
  function setQueryParam(q) {
    var here = new URL(location.href), params = here.searchParams;
    var wanted = [
      ["q", q || null],
      ["by", q && view.author !== null ? "author" : null],
      ["theme", q && view.theme ? view.theme : null],
      ["year", q ? addressYear() : null]
    ];
    if (wanted.every(function (w) { return params.get(w[0]) === w[1]; })) return;
    wanted.forEach(function (w) { if (w[1]) params.set(w[0], w[1]); else params.delete(w[0]); });
    history.replaceState(history.state, "", here.href);
  }

  // The filters chosen, in the address of the search on screen: not once the search is closed or left (Esc before its
  // results arrived, a result opened), whose address holds no query and keeps none.
  function keepFilters() {
    if (new URL(location.href).searchParams.has("q")) setQueryParam(addressQuery());
  }

  // The query the address holds for the text in the box: none for nothing but spaces or invisible characters; its
  // last word followed by one space when it is finished, so that the link shows what is on screen (QA: "generalization "
  // found 287 papers, and its link, ?q=generalization, 298: the last word searched as one still being typed).
  function addressQuery() {
    var text = ui.input.value;
    return cleanText(text).trim() ? text.replace(/^\s+/, "").replace(/\s+$/, " ") : "";
  }

  // &year= of the address (setQueryParam), or null for none.
  function addressYear() {
    if (view.pinned !== null) return view.pinned;  // not chosen yet: kept
    if (view.year === view.typed) return null;
    return view.year || "all";
  }

  // As sitegen.search_query._all_first: the hits that hold every word of an OR (p.either, [field or "", stem]) first,
  // then the others, each in their order: lunr scores each optional word by its rarity, and "field OR magnetic"
  // put papers with only "magnetic" above those with both.
  function allFirst(hits, p) {
    if (p.either.length < 2) return hits;
    function all(h) { return p.either.every(function (pair) { return holdsAny(h.n, [pair]); }); }
    return hits.filter(all).concat(hits.filter(function (h) { return !all(h); }));
  }

  // As sitegen.search_query.by_authors_first: the papers whose authors hold every word searched come first, in
  // their order, then the others ("lovelace": her papers before a title with her name in it). The
  // authors postings of the loaded shards tell, without fetching a single doc.
  // A stem searched both ways (p.speltStems: "m\u00fcller" as "muller" and "mueller") is held by the authors of either.
  function authorsFirst(hits, p) {
    var both = p.speltStems || Object.create(null);
    function authors(t) { return isTerm(t) ? store.inverted[t].authors || {} : {}; }
    var postings = p.stems.filter(function (s) { return isTerm(s) || both[s]; }).map(function (s) {
      return both[s] ? Object.assign({}, authors(s), authors(both[s])) : authors(s);
    });
    if (!postings.length) return hits;
    function byAuthor(h) { return postings.every(function (docs) { return h.n in docs; }); }
    return hits.filter(byAuthor).concat(hits.filter(function (h) { return !byAuthor(h); }));
  }

  /* ---------- opening, closing, keys ---------- */

  function toggle() {
    return document.getElementById("__search");
  }

  // Whether the search is open (a page without Material's toggle: always).
  function isOpen() {
    var t = toggle();
    return !t || t.checked;
  }

  function open() {
    var t = toggle(), active = document.activeElement;
    // Where focus goes back to when the search closes (the dialog pattern), if it was on the page behind.
    if (active && active !== document.body && !ui.root.contains(active)) view.opener = active;
    if (t && !t.checked) { t.checked = true; t.dispatchEvent(new Event("change")); }
    ready().catch(function () {});
  }

  // keepQuery: a result was opened, so the address keeps ?q= and Back comes to the results again. passOn: Tab
  // left the empty box, and the browser moves focus on from it.
  function close(keepQuery, passOn) {
    var t = toggle(), active = document.activeElement, opener = view.opener;
    view.opener = null;
    view.enter = null;  // Enter pressed while searching opens nothing once the search is closed
    hush();  // nor is a typed query's count announced over the page (status)
    if (t && t.checked && ui.wrap) view.scroll = ui.wrap.scrollTop;  // a scroll just before may not be told yet
    if (t && t.checked) { t.checked = false; t.dispatchEvent(new Event("change")); }
    // Focus never stays on a result or filter of the closed dialog: back where it was before, else nowhere.
    if (active && ui.root.contains(active) && !passOn) {
      if (!keepQuery && opener && opener.isConnected) opener.focus(); else active.blur();
    }
    if (!keepQuery) setQueryParam("");
  }

  function isEditable(node) {
    return !!node && (node.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(node.tagName));
  }

  function onKey(ev) {
    if (!ui || ev.metaKey || ev.ctrlKey || ev.altKey) return;
    var t = toggle(), active = document.activeElement, passing = view.passing;
    if (ev.key !== "Tab" && ev.key !== "Shift") view.passing = false;
    if (!(t && t.checked)) {
      if ((ev.key === "/" || ev.key === "s" || ev.key === "f") && !isEditable(active)) {
        ev.preventDefault();
        open();
        ui.input.focus();
        ui.input.select();
      }
      return;
    }
    var hits = shownHits();
    // The arrows go round the box, the results and "Show more" (Enter or Space on it loads more, as on any button).
    var links = [ui.input].concat(hits, hits.length && !ui.more.hidden ? [ui.more] : []);
    var at = links.indexOf(active);
    if (ev.key === "Escape") {
      ev.preventDefault();
      close();
    } else if (ev.key === "Tab" && active === ui.input && (passing || !ui.input.value.trim())) {
      // Nothing typed, or no key pressed since Tab or a click brought focus to the box (which opened the search):
      // the box was only passed through, so Tab goes on to the page.
      close(false, true);
    } else if (ev.key === "Tab") {
      keepFocusIn(ev, active);
    } else if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      if (active === ui.filter || active === ui.year) return;
      ev.preventDefault();
      var step = ev.key === "ArrowDown" ? 1 : -1;
      links[Math.max(0, (Math.max(0, at) + step + links.length) % links.length)].focus();
    } else if (ev.key === "Enter" && active === ui.input) {
      // The top result of the text in the box, when its search has finished (openTop). QA: "diffusion", then Ctrl+A,
      // "pruning" and Enter at once, the search files ~100 ms away, opened the top paper on diffusion, the list still
      // on screen while "pruning" was searched; Enter before the first results arrived did nothing.
      // Pressed on a search that did not load (unavailable), it searches the text again, as the status line says, and
      // opens nothing: none of its results has been seen yet (Enter once they are opens the top one). QA: it did
      // nothing, and only a key typed tried again.
      ev.preventDefault();
      if (view.unavailable === view.seq && view.unavailable) { run(); return; }
      view.enter = ui.input.value;
      openTop();
    } else if ((at > 0 || !active || active === document.body) && (ev.key.length === 1 || ev.key === "Backspace") &&
      !(ev.key === " " && active === ui.more)) {
      // Typed on a result or "Show more", or with focus nowhere (Back to the results of a page left for a result):
      // the key goes to the query, as in the box.
      ui.input.focus();
    }
  }

  // Opens the top result for Enter pressed in the box (view.enter: the text it was pressed on) once the results on
  // screen are that text's: at once when they are, else when its search has rendered them (renderList calls again).
  // Not once the text has changed (its own Enter decides), the search failed or closed (view.enter is null then; or
  // the toggle is unchecked: Material closes the search after a change of address).
  function openTop() {
    var t = toggle();
    if (view.enter === null) return;
    if (view.enter !== ui.input.value || !(t && t.checked)) { view.enter = null; return; }
    if (view.done !== view.seq) return;  // still searching
    view.enter = null;
    var first = shownHits()[0];
    if (first) first.click();
  }

  function shownHits() {
    return Array.prototype.slice.call(ui.list.querySelectorAll("[data-sitegen-search-hit]"));
  }

  // The open search is a modal dialog (WAI-ARIA dialog pattern): Tab and Shift+Tab go round the
  // elements of the box that take focus, from the last to the query box and back, never to the
  // page behind it. Within the box the browser moves focus as usual (the result links, tabindex
  // -1, are reached by the arrows; Tab from one goes to the next element that takes focus).
  function keepFocusIn(ev, active) {
    var stops = tabStops(), inside = ui.root.contains(active) && active !== ui.root;
    if (!stops.length) return;
    var onward = inside && stops.some(function (node) {
      var where = active.compareDocumentPosition(node);
      return node !== active && (ev.shiftKey ? where & Node.DOCUMENT_POSITION_PRECEDING : where & Node.DOCUMENT_POSITION_FOLLOWING);
    });
    if (onward) return;
    ev.preventDefault();
    (ev.shiftKey ? stops[stops.length - 1] : stops[0]).focus();
  }

  // The elements of the box Tab stops at, in document order (none has a positive tabindex): the
  // query box first.
  function tabStops() {
    var nodes = ui.root.querySelectorAll("a[href], button, input, select, textarea, [tabindex]");
    return Array.prototype.filter.call(nodes, function (node) {
      return node.tabIndex >= 0 && !node.disabled && !node.closest("[hidden]") && node.getClientRects().length > 0 &&
        getComputedStyle(node).visibility !== "hidden";
    });
  }

  // The list again for a theme or year picked from a menu (menu: the one picked from; before: the choices on screen
  // before the pick, choices()). While the text in the box is still searched (view.running), its search filters its
  // results by the new choice when they arrive: the hits on screen are an earlier text's. QA: "diffusion", then
  // "pruning" typed and a theme picked while it was searched showed diffusion's papers of that theme under "pruning"
  // (the pick dropped the running search), and Enter opened the top one.
  // A pick whose papers did not load puts the menus (and the address) back to the choices before it, and the status
  // line says to pick it to try again: QA, the menu kept the choice that failed, and picking the same option again is
  // no change (the browser fires no change event), so another choice had to be picked first to try again.
  function refilter(menu, before) {
    if (view.running === view.seq) { view.picked = true; return; }  // its failure names the pick (unavailable)
    var seq = ++view.seq, picked = menu.selectedOptions[0].textContent.replace(/ \(\d+\)$/, "");
    renderFilter();
    keepFilters();
    renderList(true).catch(failed(seq, function (err) {
      view.theme = before.theme;
      view.year = before.year;
      view.yearFromQuery = before.yearFromQuery;
      renderFilter();
      keepFilters();
      ui.more.hidden = true;  // the list is empty: nothing more of it to show
      return "Search is unavailable: " + err.message + ". Pick \u201c" + picked + "\u201d to try again.";
    }));
  }

  // The filters chosen, for a menu's pick to go back to if its papers do not load (refilter).
  function choices() {
    return { theme: view.theme, year: view.year, yearFromQuery: view.yearFromQuery };
  }

  function mount() {
    var rootEl = document.querySelector("[data-sitegen-search]");
    if (!rootEl || rootEl.hasAttribute("data-sitegen-search-bound")) return;
    rootEl.setAttribute("data-sitegen-search-bound", "");
    ui = {
      root: rootEl,
      input: rootEl.querySelector("[data-sitegen-search-query]"),
      status: rootEl.querySelector("[data-sitegen-search-status]"),
      // A project's own partials/search.html from before 2026-12-01 has no live copy: its status line is the live
      // region, announced at once as it was.
      live: rootEl.querySelector("[data-sitegen-search-live]") || rootEl.querySelector("[data-sitegen-search-status]"),
      filter: rootEl.querySelector("[data-sitegen-search-filter]"),
      year: rootEl.querySelector("[data-sitegen-search-year]"),
      list: rootEl.querySelector("[data-sitegen-search-list]"),
      more: rootEl.querySelector("[data-sitegen-search-more]")
    };
    ui.input.addEventListener("focus", function () {
      view.passing = !(toggle() && toggle().checked);  // focus opened the search: maybe only passing through
      open();
    });
    // Opened by its button (the magnifier of a narrow screen, a label for the toggle): focus goes to the box, as
    // Material's own search does, so that typing (and a phone's keyboard) works at once.
    var t = toggle();
    // Not when opened by sitegen itself (open(): its change event is not trusted), as for a ?q= link: a phone's
    // keyboard would cover the results.
    if (t) t.addEventListener("change", function (ev) {
      var active = document.activeElement;
      if (!ev.isTrusted || !t.checked || active === ui.input || ui.root.contains(active)) return;
      if (active && active !== document.body) view.opener = active;
      ui.input.focus();
    });
    // Fetch lunr.js and the manifest as soon as a pointer heads for the box, or when the
    // browser is idle after the page has loaded (25 kB gzip; the index shards wait for a query).
    rootEl.addEventListener("pointerenter", function () { ready().catch(function () {}); });
    (window.requestIdleCallback || function (f) { setTimeout(f, 500); })(function () {
      ready().catch(function () {});
    });
    ui.input.addEventListener("input", function () {
      hush();
      run(true);
    });
    rootEl.querySelector("form").addEventListener("submit", function (ev) { ev.preventDefault(); });
    rootEl.querySelector("form").addEventListener("reset", function () {
      setTimeout(function () { run(); ui.input.focus(); }, 0);
    });
    // A choice in one menu changes the other's counts (facets); the year typed in the query, picked again, is
    // the typed one (chooseFilters).
    ui.filter.addEventListener("change", function () {
      var before = choices();
      view.theme = ui.filter.value;
      refilter(ui.filter, before);
    });
    ui.year.addEventListener("change", function () {
      var before = choices();
      view.pinned = null;  // a year from the address, its search still running, gives way to the one picked
      view.year = ui.year.value;
      view.yearFromQuery = view.year !== "" && view.year === view.typed;
      refilter(ui.year, before);
    });
    ui.more.addEventListener("click", showMore);
    ui.list.addEventListener("click", function (ev) {
      if (!(ev.target instanceof Element && ev.target.closest("a"))) return;
      // Ctrl/Cmd+click or Shift+click: the browser opens the result in a new tab or window, and this tab keeps its
      // results for the next one (QA: they closed, as in Material's own search, while a middle click kept them).
      // Material's instant navigation lets Ctrl and Cmd pass but takes Shift+click over (its listener on the body),
      // so the click goes no further.
      if (ev.ctrlKey || ev.metaKey || ev.shiftKey) { ev.stopPropagation(); return; }
      view.opened = ev.target.closest("a").href;
      close(true);
    });
    // Closed by a label for the toggle: the overlay (a click beside the box), the back arrow of a phone's search bar,
    // the magnifier. The address drops the query and focus leaves the box, as with Esc. QA: the arrow unchecked the
    // toggle by itself and left ?q= in the address, so reloading reopened the search, and Back from a paper opened
    // from that page showed it full-screen again. Only a person's click: Material closes the search itself (by a
    // click on the toggle, not on a label) after every change of address, Back to the results too (stayOpen).
    document.addEventListener("click", function (ev) {
      var t = toggle();
      if (!ev.isTrusted || !t || !t.checked || !(ev.target instanceof Element)) return;
      if (!ev.target.closest('label[for="__search"]')) return;
      ev.preventDefault();
      close();
    });
    keepScroll(rootEl.querySelector(".md-search__scrollwrap"));
  }

  // Where the results were scrolled to is theirs again when the search opens. QA: on a phone, Back to the results of
  // a page left for the 15th result showed them scrolled to the top (scrollTop 1184 -> 0; at desktop size the place
  // was kept): Material's phone layout shrinks the closed search's box to nothing, which loses its scroll. The place
  // (view.scroll) is noted as the open results scroll and when close() closes them; on opening it is put back over
  // the next PLACE_MS, as the layout settles (after Back, the box is first as tall as the whole list, then Material
  // closes the search and stayOpen opens it again: one restore at the opening was undone), until the person scrolls,
  // taps or types. A touch while the layout still holds the list at the top (for ~250 ms after Back, on a phone, it
  // cannot be scrolled to its place) stops the restore once the place is back (waiting): QA, a touch in that window
  // left the list at the top, the place lost.
  var PLACE_MS = 1000;
  function keepScroll(wrap) {
    var t = toggle(), until = 0, waiting = false;
    if (!wrap || !t) return;
    ui.wrap = wrap;
    function placed() {
      if (Math.abs(wrap.scrollTop - view.scroll) >= 1) wrap.scrollTop = view.scroll;
      return Math.abs(wrap.scrollTop - view.scroll) < 1;
    }
    function restore() {
      if (!t.checked || !view.scroll || Date.now() > until) { until = 0; return; }  // closed, a new list, or settled
      if (placed() && waiting) { until = 0; return; }  // touched meanwhile: from here the person scrolls
      requestAnimationFrame(restore);
    }
    wrap.addEventListener("scroll", function () {
      if (t.checked && !until) view.scroll = wrap.scrollTop;  // not the layout's own moves while restoring
    });
    t.addEventListener("change", function () {
      if (!t.checked || !view.scroll) return;
      var restoring = until;
      until = Date.now() + PLACE_MS;
      if (!restoring) { waiting = false; restore(); }
    });
    function stop() {
      if (!until) return;
      if (t.checked && view.scroll && !placed()) waiting = true; else until = 0;
    }
    ["wheel", "touchstart", "pointerdown"].forEach(function (type) {
      ui.root.addEventListener(type, stop, { capture: true, passive: true });
    });
    window.addEventListener("keydown", stop, true);
  }

  // "Show more" taken with the keyboard (or clicked, when a click focuses it): focus moves to the first
  // result it brought, so the arrows go on from there (the button is hidden once every result is shown).
  // Not if focus has moved on meanwhile or another search has replaced the results.
  // Each press is a write of its own (seq), so that an earlier one's papers or error never land over a later search's,
  // menu choice's or press's, nor theirs over it. QA: "Show more" shared the seq of the search on screen, and one
  // pressed while a new text was searched (the button is the earlier list's) appended the earlier text's next papers
  // under the new text's, with the earlier count, once both had loaded; pressed while a menu choice loaded, or twice
  // while its papers loaded, it showed the same papers twice. Pressed while a search runs it does nothing: the list
  // it would go on is on its way out. Pressed while a menu choice loads (the list emptied), it shows that choice's
  // first papers, as the choice would have.
  // Papers that did not load leave the list and the button as they were, and the status line says so after the count
  // of the list on screen, and that pressing the button again tries again (QA: it said "Search is unavailable" over
  // the results shown, the button still there with nothing to say what it would do).
  function showMore() {
    if (view.running === view.seq) return;
    var focused = document.activeElement === ui.more, before = shownHits().length, seq = ++view.seq;
    return renderList(false).then(function () {
      var active = document.activeElement;
      if (!focused || seq !== view.seq || !(active === ui.more || active === document.body || active === null)) return;
      var first = shownHits()[before];
      if (first) first.focus();
    }, failed(seq, function (err) {
      var f = facets();
      return statusLine(f.shown, f.none, f.themeNone) + ". More could not be shown: " + err.message +
        ". Press \u201cShow more\u201d to try again.";
    }));
  }

  // A ?q= link opens with its results shown, filtered by its &theme= and &year= (setQueryParam). Back to the results
  // of a page left for one of them (its address, the box holding its query) shows them as they were.
  var YEAR_PARAM = /^(?:\d{4}|all)$/;
  function fromLocation() {
    mount();
    if (!ui) return;
    var params = new URL(location.href).searchParams, q = params.get("q"), year = params.get("year") || "";
    view.author = q && params.get("by") === "author" ? q.trim() : null;
    if (q && q !== ui.input.value) {  // a search of its own: its filters are the address's, not the last search's
      ui.input.value = q;
      view.theme = params.get("theme") || "";
      view.year = view.typed = "";
      view.yearFromQuery = false;
      view.pinned = YEAR_PARAM.test(year) ? year : null;
      run();
    }
    if (q) stayOpen();  // also Back to a page whose results were left by opening one: still in the list
  }

  // Open the search, and again once Material has closed it: with instant navigation Material closes
  // the search 125 ms after every change of address (its bundle: location$ debounced), which would
  // hide the results of a ?q= link followed or come back to. Not if the query left the address
  // meanwhile (Esc, a click beside the box).
  var REOPEN_MS = 300;
  function stayOpen() {
    open();
    focusOpened();
    setTimeout(function () {
      var t = toggle();
      if (new URL(location.href).searchParams.get("q") && t && !t.checked) open();
      focusOpened();
    }, REOPEN_MS);
  }

  // Back to the results of a page left for one of them: focus goes to the result opened (view.opened), where the
  // keyboard left the list, so the arrows go on from it and a screen reader says where one is. QA: focus was on the
  // page, and the first ArrowDown went to the first result. Not when focus is somewhere already, and without moving
  // the list (keepScroll puts it back where it was).
  function focusOpened() {
    var t = toggle(), active = document.activeElement;
    if (!view.opened || !(t && t.checked) || (active && active !== document.body)) return;
    var hit = shownHits().filter(function (h) { return h.href === view.opened; })[0];
    if (hit) hit.focus({ preventScroll: true });
  }

  // For tests and the benchmark: ranked [doc number, score] pairs, as sitegen.search_query.search; the queries of a plan
  // made without the index (as sitegen.search_query.plan(text).queries).
  window.sitegenSearch = {
    ranked: function (text) {
      return search(text).then(function (r) { return r.hits.map(function (h) { return [h.n, h.score]; }); });
    },
    queries: function (text) {
      return ready().then(function () { return plan(text, false).queries; });
    }
  };

  window.addEventListener("keydown", onKey);
  // Bound now, and again on each page instant navigation brings (document$): opened from disk (file://),
  // Material's document$ never emits, and the box must still say why it cannot search (fromLocation is
  // idempotent: mount binds a box once, a ?q= already shown is not run again).
  fromLocation();
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(fromLocation);
  // Back to a page the browser kept whole (its back/forward cache: no load, no document$) shows it as it was left:
  // a result opened had closed the search (close(true)). QA: on a site without site_url (no instant navigation),
  // Back from a result showed the page with the search closed, though the address had ?q=graph and the box held it.
  window.addEventListener("pageshow", function (ev) { if (ev.persisted) fromLocation(); });
})();
