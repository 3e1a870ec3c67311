// Quiz engine: checks answers on quiz pages, scores and retries a quiz, keeps the best
// score per quiz in localStorage, fills in the progress page and draws mixed practice
// (whose questions it fetches from the quiz pages that hold them). The HTML comes from
// templates/_question.html.j2 and quiz*.md.j2; this module only adds behaviour. Runs on
// every page change of Material's instant navigation (document$).
(function () {
  "use strict";

  // Every string the engine shows, in one place.
  const TEXT = {
    right: "回答正确",
    wrong: "回答错误",
    chooseOne: "请先选择一个答案，再检查。",
    chooseSome: "请至少选择一项，再检查。",
    correctOption: "✓ 正确答案",
    wrongChoice: "✗ 你的选择",
    rightPlace: "✓ 位置正确",
    wrongPlace: (position) => "✗ 应排第 " + position + " 位",
    placesRight: (right, total) => "有 " + right + " / " + total + " 项位置正确。",
    moved: (text, position, total) => "“" + text + "”移到第 " + position + " 位，共 " + total + " 项",
    atTop: (text) => "“" + text + "”已经排在第一位",
    atBottom: (text) => "“" + text + "”已经排在最后",
    score: (score, total) => "得分 " + score + " / " + total,
    perfect: "全部答对！",
    // Pre- and post-tests carry a pass mark (percent of questions right).
    passed: (mark) => "达到及格线（" + mark + "%）。",
    failed: (mark, need) => "未达到及格线（" + mark + "%，要答对 " + need + " 题）。",
    passedStatus: "已及格",
    failedStatus: "未及格",
    newBest: "新的最好成绩，已保存在本机。",
    notSaved: "这个浏览器不允许保存成绩，本次成绩没有保存。",
    best: (record) => "最好成绩 " + record.best + " / " + record.total + "（" + record.bestDate + "）",
    legend: (number) => "第 " + number + " 题",
    drawn: (count, topic) => "已抽取 " + count + " 题（" + (topic || "全部主题") + "），做完后显示得分。",
    fewer: (count) => "这个主题只有 " + count + " 题，已全部列出。",
    loading: "正在载入题目……",
    loadFailed: "题目没能载入，可能是网络断了。请检查网络后再点“开始练习”。",
    fromFile: "从文件打开的离线版不能抽题。请联网打开本站，或到测验列表里逐套练习。",
    notStarted: "未开始",
    done: "已完成",
    full: "满分",
    noStorage: "无法读取",
    summary: (done, total) => "已完成 " + done + " / " + total + " 套",
    summaryFull: (full) => "，其中满分 " + full + " 套",
    storageBlocked: "这个浏览器不允许网页保存数据（例如无痕模式），成绩无法保存。",
    confirmClear: "确定要清除本机保存的全部测验成绩吗？此操作不能撤销。",
    cleared: "本机的测验成绩已全部清除。",
  };
  const LETTERS = "ABCDEFGHIJ";
  const KEY_PREFIX = "tk-quiz:v1:";
  const MIX_ID = "mix"; // the mixed practice page is never saved to progress

  // --- Progress in localStorage: {best, total, bestDate, last, lastDate, attempts} -----

  function openStorage() {
    try {
      const storage = window.localStorage;
      storage.setItem("tk-quiz:probe", "1");
      storage.removeItem("tk-quiz:probe");
      return storage;
    } catch (error) {
      return null; // disabled, private mode or full: the quiz still works, unsaved
    }
  }

  function readRecord(storage, quizId) {
    if (!storage) return null;
    try {
      const record = JSON.parse(storage.getItem(KEY_PREFIX + quizId));
      const valid = record && Number.isInteger(record.best) && Number.isInteger(record.total) && record.total > 0;
      return valid ? record : null;
    } catch (error) {
      return null;
    }
  }

  // The local date as YYYY-MM-DD: toISOString() would give yesterday's date before 08:00 in China.
  function today() {
    const now = new Date();
    const pad = (n) => String(n).padStart(2, "0");
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }

  // Saves a finished attempt; returns the record and whether it is a new best, or null.
  function saveResult(storage, quizId, score, total) {
    if (!storage) return null;
    const previous = readRecord(storage, quizId);
    const date = today();
    // A quiz whose number of questions changed starts its best score afresh.
    const isBest = !previous || previous.total !== total || score > previous.best;
    const record = {
      best: isBest ? score : previous.best,
      total: total,
      bestDate: isBest ? date : previous.bestDate,
      last: score,
      lastDate: date,
      attempts: (previous && Number.isInteger(previous.attempts) ? previous.attempts : 0) + 1,
    };
    try {
      storage.setItem(KEY_PREFIX + quizId, JSON.stringify(record));
    } catch (error) {
      return null;
    }
    return { record: record, isBest: isBest };
  }

  // --- Small DOM helpers ----------------------------------------------------------

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function shuffleInPlace(array) {
    for (let i = array.length - 1; i > 0; i -= 1) {
      const j = Math.floor(Math.random() * (i + 1));
      const swap = array[i];
      array[i] = array[j];
      array[j] = swap;
    }
    return array;
  }

  function children(parent, selector) {
    return parent ? Array.from(parent.children).filter((child) => child.matches(selector)) : [];
  }

  // --- One question -----------------------------------------------------------------

  function answerOf(question) {
    return question.dataset.answer.split(",");
  }

  function orderList(question) {
    return question.querySelector(".tk-q__order");
  }

  function optionItems(question) {
    return children(question.querySelector(".tk-q__options"), "li");
  }

  // What the learner gave: option values in the DOM order, or ordering item indexes.
  function givenAnswer(question) {
    if (question.dataset.type === "ordering") {
      return children(orderList(question), "li").map((item) => item.dataset.item);
    }
    return Array.from(question.querySelectorAll("input:checked")).map((input) => input.value);
  }

  function isRight(question, given) {
    const answer = answerOf(question);
    if (question.dataset.type === "ordering") return given.join(",") === answer.join(",");
    return given.length === answer.length && given.every((value) => answer.indexOf(value) !== -1);
  }

  // Options show letters A, B, C in the order on screen; after a shuffle the letters of
  // the feedback and of the answer in the details block follow the options.
  function relabel(question) {
    const letterOf = {};
    optionItems(question).forEach((item, position) => {
      const input = item.querySelector("input");
      const letter = item.querySelector(".tk-q__letter");
      if (!input || !letter) return;
      letterOf[input.value] = LETTERS[position];
      letter.textContent = LETTERS[position] + ".";
    });
    if (!Object.keys(letterOf).length) return;
    const feedbacks = question.querySelector(".tk-q__feedbacks");
    children(feedbacks, "li[data-for]")
      .sort((a, b) => letterOf[a.dataset.for].localeCompare(letterOf[b.dataset.for]))
      .forEach((item) => {
        const label = item.firstElementChild;
        if (label && label.tagName === "STRONG") label.textContent = letterOf[item.dataset.for] + ".";
        feedbacks.appendChild(item);
      });
    const key = question.querySelector(".tk-q__key");
    if (key) key.textContent = answerOf(question).map((value) => letterOf[value]).sort().join("、");
  }

  function shuffleOptions(question) {
    const list = question.querySelector(".tk-q__options");
    if (!list || question.dataset.type === "true_false") return;
    shuffleInPlace(children(list, "li")).forEach((item) => list.appendChild(item));
    relabel(question);
  }

  // Ordering: a fresh shuffle that is never already the right order.
  function shuffleOrdering(question) {
    const list = orderList(question);
    const items = children(list, "li");
    const answer = answerOf(question).join(",");
    let order = items;
    for (let tries = 0; tries < 10 && order.map((item) => item.dataset.item).join(",") === answer; tries += 1) {
      order = shuffleInPlace(items.slice());
    }
    order.forEach((item) => list.appendChild(item));
  }

  function restoreOrdering(question) {
    const list = orderList(question);
    const items = children(list, "li");
    list.dataset.tkInitial.split(",").forEach((index) => {
      list.appendChild(items.find((item) => item.dataset.item === index));
    });
  }

  // The up button of the first item and the down button of the last say they cannot
  // move; aria-disabled rather than disabled keeps the focus on them.
  function updateEdges(list) {
    const items = children(list, "li");
    items.forEach((item, position) => {
      item.querySelector('[data-move="up"]').setAttribute("aria-disabled", String(position === 0));
      item.querySelector('[data-move="down"]').setAttribute("aria-disabled", String(position === items.length - 1));
    });
  }

  // Moves the neighbour rather than the item itself, so the button that was pressed
  // never leaves the document and keeps the keyboard focus.
  function move(button, announce) {
    const item = button.closest("li");
    const list = item.parentElement;
    const text = item.querySelector(".tk-q__item").textContent;
    const up = button.dataset.move === "up";
    const neighbour = up ? item.previousElementSibling : item.nextElementSibling;
    if (!neighbour) {
      announce(up ? TEXT.atTop(text) : TEXT.atBottom(text));
      return;
    }
    list.insertBefore(neighbour, up ? item.nextElementSibling : item);
    button.focus();
    updateEdges(list);
    const items = children(list, "li");
    announce(TEXT.moved(text, items.indexOf(item) + 1, items.length));
  }

  function addMark(item, className, text) {
    item.classList.add(className);
    item.appendChild(element("span", "tk-q__mark", text));
  }

  function markChoices(question, given) {
    const answer = answerOf(question);
    optionItems(question).forEach((item) => {
      const value = item.querySelector("input").value;
      if (answer.indexOf(value) !== -1) addMark(item, "tk-q__option--right", TEXT.correctOption);
      else if (given.indexOf(value) !== -1) addMark(item, "tk-q__option--wrong", TEXT.wrongChoice);
    });
  }

  function markOrdering(question, given) {
    const answer = answerOf(question);
    let right = 0;
    children(orderList(question), "li").forEach((item, position) => {
      if (given[position] === answer[position]) {
        right += 1;
        addMark(item, "tk-q__option--right", TEXT.rightPlace);
      } else {
        addMark(item, "tk-q__option--wrong", TEXT.wrongPlace(answer.indexOf(item.dataset.item) + 1));
      }
    });
    return TEXT.placesRight(right, answer.length);
  }

  // The verdict, then the feedback written for each chosen option.
  function showResult(question, right, detail, given) {
    const result = question.querySelector(".tk-q__result");
    result.textContent = "";
    result.classList.toggle("tk-q__result--right", right);
    result.classList.toggle("tk-q__result--wrong", !right);
    result.appendChild(element("p", "tk-q__verdict", right ? TEXT.right : TEXT.wrong));
    if (detail) result.appendChild(element("p", "", detail));
    const feedback = element("ul", "tk-q__chosen-feedback");
    children(question.querySelector(".tk-q__feedbacks"), "li[data-for]").forEach((item) => {
      if (given.indexOf(item.dataset.for) !== -1) feedback.appendChild(item.cloneNode(true));
    });
    if (feedback.children.length) result.appendChild(feedback);
    // Focus follows the answer, so a keyboard user continues from the verdict.
    result.tabIndex = -1;
    result.focus();
  }

  function lock(question, locked) {
    question.querySelectorAll("input").forEach((input) => { input.disabled = locked; });
    question.querySelectorAll("[data-move]").forEach((button) => { button.hidden = locked; });
    question.querySelector("[data-tk-check]").hidden = locked;
  }

  // Checks one question once: the first answer counts. Returns false if nothing was chosen.
  function check(question) {
    if (question.dataset.tkResult) return true;
    const given = givenAnswer(question);
    const result = question.querySelector(".tk-q__result");
    if (!given.length) {
      result.className = "tk-q__result tk-q__result--prompt";
      result.textContent = question.dataset.type === "multiple" ? TEXT.chooseSome : TEXT.chooseOne;
      return false;
    }
    const right = isRight(question, given);
    question.dataset.tkResult = right ? "right" : "wrong";
    lock(question, true);
    let detail = "";
    if (question.dataset.type === "ordering") detail = markOrdering(question, given);
    else markChoices(question, given);
    const details = question.querySelector(".tk-q__answer");
    details.hidden = false;
    details.open = true;
    showResult(question, right, detail, given);
    return true;
  }

  function reset(question, shuffle) {
    delete question.dataset.tkResult;
    question.querySelectorAll("input").forEach((input) => { input.checked = false; });
    question.querySelectorAll(".tk-q__mark").forEach((mark) => mark.remove());
    question.querySelectorAll(".tk-q__option--right, .tk-q__option--wrong").forEach((item) => {
      item.classList.remove("tk-q__option--right", "tk-q__option--wrong");
    });
    const result = question.querySelector(".tk-q__result");
    result.className = "tk-q__result";
    result.textContent = "";
    result.removeAttribute("tabindex");
    const details = question.querySelector(".tk-q__answer");
    details.open = false;
    details.hidden = true;
    lock(question, false);
    const list = orderList(question);
    if (list) {
      if (shuffle) shuffleOrdering(question);
      else restoreOrdering(question);
      updateEdges(list);
    } else if (shuffle) {
      shuffleOptions(question);
    }
  }

  function prepare(question, shuffle) {
    const list = orderList(question);
    if (list) {
      list.dataset.tkInitial = children(list, "li").map((item) => item.dataset.item).join(",");
      updateEdges(list);
    } else if (shuffle) {
      shuffleOptions(question);
    }
    question.querySelector("[data-tk-check]").hidden = false;
    question.querySelectorAll("[data-move]").forEach((button) => { button.hidden = false; });
    // The answer block is the fallback without JavaScript; here it waits for a check.
    question.querySelector(".tk-q__answer").hidden = true;
  }

  // --- One quiz ---------------------------------------------------------------------

  const quizzes = new WeakMap(); // quiz element → controller, for the mixed practice form

  function initQuiz(quiz) {
    if (quiz.dataset.tkReady) return;
    quiz.dataset.tkReady = "1";
    const quizId = quiz.dataset.tkQuiz;
    const shuffle = quiz.hasAttribute("data-shuffle");
    const saves = quizId !== MIX_ID;
    const storage = saves ? openStorage() : null;
    let questions = Array.from(quiz.querySelectorAll("[data-tk-question]"));
    const footer = quiz.querySelector(".tk-quiz__footer");
    const scoreLine = quiz.querySelector(".tk-quiz__score");
    const live = element("div", "tk-quiz__live tk-visually-hidden");
    live.setAttribute("aria-live", "polite");
    quiz.appendChild(live);
    const bestLine = element("p", "tk-quiz__best");
    quiz.insertBefore(bestLine, quiz.firstChild);

    function announce(message) {
      live.textContent = message;
    }

    function showBest() {
      const record = readRecord(storage, quizId);
      bestLine.hidden = !record;
      bestLine.textContent = record ? TEXT.best(record) : "";
    }

    // When every question has been checked: the score, saved once per attempt.
    function scoreIfDone() {
      const shown = questions;
      if (shown.some((question) => !question.dataset.tkResult)) return;
      const score = shown.filter((question) => question.dataset.tkResult === "right").length;
      const notes = [];
      if (score === shown.length) notes.push(TEXT.perfect);
      const passMark = Number(quiz.dataset.passMark);
      if (passMark) notes.push(passes(score, shown.length, passMark) ? TEXT.passed(passMark) : TEXT.failed(passMark, passCount(shown.length, passMark)));
      if (saves) {
        const saved = saveResult(storage, quizId, score, shown.length);
        if (!saved) notes.push(TEXT.notSaved);
        else if (saved.isBest) notes.push(TEXT.newBest);
        showBest();
      }
      scoreLine.textContent = "";
      scoreLine.appendChild(element("strong", "", TEXT.score(score, shown.length)));
      if (notes.length) scoreLine.append(" ", element("span", "tk-quiz__note", notes.join(" ")));
      footer.hidden = false;
    }

    function retry() {
      questions.forEach((question) => reset(question, shuffle));
      footer.hidden = true;
      scoreLine.textContent = "";
      const first = questions[0];
      if (first) {
        first.scrollIntoView({ block: "start" });
        const control = first.querySelector("input, [data-move]");
        if (control) control.focus({ preventScroll: true });
      }
    }

    quiz.addEventListener("click", (event) => {
      const button = event.target.closest("button");
      if (!button || !quiz.contains(button)) return;
      const question = button.closest("[data-tk-question]");
      if (button.hasAttribute("data-tk-check") && question) {
        if (check(question)) scoreIfDone();
      } else if (button.dataset.move && question && !question.dataset.tkResult) {
        move(button, announce);
      } else if (button.hasAttribute("data-tk-retry")) {
        retry();
      }
    });
    // Choosing again after a "please choose" prompt clears the prompt.
    quiz.addEventListener("change", (event) => {
      const question = event.target.closest("[data-tk-question]");
      const result = question && question.querySelector(".tk-q__result--prompt");
      if (result) {
        result.className = "tk-q__result";
        result.textContent = "";
      }
    });

    // Mixed practice puts a new set of questions on the page for each draw.
    function load(fresh) {
      questions = fresh;
      questions.forEach((question) => prepare(question, shuffle));
      retry();
    }

    questions.forEach((question) => prepare(question, shuffle));
    if (saves) showBest();
    else bestLine.hidden = true;
    quizzes.set(quiz, { load: load });
  }

  // --- Mixed practice: a random draw of questions by topic ----------------------------
  // The page holds no question. Each choice of topic lists where its questions are, as
  // "page:count" pairs (page = index into the form's data-pages); a draw picks positions
  // at random, fetches only the quiz pages they fall on and takes the questions from them.

  function numberQuestions(questions) {
    questions.forEach((question, index) => {
      const legend = question.querySelector("legend");
      legend.textContent = legend.textContent.replace(/第\s*\d+\s*题/, TEXT.legend(index + 1));
    });
  }

  // k distinct numbers out of 0..total-1, uniformly (a Fisher-Yates shuffle cut short).
  function sample(total, k) {
    const moved = new Map();
    const drawn = [];
    for (let i = 0; i < k; i += 1) {
      const j = i + Math.floor(Math.random() * (total - i));
      drawn.push(moved.has(j) ? moved.get(j) : j);
      moved.set(j, moved.has(i) ? moved.get(i) : i);
    }
    return drawn;
  }

  // Up to `count` random questions of a choice: page index → the positions drawn on it,
  // counted among that page's questions of the topic.
  function drawPositions(sources, count) {
    const held = sources.split(" ").filter(Boolean).map((pair) => pair.split(":").map(Number));
    const total = held.reduce((sum, [, n]) => sum + n, 0);
    const picks = new Map();
    sample(total, Math.min(count, total)).forEach((index) => {
      let rest = index;
      let at = 0;
      while (rest >= held[at][1]) {
        rest -= held[at][1];
        at += 1;
      }
      const page = held[at][0];
      if (!picks.has(page)) picks.set(page, []);
      picks.get(page).push(rest);
    });
    return picks;
  }

  // Links inside a question are relative to the quiz page it comes from.
  function rebase(root, base) {
    [root, ...root.querySelectorAll("[href], [src]")].forEach((node) => {
      ["href", "src"].forEach((name) => {
        const value = node.getAttribute(name);
        if (value !== null && value.charAt(0) !== "#") node.setAttribute(name, new URL(value, base).href);
      });
    });
  }

  function hasTopic(question, topic) {
    return !topic || (question.dataset.topics || "").split("|").indexOf(topic) !== -1;
  }

  function initMix(form) {
    if (form.dataset.tkReady) return;
    const quiz = document.querySelector('.tk-quiz[data-tk-quiz="' + MIX_ID + '"]');
    const controller = quiz && quizzes.get(quiz);
    const holder = quiz && quiz.querySelector(".tk-mix__questions");
    if (!controller || !holder) return;
    form.dataset.tkReady = "1";
    const status = element("p", "tk-mix__status");
    status.setAttribute("role", "status");
    form.insertAdjacentElement("afterend", status);
    const start = form.querySelector('button[type="submit"]');
    const pages = (form.dataset.pages || "").split(" ").filter(Boolean);
    const fetched = new Map(); // address → promise of {url, doc}, for this visit of the page
    let draws = 0; // a newer draw wins over one still loading

    function fetchPage(href) {
      const address = new URL(href, window.location.href).href;
      if (!fetched.has(address)) {
        const page = fetch(address, { credentials: "same-origin" })
          .then((response) => {
            if (!response.ok) throw new Error(response.status + " " + address);
            return response.text().then((html) => ({
              url: response.url || address,
              doc: new DOMParser().parseFromString(html, "text/html"),
            }));
          });
        page.catch(() => fetched.delete(address)); // try again on the next draw
        fetched.set(address, page);
      }
      return fetched.get(address);
    }

    // The drawn questions of one page, taken out of it, with their links made to work here.
    function questionsOn(pageIndex, positions, topic) {
      return fetchPage(pages[pageIndex]).then(({ url, doc }) => {
        const found = Array.from(doc.querySelectorAll(".tk-quiz [data-tk-question]"))
          .filter((question) => hasTopic(question, topic));
        return positions.filter((position) => position < found.length).map((position) => {
          const question = document.importNode(found[position], true);
          rebase(question, url);
          const first = (question.dataset.topics || "").split("|")[0];
          return { question: question, topic: first, page: pageIndex, position: position };
        });
      });
    }

    // Each question under its first topic, as the quiz pages order them.
    function show(drawn) {
      holder.textContent = "";
      drawn.sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.page - b.page || a.position - b.position));
      let section = null;
      drawn.forEach((item) => {
        if (!section || section.dataset.topic !== item.topic) {
          section = element("section", "tk-mix__topic");
          section.dataset.topic = item.topic;
          section.appendChild(element("h2", "", item.topic));
          holder.appendChild(section);
        }
        section.appendChild(item.question);
      });
      const questions = drawn.map((item) => item.question);
      numberQuestions(questions);
      controller.load(questions);
    }

    function busy(on) {
      start.disabled = on;
      quiz.setAttribute("aria-busy", String(on));
    }

    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const draw = (draws += 1);
      const option = form.elements.topic.selectedOptions[0];
      const topic = form.elements.topic.value;
      const count = parseInt(form.elements.count.value, 10) || 10;
      const picks = drawPositions((option && option.dataset.from) || "", count);
      status.textContent = TEXT.loading;
      busy(true);
      Promise.all(Array.from(picks, ([page, positions]) => questionsOn(page, positions, topic)))
        .then((lists) => {
          if (draw !== draws || !quiz.isConnected) return;
          const drawn = lists.flat();
          show(drawn);
          status.textContent = TEXT.drawn(drawn.length, topic) + (drawn.length < count ? " " + TEXT.fewer(drawn.length) : "");
        })
        .catch(() => {
          if (draw !== draws || !quiz.isConnected) return;
          holder.textContent = "";
          controller.load([]);
          status.textContent = TEXT.loadFailed;
        })
        .finally(() => {
          if (draw === draws) busy(false);
        });
    });
    // A copy opened from the file system cannot fetch its other pages: say so up front.
    if (window.location.protocol === "file:") status.textContent = TEXT.fromFile;
    else form.hidden = false;
  }

  // The pass mark is a percentage: the fewest right answers that reach it, and the verdict.
  function passCount(total, passMark) {
    return Math.ceil((passMark * total) / 100);
  }

  function passes(score, total, passMark) {
    return score >= passCount(total, passMark);
  }

  // --- The progress page ----------------------------------------------------------------

  function initProgress(table) {
    if (table.dataset.tkReady) return;
    table.dataset.tkReady = "1";
    const storage = openStorage();
    const rows = Array.from(table.querySelectorAll("tr[data-tk-progress-quiz]"));
    const summary = document.querySelector(".tk-progress__summary");
    const clear = document.querySelector("[data-tk-progress-clear]");

    function render() {
      let done = 0;
      let full = 0;
      rows.forEach((row) => {
        const record = readRecord(storage, row.dataset.tkProgressQuiz);
        const passMark = Number(row.dataset.passMark);
        let status = record ? (record.best === record.total ? TEXT.full : TEXT.done) : TEXT.notStarted;
        if (record && passMark) status += " · " + (passes(record.best, record.total, passMark) ? TEXT.passedStatus : TEXT.failedStatus);
        if (record) done += 1;
        if (record && record.best === record.total) full += 1;
        row.dataset.tkStatus = record ? (record.best === record.total ? "full" : "done") : "none";
        row.querySelector(".tk-progress__status").textContent = storage ? status : TEXT.noStorage;
        row.querySelector(".tk-progress__best").textContent = record ? record.best + " / " + record.total : "—";
        row.querySelector(".tk-progress__date").textContent = record ? record.bestDate : "—";
      });
      if (summary) {
        summary.textContent = storage
          ? TEXT.summary(done, rows.length) + (full ? TEXT.summaryFull(full) : "")
          : TEXT.storageBlocked;
      }
      if (clear) clear.hidden = !storage || done === 0;
    }

    if (clear && storage) {
      clear.addEventListener("click", () => {
        if (!window.confirm(TEXT.confirmClear)) return;
        Object.keys(storage)
          .filter((key) => key.indexOf(KEY_PREFIX) === 0)
          .forEach((key) => storage.removeItem(key));
        render();
        if (summary) {
          // The button hides itself once nothing is left to clear: focus the news instead.
          summary.textContent = TEXT.cleared + " " + summary.textContent;
          summary.tabIndex = -1;
          summary.focus();
        }
      });
    }
    render();
  }

  function init() {
    document.querySelectorAll(".tk-quiz[data-tk-quiz]").forEach(initQuiz);
    document.querySelectorAll("form[data-tk-mix]").forEach(initMix);
    document.querySelectorAll("table[data-tk-progress]").forEach(initProgress);
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
