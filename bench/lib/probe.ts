/**
 * Code that runs inside the measured pages. Kept as source strings, not
 * functions: the TypeScript runner (tsx/esbuild) may add helpers such as
 * `__name` to compiled functions, which would not exist in the page.
 *
 * Every timestamp is `performance.now()` in the page, i.e. milliseconds since
 * the navigation started (the page's time origin).
 */

/**
 * Installed before any page script (context init script). Records when the
 * editor appears, when `expected` distinct claim highlights are in the DOM,
 * and the start of the second animation frame after that (the highlights have
 * been painted). Also collects long animation frames and long tasks.
 */
export function openProbeSource(expected: number): string {
  return `(() => {
  if (window.__probe) return;
  const P = (window.__probe = {
    expected: ${JSON.stringify(expected)},
    open: { editorAt: null, marksAt: null, paintedAt: null, markElements: 0, distinct: 0 },
    loafs: [],
    longtasks: [],
  });
  const observe = (type, fn) => {
    try {
      new PerformanceObserver((list) => list.getEntries().forEach(fn)).observe({ type, buffered: true });
    } catch (e) {}
  };
  observe("long-animation-frame", (e) =>
    P.loafs.push({
      start: e.startTime,
      duration: e.duration,
      blocking: e.blockingDuration,
      renderStart: e.renderStart,
      styleAndLayoutStart: e.styleAndLayoutStart,
      scripts: e.scripts.map((s) => ({
        invoker: s.invoker,
        invokerType: s.invokerType,
        sourceURL: s.sourceURL,
        sourceFunctionName: s.sourceFunctionName,
        start: s.startTime,
        duration: s.duration,
        forcedStyleAndLayout: s.forcedStyleAndLayoutDuration,
      })),
    }),
  );
  observe("longtask", (e) => P.longtasks.push({ start: e.startTime, duration: e.duration }));
  const started = performance.now();
  const poll = () => {
    const now = performance.now();
    const o = P.open;
    if (o.editorAt === null && document.querySelector(".ProseMirror")) o.editorAt = now;
    if (o.editorAt !== null) {
      const marks = document.querySelectorAll(".ProseMirror mark[data-claim-id]");
      if (marks.length >= P.expected) {
        const ids = new Set();
        for (const m of marks) ids.add(m.getAttribute("data-claim-id"));
        if (ids.size >= P.expected) {
          o.marksAt = now;
          o.markElements = marks.length;
          o.distinct = ids.size;
          requestAnimationFrame(() => requestAnimationFrame(() => { o.paintedAt = performance.now(); }));
          return;
        }
      }
    }
    if (now - started < 180000) requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
})();`;
}

/**
 * Installed after the page has opened. For each key press, records:
 *  - latency: from the keydown event's timestamp to the end of the first
 *    animation frame that started after the last work the key caused
 *    (event handlers, selectionchange, ProseMirror transactions), i.e. until
 *    the result is on screen;
 *  - script: time spent in the page's event handlers for that key (keydown,
 *    keypress, beforeinput, input, keyup, selectionchange), measured from a
 *    window capture listener to a window bubble listener;
 *  - dispatch: time inside ProseMirror's view.dispatch (transactions);
 *  - frame: duration of that frame's rendering (rAF → after paint).
 * `__keyProbe.settle()` resolves once the key's effect is painted and two
 * more frames passed with no new work.
 */
export const keyProbeSource = `(() => {
  if (window.__keyProbe) return;
  const K = (window.__keyProbe = { samples: [], current: null, loafs: [] });
  try {
    new PerformanceObserver((list) =>
      list.getEntries().forEach((e) =>
        K.loafs.push({
          start: e.startTime,
          duration: e.duration,
          blocking: e.blockingDuration,
          // What ran in the frame, longest first (event listeners, timers, promise callbacks…).
          scripts: e.scripts
            .map((s) => ({ invoker: s.invoker, sourceURL: s.sourceURL.replace(location.origin, ""), duration: Math.round(s.duration), forcedStyleAndLayout: Math.round(s.forcedStyleAndLayoutDuration) }))
            .sort((a, b) => b.duration - a.duration)
            .slice(0, 3),
          renderMs: e.duration - (e.renderStart ? e.renderStart - e.startTime : e.duration),
        }),
      ),
    ).observe({ type: "long-animation-frame" });
  } catch (e) {}
  const now = () => performance.now();
  let rafPending = false;
  const channel = new MessageChannel();
  let frameWaiters = [];
  channel.port1.onmessage = () => {
    const end = now();
    const waiters = frameWaiters;
    frameWaiters = [];
    for (const w of waiters) w(end);
  };
  const requestFrame = () => {
    if (rafPending) return;
    rafPending = true;
    requestAnimationFrame(() => {
      rafPending = false;
      const raf = now();
      frameWaiters.push((end) => onFrame(raf, end));
      channel.port2.postMessage(0);
    });
  };
  const onFrame = (raf, end) => {
    const c = K.current;
    if (!c || c.frameEnd !== null) return;
    if (raf >= c.lastWork) {
      c.frameEnd = end;
      c.frameRaf = raf;
    } else requestFrame();
  };
  const work = () => {
    const c = K.current;
    if (!c) return;
    c.lastWork = Math.max(c.lastWork, now());
    c.frameEnd = null;
    requestFrame();
  };
  const spans = new Map();
  const begin = (e) => spans.set(e.type, now());
  const end = (e) => {
    const c = K.current;
    const s = spans.get(e.type);
    if (c && s !== undefined) c.script += now() - s;
    spans.delete(e.type);
    // keyup is sent right after keydown by the test driver (a person lifts
    // the key ~100 ms later): its handlers count as script, but it does not
    // push the "painted" frame later.
    if (e.type !== "keyup") work();
  };
  window.addEventListener("keydown", (e) => {
    K.current = { key: e.key, t0: e.timeStamp, lastWork: now(), script: 0, dispatch: 0, dispatches: 0, frameEnd: null, frameRaf: null, quiet: 0 };
    begin(e);
  }, true);
  for (const type of ["keydown", "keypress", "beforeinput", "input", "keyup", "selectionchange"]) {
    if (type !== "keydown") window.addEventListener(type, begin, true);
    window.addEventListener(type, end, false);
  }
  const dom = document.querySelector(".ProseMirror");
  const view = dom && dom.editor && dom.editor.view;
  if (view) {
    const dispatch = view.dispatch;
    view.dispatch = function (tr) {
      const s = now();
      try {
        return dispatch.call(this, tr);
      } finally {
        const c = K.current;
        if (c) { c.dispatch += now() - s; c.dispatches++; }
        work();
      }
    };
  }
  K.settle = () =>
    new Promise((resolve) => {
      const started = now();
      let quietFrames = 0;
      let lastSeenWork = -1;
      const check = () => {
        const c = K.current;
        if (!c) return resolve(null);
        if (c.lastWork !== lastSeenWork) { lastSeenWork = c.lastWork; quietFrames = 0; }
        else if (c.frameEnd !== null) quietFrames++;
        if ((c.frameEnd !== null && quietFrames >= 2) || now() - started > 3000) {
          const sample = {
            key: c.key,
            latency: c.frameEnd !== null ? c.frameEnd - c.t0 : null,
            script: c.script,
            dispatch: c.dispatch,
            dispatches: c.dispatches,
            frame: c.frameEnd !== null ? c.frameEnd - c.frameRaf : null,
            t0: c.t0,
            end: c.frameEnd,
          };
          K.samples.push(sample);
          K.current = null;
          return resolve(sample);
        }
        requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    });
  K.take = () => {
    const out = { samples: K.samples, loafs: K.loafs };
    K.samples = [];
    K.loafs = [];
    return out;
  };
  return !!view;
})()`;
