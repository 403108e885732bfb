import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);

// src/run/clock.ts
var systemClock = {
  now: () => /* @__PURE__ */ new Date(),
  sleep: (ms, signal) => new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  })
};

export {
  systemClock
};
//# sourceMappingURL=chunk-I6JQYRCA.js.map
