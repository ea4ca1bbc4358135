// The questionnaire's autosave. Without this script the page works with its per-stage save buttons; with it,
// each answer is saved the moment it is given (PUT /api/q/{token}/answers/{code}), answers not yet saved are
// kept in this browser's storage until the server confirms them, a dropped connection is said and retried,
// and a statement someone else changed meanwhile shows both versions and lets the respondent choose.
(() => {
  'use strict';

  const form = document.getElementById('questionnaire');
  if (!form || !window.fetch || !window.JSON) {
    return;
  }

  document.documentElement.classList.add('js');
  const texts = document.getElementById('questionnaire-texts').dataset;
  const status = document.getElementById('save-status');
  const progress = document.getElementById('questionnaire-progress');
  const api = form.dataset.api;
  const draftKey = form.dataset.draftKey;
  const antiforgery = form.querySelector('input[name="__RequestVerificationToken"]');
  const typingDelay = 800;
  const statements = new Map();
  let retryDelay = 2000;
  let retryTimer = null;
  let offline = false;
  let stopped = false;

  if (form.dataset.locked === 'true') {
    clearDrafts();
    return;
  }

  // A page the server sent back with conflicts (a post without this script) is resolved with its own form.
  const serverConflicts = form.querySelector('fieldset.statement.conflict') !== null;

  for (const fieldset of form.querySelectorAll('fieldset.statement[data-code]')) {
    const state = { fieldset, code: fieldset.dataset.code, timer: null, inFlight: false, again: false, pending: false, conflict: null };
    statements.set(state.code, state);
    fieldset.addEventListener('change', (event) => {
      if (event.target.name && event.target.name.endsWith('.Resolution')) {
        return;
      }
      schedule(state, 0);
    });
    fieldset.addEventListener('input', (event) => {
      if (event.target.tagName === 'TEXTAREA' || event.target.type === 'text') {
        schedule(state, typingDelay);
      }
    });
  }

  form.addEventListener('submit', (event) => {
    if (serverConflicts) {
      return;
    }
    // Every answer is saved as it is given: the stage buttons only make sure nothing waits.
    event.preventDefault();
    for (const state of statements.values()) {
      if (state.timer !== null || state.pending) {
        schedule(state, 0);
      }
    }
    announceIfSettled();
  });

  window.addEventListener('online', () => retryPending());
  window.addEventListener('beforeunload', (event) => {
    if (hasUnsaved()) {
      event.preventDefault();
      event.returnValue = '';
    }
  });

  restoreDrafts();
  updateProgress();

  // ---- reading and writing the form ----

  function valueOf(fieldset) {
    const checked = fieldset.querySelector('input[data-role="value"]:checked');
    return checked ? checked.value : 'Unanswered';
  }

  function read(state) {
    const fieldset = state.fieldset;
    return {
      value: valueOf(fieldset),
      comment: fieldset.querySelector('[data-role="comment"]').value,
      evidence: fieldset.querySelector('[data-role="evidence"]').value,
      version: Number(fieldset.querySelector('[data-role="version"]').value) || 0,
    };
  }

  function write(state, answer) {
    const fieldset = state.fieldset;
    for (const radio of fieldset.querySelectorAll('input[data-role="value"]')) {
      radio.checked = radio.value === answer.value;
    }
    fieldset.querySelector('[data-role="comment"]').value = answer.comment || '';
    fieldset.querySelector('[data-role="evidence"]').value = answer.evidence || '';
    setVersion(state, answer.version);
  }

  function setVersion(state, version) {
    state.fieldset.querySelector('[data-role="version"]').value = String(version);
  }

  // The API names values in camel case; the form in Pascal case.
  const toApi = { Yes: 'yes', No: 'no', NotDetermined: 'notDetermined', Unanswered: 'unanswered' };
  const fromApi = { yes: 'Yes', no: 'No', notDetermined: 'NotDetermined', unanswered: 'Unanswered' };

  function fromServer(answer) {
    return { value: fromApi[answer.value] || 'Unanswered', comment: answer.comment || '', evidence: answer.evidence || '', version: answer.version };
  }

  function same(a, b) {
    const clean = (text) => (text || '').replace(/\r\n/g, '\n').trim();
    return a.value === b.value && clean(a.comment) === clean(b.comment) && clean(a.evidence) === clean(b.evidence);
  }

  // ---- drafts: what was typed here and not yet confirmed by the server ----

  function loadDrafts() {
    try {
      return JSON.parse(window.localStorage.getItem(draftKey)) || {};
    } catch {
      return {};
    }
  }

  function saveDrafts(drafts) {
    try {
      if (Object.keys(drafts).length === 0) {
        window.localStorage.removeItem(draftKey);
      } else {
        window.localStorage.setItem(draftKey, JSON.stringify(drafts));
      }
    } catch {
      // Storage full or refused (private mode): the answers stay in the page, which warns before it closes.
    }
  }

  function keepDraft(code, answer) {
    const drafts = loadDrafts();
    drafts[code] = answer;
    saveDrafts(drafts);
  }

  function dropDraft(code) {
    const drafts = loadDrafts();
    delete drafts[code];
    saveDrafts(drafts);
  }

  function clearDrafts() {
    try {
      window.localStorage.removeItem(draftKey);
    } catch {
      // Nothing to clear.
    }
  }

  function restoreDrafts() {
    const drafts = loadDrafts();
    let restored = 0;
    for (const [code, draft] of Object.entries(drafts)) {
      const state = statements.get(code);
      if (!state) {
        delete drafts[code];
        continue;
      }
      if (same(read(state), draft)) {
        delete drafts[code];
        continue;
      }
      // The draft keeps the version it was typed on: if someone saved since, the save is a conflict and asks.
      write(state, draft);
      restored++;
      schedule(state, 0);
    }
    saveDrafts(drafts);
    if (restored > 0) {
      say(texts.restored);
    }
  }

  // ---- saving ----

  function schedule(state, delay) {
    updateProgress();
    keepDraft(state.code, read(state));
    state.pending = true;
    if (state.timer !== null) {
      window.clearTimeout(state.timer);
    }
    state.timer = window.setTimeout(() => {
      state.timer = null;
      save(state);
    }, delay);
  }

  async function save(state) {
    if (stopped || state.conflict) {
      return;
    }
    if (state.inFlight) {
      state.again = true;
      return;
    }
    const answer = read(state);
    state.inFlight = true;
    state.again = false;
    if (!offline) {
      say(texts.saving);
    }
    setStatement(state, '');
    let response;
    try {
      response = await fetch(api + '/answers/' + encodeURIComponent(state.code), {
        method: 'PUT',
        credentials: 'same-origin',
        cache: 'no-store',
        headers: { 'Content-Type': 'application/json', RequestVerificationToken: antiforgery ? antiforgery.value : '' },
        body: JSON.stringify({ value: toApi[answer.value], comment: answer.comment, evidence: answer.evidence, expectedVersion: answer.version }),
      });
    } catch {
      state.inFlight = false;
      connectionLost();
      return;
    }
    state.inFlight = false;

    if (response.ok) {
      const saved = fromServer(await response.json());
      setVersion(state, saved.version);
      setStatement(state, texts.statementSaved, true);
      const carried = state.fieldset.querySelector('.carried-note');
      if (carried) {
        carried.remove();
      }
      connectionBack();
      if (state.again || !same(read(state), saved)) {
        // Typed on while this save travelled: save the newer text on top of the version just stored.
        keepDraft(state.code, read(state));
        save(state);
        return;
      }
      state.pending = false;
      dropDraft(state.code);
      announceIfSettled();
      return;
    }

    if (response.status === 409) {
      const problem = await response.json();
      connectionBack();
      showConflict(state, fromServer(problem.current), answer);
      return;
    }

    if (response.status === 423) {
      stop(texts.locked);
      return;
    }

    if (response.status === 400) {
      // The one 400 the form can cause: a text over its length (maxlength stops typing, not pasting everywhere).
      state.pending = false;
      setStatement(state, texts.tooLong);
      say(texts.tooLong);
      return;
    }

    if (response.status === 404) {
      stop(texts.invalidLink);
      return;
    }

    // 429, 5xx, a proxy's error page: treat as a connection problem and try again.
    connectionLost();
  }

  function hasUnsaved() {
    for (const state of statements.values()) {
      if (state.pending || state.inFlight || state.timer !== null || state.conflict) {
        return true;
      }
    }
    return false;
  }

  function announceIfSettled() {
    if (offline || hasUnsaved()) {
      return;
    }
    const time = new Date().toLocaleTimeString(document.documentElement.lang || undefined, { hour: '2-digit', minute: '2-digit' });
    say(texts.savedAt.replace('{0}', time));
  }

  function connectionLost() {
    offline = true;
    say(texts.offline, true);
    if (retryTimer === null) {
      retryTimer = window.setTimeout(retryPending, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 30000);
    }
  }

  function connectionBack() {
    if (offline) {
      offline = false;
      retryDelay = 2000;
      status.classList.remove('save-status-problem');
    }
  }

  function retryPending() {
    if (retryTimer !== null) {
      window.clearTimeout(retryTimer);
      retryTimer = null;
    }
    const waiting = [...statements.values()].filter((s) => s.pending && !s.inFlight && !s.conflict);
    if (waiting.length > 0) {
      say(texts.retrying.replace('{0}', String(waiting.length)), true);
    }
    for (const state of waiting) {
      save(state);
    }
  }

  function stop(message) {
    stopped = true;
    say(message, true);
    for (const fieldset of form.querySelectorAll('fieldset.statement')) {
      fieldset.disabled = true;
    }
    for (const button of form.querySelectorAll('button[type="submit"]')) {
      button.disabled = true;
    }
  }

  // ---- conflicts ----

  function label(value) {
    return { Yes: texts.yes, No: texts.no, NotDetermined: texts.notDetermined }[value] || texts.unanswered;
  }

  function describe(parent, answer) {
    parent.append(label(answer.value));
    for (const [name, text] of [[texts.comment, answer.comment], [texts.evidence, answer.evidence]]) {
      if (text && text.trim() !== '') {
        parent.append(document.createElement('br'));
        const caption = document.createElement('span');
        caption.className = 'subtle';
        caption.textContent = name + ': ';
        parent.append(caption, text);
      }
    }
  }

  function showConflict(state, theirs, mine) {
    state.conflict = theirs;
    const fieldset = state.fieldset;
    const id = fieldset.id + '-conflict';
    const old = document.getElementById(id);
    if (old) {
      old.remove();
    }
    const note = document.createElement('div');
    note.className = 'conflict-note';
    note.id = id;
    note.setAttribute('role', 'note');
    const lead = document.createElement('p');
    const strong = document.createElement('strong');
    strong.textContent = texts.conflict;
    lead.append(strong);
    const versions = document.createElement('dl');
    versions.className = 'conflict-versions';
    for (const [caption, answer] of [[texts.theirAnswer, theirs], [texts.yourAnswer, mine]]) {
      const term = document.createElement('dt');
      term.textContent = caption;
      const detail = document.createElement('dd');
      describe(detail, answer);
      versions.append(term, detail);
    }
    const actions = document.createElement('div');
    actions.className = 'actions';
    const keep = document.createElement('button');
    keep.type = 'button';
    keep.textContent = texts.keepMine;
    keep.addEventListener('click', () => resolve(state, 'mine'));
    const take = document.createElement('button');
    take.type = 'button';
    take.textContent = texts.takeTheirs;
    take.addEventListener('click', () => resolve(state, 'theirs'));
    actions.append(keep, take);
    note.append(lead, versions, actions);
    fieldset.querySelector('legend').after(note);
    fieldset.classList.add('conflict');
    fieldset.setAttribute('aria-describedby', id);
    say(texts.conflicts, true);
  }

  function resolve(state, choice) {
    const theirs = state.conflict;
    state.conflict = null;
    const note = document.getElementById(state.fieldset.id + '-conflict');
    if (note) {
      note.remove();
    }
    state.fieldset.classList.remove('conflict');
    state.fieldset.removeAttribute('aria-describedby');
    if (choice === 'theirs') {
      write(state, theirs);
      state.pending = false;
      dropDraft(state.code);
      updateProgress();
      announceIfSettled();
    } else {
      // Mine, on top of theirs: the version they saved is the one this save replaces.
      setVersion(state, theirs.version);
      schedule(state, 0);
    }
    state.fieldset.querySelector('input[data-role="value"]')?.focus();
  }

  // ---- what the page says ----

  function say(message, problem) {
    status.textContent = message;
    status.classList.toggle('save-status-problem', Boolean(problem));
  }

  // A statement's own line: "Saved" after its answer is stored, or what went wrong with it.
  function setStatement(state, message, saved) {
    const line = document.getElementById(state.fieldset.id + '-status');
    if (line) {
      line.textContent = message;
      line.classList.toggle('statement-saved', Boolean(saved));
    }
  }

  function updateProgress() {
    if (!progress) {
      return;
    }
    let answered = 0;
    for (const state of statements.values()) {
      if (valueOf(state.fieldset) !== 'Unanswered') {
        answered++;
      }
    }
    progress.textContent = texts.progress.replace('{0}', String(answered)).replace('{1}', progress.dataset.statements);
  }
})();
