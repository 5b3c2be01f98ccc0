// The advice report's behaviour: evidence links, "scan again", "copy as Markdown", and scrolling to
// the workload the extension asks for. Messages from the extension are checked before use; the
// document itself is built (and escaped) by the extension.
// @ts-check
(function () {
  'use strict';

  // eslint-disable-next-line no-undef
  const vscode = acquireVsCodeApi();
  const MAX_FILE_LENGTH = 1024;

  const isPlainObject = (v) =>
    typeof v === 'object' && v !== null && !Array.isArray(v) && (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null);
  const isIndex = (v) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 1000000;

  /** @type {{focus?: number}} */
  let state = {};
  const saved = vscode.getState();
  if (isPlainObject(saved) && isIndex(saved.focus)) state.focus = saved.focus;
  const initial = Number(document.body.dataset.focus);
  if (isIndex(initial)) state.focus = initial;

  function focusWorkload(index) {
    const section = document.getElementById('w-' + index);
    if (!section) return;
    for (const s of document.querySelectorAll('section.workload.focused')) s.classList.remove('focused');
    section.classList.add('focused');
    section.scrollIntoView({ block: 'start' });
    section.focus({ preventScroll: true });
    state = { focus: index };
    vscode.setState(state);
  }

  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target.closest('button, a[data-index]') : null;
    if (!target) return;
    const el = /** @type {HTMLElement} */ (target);
    if (el.dataset.action === 'rerun' || el.dataset.action === 'copy') {
      vscode.postMessage({ type: el.dataset.action });
      return;
    }
    if (el.tagName === 'A' && el.dataset.index !== undefined) {
      event.preventDefault();
      focusWorkload(Number(el.dataset.index));
      return;
    }
    const file = el.dataset.file;
    const line = Number(el.dataset.line);
    if (typeof file === 'string' && file.length > 0 && file.length <= MAX_FILE_LENGTH && Number.isInteger(line) && line >= 1) {
      vscode.postMessage({ type: 'open', file, line });
    }
  });

  window.addEventListener('message', (event) => {
    const m = event.data;
    if (!isPlainObject(m)) return;
    if (m.type === 'focus' && isIndex(m.index)) focusWorkload(m.index);
  });

  if (state.focus !== undefined) focusWorkload(state.focus);
  vscode.postMessage({ type: 'ready' });
})();
