// The comparison panel's behaviour: filter, keyboard navigation, the sandboxed column toggle,
// focusing a row, workspace evidence links. Messages from the extension are checked before use;
// workspace strings are only ever set through textContent and dataset, never as markup.
// @ts-check
(function () {
  'use strict';

  // eslint-disable-next-line no-undef
  const vscode = acquireVsCodeApi();

  const MAX_FILE_LENGTH = 4096;
  const MAX_FILTER_LENGTH = 200;
  const MAX_SHOWN = 300;
  const MAX_MARKS_SHOWN = 50;
  const MAX_DECIDED_NAMES = 5;

  const table = /** @type {HTMLTableElement} */ (document.getElementById('comparison'));
  const filterInput = /** @type {HTMLInputElement} */ (document.getElementById('filter'));
  const toggle = /** @type {HTMLInputElement} */ (document.getElementById('toggle-sandboxed'));
  const copyButton = /** @type {HTMLButtonElement} */ (document.getElementById('copy-markdown'));
  const status = /** @type {HTMLElement} */ (document.getElementById('status'));
  const noMatch = /** @type {HTMLElement} */ (document.getElementById('no-match'));
  /** @type {HTMLTableRowElement[]} */
  const rows = Array.from(table.querySelectorAll('tbody tr[data-dimension]'));
  const dimensionIds = new Set(rows.map((r) => r.dataset.dimension));

  const own = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
  const isPlainObject = (v) =>
    typeof v === 'object' && v !== null && !Array.isArray(v) && (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null);
  const isDimension = (v) => typeof v === 'string' && dimensionIds.has(v);
  // The words this script writes itself, in the display language: the extension renders them into
  // <main data-l10n="{...}"> (core/render/panelHtml.ts scriptStrings). Any missing or malformed one
  // stays English.
  const TEXT = {
    copied: 'Copied the comparison as Markdown.',
    nothing: 'Nothing in this workspace.',
    more: 'and {0} more',
    decided: 'Decided the verdict of:',
  };
  const VERDICT_LABELS = {
    container: 'Container',
    'container-hardened': 'Hardened container',
    sandboxed: 'Sandboxed container',
    vm: 'Virtual machine',
  };
  (function readStrings() {
    const main = document.querySelector('main');
    let given;
    try {
      given = JSON.parse((main && main.dataset.l10n) || '{}');
    } catch {
      return;
    }
    if (!isPlainObject(given)) return;
    const usable = (v) => typeof v === 'string' && v.trim() !== '' && v.length <= 1000;
    for (const k of Object.keys(TEXT)) if (own(given, k) && usable(given[k])) TEXT[k] = given[k];
    if (!isPlainObject(given.verdicts)) return;
    for (const k of Object.keys(VERDICT_LABELS)) if (own(given.verdicts, k) && usable(given.verdicts[k])) VERDICT_LABELS[k] = given.verdicts[k];
  })();
  /** `and {0} more` with the number in place of {0}. */
  const format = (template, value) => template.replace(/\{0\}/g, String(value));

  const clip = (text, max) => {
    const s = String(text).replace(/\s+/g, ' ').trim();
    return s.length > max ? s.slice(0, max - 1) + '…' : s;
  };
  // Paths keep their end (the file name) behind a leading ellipsis, as core/render/html.ts clipPath.
  const clipPath = (text, max) => {
    const s = String(text).replace(/\s+/g, ' ').trim();
    return s.length > max ? '…' + s.slice(s.length - (max - 1)) : s;
  };

  /** @type {{filter: string, sandboxed: boolean, focus?: string}} */
  let state = { filter: filterInput.value, sandboxed: toggle.checked };
  const initialFocus = document.body.dataset.focus;
  if (isDimension(initialFocus)) state.focus = initialFocus;

  const saved = vscode.getState();
  if (isPlainObject(saved)) {
    if (typeof saved.filter === 'string' && saved.filter.length <= MAX_FILTER_LENGTH) state.filter = saved.filter;
    if (typeof saved.sandboxed === 'boolean') state.sandboxed = saved.sandboxed;
    if (!isDimension(initialFocus) && isDimension(saved.focus)) state.focus = saved.focus;
  }

  function saveState() {
    const s = { filter: state.filter, sandboxed: state.sandboxed };
    if (state.focus) s.focus = state.focus;
    vscode.setState(s);
    vscode.postMessage({ type: 'state', state: s });
  }

  // ---- filter -------------------------------------------------------------------------------

  function visibleRows() {
    return rows.filter((r) => !r.hidden);
  }

  function applyFilter() {
    const q = state.filter.trim().toLowerCase();
    let shown = 0;
    for (const r of rows) {
      const match = q === '' || (r.textContent || '').toLowerCase().includes(q);
      r.hidden = !match;
      if (match) shown++;
    }
    noMatch.hidden = shown !== 0;
    // Keep one visible row in the tab order.
    const vis = visibleRows();
    if (vis.length && !vis.some((r) => r.tabIndex === 0)) setCurrent(vis[0]);
  }

  filterInput.addEventListener('input', () => {
    state.filter = filterInput.value.slice(0, MAX_FILTER_LENGTH);
    applyFilter();
    saveState();
  });
  filterInput.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown') {
      const first = visibleRows()[0];
      if (first) {
        e.preventDefault();
        moveTo(first);
      }
    }
  });

  // ---- sandboxed column -----------------------------------------------------------------------

  function applySandboxed() {
    toggle.checked = state.sandboxed;
    table.classList.toggle('hide-sandboxed', !state.sandboxed);
  }
  toggle.addEventListener('change', () => {
    state.sandboxed = toggle.checked;
    applySandboxed();
    saveState();
  });

  // ---- rows and keyboard ----------------------------------------------------------------------

  /** Roving tabindex: exactly one row is reachable with Tab. */
  function setCurrent(row) {
    for (const r of rows) r.tabIndex = r === row ? 0 : -1;
  }

  function moveTo(row) {
    setCurrent(row);
    row.focus();
  }

  table.addEventListener('keydown', (e) => {
    const row = /** @type {HTMLElement} */ (e.target).closest('tr[data-dimension]');
    if (!row || e.target !== row) return;
    const vis = visibleRows();
    const i = vis.indexOf(/** @type {HTMLTableRowElement} */ (row));
    let next;
    if (e.key === 'ArrowDown') next = vis[Math.min(i + 1, vis.length - 1)];
    else if (e.key === 'ArrowUp') {
      if (i === 0) {
        e.preventDefault();
        filterInput.focus();
        return;
      }
      next = vis[Math.max(i - 1, 0)];
    } else if (e.key === 'Home') next = vis[0];
    else if (e.key === 'End') next = vis[vis.length - 1];
    else if (e.key === 'Enter') {
      const link = row.querySelector('.marks .evidence');
      if (link) {
        e.preventDefault();
        openEvidence(/** @type {HTMLElement} */ (link));
      }
      return;
    }
    if (next) {
      e.preventDefault();
      moveTo(next);
    }
  });

  table.addEventListener('focusin', (e) => {
    const row = /** @type {HTMLElement} */ (e.target).closest('tr[data-dimension]');
    if (row) setCurrent(row);
  });

  function focusRow(id) {
    const row = rows.find((r) => r.dataset.dimension === id);
    if (!row) return;
    if (row.hidden) {
      state.filter = '';
      filterInput.value = '';
      applyFilter();
    }
    for (const r of rows) r.classList.toggle('focused', r === row);
    moveTo(row);
    row.scrollIntoView({ block: 'center' });
    state.focus = id;
    saveState();
  }

  // ---- evidence links -------------------------------------------------------------------------

  function openEvidence(el) {
    const file = el.dataset.file;
    const line = Number(el.dataset.line);
    if (typeof file !== 'string' || file.length === 0 || file.length > MAX_FILE_LENGTH) return;
    if (!Number.isInteger(line) || line < 1) return;
    vscode.postMessage({ type: 'openFile', file, line });
  }

  table.addEventListener('click', (e) => {
    const target = /** @type {HTMLElement} */ (e.target);
    const evidence = target.closest('.evidence');
    if (evidence) {
      openEvidence(/** @type {HTMLElement} */ (evidence));
      return;
    }
    const cite = target.closest('a.cite');
    if (cite) {
      e.preventDefault();
      const id = (cite.getAttribute('href') || '').slice(1);
      const el = document.getElementById(id);
      if (el) el.scrollIntoView({ block: 'center' });
    }
  });

  // ---- copy -----------------------------------------------------------------------------------

  copyButton.addEventListener('click', () => {
    vscode.postMessage({ type: 'copyMarkdown' });
    status.textContent = TEXT.copied;
  });

  // ---- workspace marks ------------------------------------------------------------------------

  function validMark(m) {
    return (
      isPlainObject(m) &&
      typeof m.workload === 'string' &&
      typeof m.verdict === 'string' &&
      typeof m.file === 'string' &&
      typeof m.message === 'string' &&
      typeof m.line === 'number' &&
      Number.isInteger(m.line) &&
      (!own(m, 'decided') || typeof m.decided === 'boolean') &&
      (!own(m, 'display') || typeof m.display === 'string')
    );
  }

  function span(cls, text) {
    const s = document.createElement('span');
    s.className = cls;
    s.textContent = text;
    return s;
  }

  /** A span of text whose `code spans` are <code> elements, every piece set as text (as panelHtml.ts's prose). */
  function prose(cls, text) {
    const s = document.createElement('span');
    s.className = cls;
    const parts = String(text).split(/`([^`]+)`/);
    parts.forEach((part, i) => {
      if (i % 2 === 1) {
        const c = document.createElement('code');
        c.textContent = part;
        s.append(c);
      } else if (part) s.append(part);
    });
    return s;
  }

  function renderMark(m) {
    const li = document.createElement('li');
    if (m.decided === true) li.className = 'decided';
    // The report's (workspace-relative) name is shown; the link carries the path to open.
    const where = clipPath(typeof m.display === 'string' && m.display !== '' ? m.display : m.file, 120) + ':' + m.line;
    if (m.file.length > 0 && m.file.length <= MAX_FILE_LENGTH && m.line >= 1) {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'evidence';
      b.dataset.file = m.file;
      b.dataset.line = String(m.line);
      b.textContent = where;
      li.append(b);
    } else {
      li.append(span('evidence-place', where));
    }
    const known = own(VERDICT_LABELS, m.verdict);
    li.append(' ', span('workload', clip(m.workload, 120)), ' ');
    li.append(span('verdict' + (known ? ' verdict-' + m.verdict : ''), known ? VERDICT_LABELS[m.verdict] : clip(m.verdict, 40)));
    li.append(' ', prose('message', clip(m.message, MAX_SHOWN)));
    return li;
  }

  function renderMarks(marks) {
    for (const row of rows) {
      const box = row.querySelector('.marks');
      if (!box) continue;
      const id = /** @type {string} */ (row.dataset.dimension);
      const list = own(marks, id) && Array.isArray(marks[id]) ? marks[id].filter(validMark) : [];
      box.replaceChildren();
      box.setAttribute('data-count', String(list.length));
      // As core/render/panelHtml.ts: the row is marked, and names the workloads its evidence decided.
      const decided = [];
      for (const m of list) if (m.decided === true && !decided.includes(m.workload)) decided.push(m.workload);
      row.classList.toggle('decided', decided.length > 0);
      if (list.length === 0) {
        box.append(span('muted', TEXT.nothing));
        continue;
      }
      if (decided.length > 0) {
        const p = document.createElement('p');
        p.className = 'decided-note';
        const strong = document.createElement('strong');
        strong.textContent = TEXT.decided;
        const more = decided.length > MAX_DECIDED_NAMES ? ' ' + format(TEXT.more, decided.length - MAX_DECIDED_NAMES) : '';
        p.append(strong, ' ' + decided.slice(0, MAX_DECIDED_NAMES).map((n) => clip(n, 60)).join(', ') + more);
        box.append(p);
      }
      const ul = document.createElement('ul');
      for (const m of list.slice(0, MAX_MARKS_SHOWN)) ul.append(renderMark(m));
      box.append(ul);
      if (list.length > MAX_MARKS_SHOWN) {
        const p = document.createElement('p');
        p.className = 'muted';
        p.textContent = format(TEXT.more, list.length - MAX_MARKS_SHOWN);
        box.append(p);
      }
    }
  }

  // ---- messages from the extension --------------------------------------------------------------

  window.addEventListener('message', (event) => {
    const msg = event.data;
    if (!isPlainObject(msg) || typeof msg.type !== 'string') return;
    if (msg.type === 'focus') {
      if (isDimension(msg.dimension)) focusRow(msg.dimension);
    } else if (msg.type === 'show') {
      if (own(msg, 'marks') && isPlainObject(msg.marks)) renderMarks(msg.marks);
      if (own(msg, 'focus') && isDimension(msg.focus)) focusRow(msg.focus);
    }
  });

  // ---- start ----------------------------------------------------------------------------------

  filterInput.value = state.filter;
  applySandboxed();
  applyFilter();
  if (state.focus) focusRow(state.focus);
  else saveState();
  vscode.postMessage({ type: 'ready' });
})();
