namespace Regurgitate.Benchmarks;

/// <summary>The scripts <see cref="ComparisonUiBenchmark"/> puts into the page to see when things happen there.</summary>
internal static class ComparisonUiProbes
{
    // Records when the runs table's first row entered the page and the end of the frame after it, in ms since
    // navigation: when a user sees the rows, which polling from the test driver reports late while the page's main
    // thread is busy running its scripts.
    public const string RowsProbe = """
        (() => {
          new MutationObserver((_, observer) => {
            if (document.querySelector('[data-testid=compare-runs-grid] tr.compare-run-row')) {
              observer.disconnect();
              requestAnimationFrame(() => setTimeout(() => { window.__rowsPainted = performance.now(); }, 0));
            }
          }).observe(document, { childList: true, subtree: true });
        })();
        """;

    // Records when Plotly's script has run and when each newPlot/react call starts and ends, in ms since navigation, to
    // see where the time between "page visible" and "lines drawn" goes; and how long the first draw took and how many
    // element boxes Plotly read (each a forced layout) while drawing.
    public const string PlotlyProbe = """
        (() => {
          const log = (what) => (window.__bench = window.__bench || []).push(`${what} ${performance.now().toFixed(0)}`);
          document.addEventListener('DOMContentLoaded', () => {
            log('dom');
            const seen = new Set();
            new MutationObserver(() => {
              for (const [what, selector] of [['grid', '[data-testid=compare-runs-grid] tr.compare-run-row'], ['chart-box', '[data-testid=compare-chart]'], ['plotly-tag', 'script[src*=plotly]']]) {
                if (!seen.has(what) && document.querySelector(selector)) { seen.add(what); log(what); }
              }
            }).observe(document, { childList: true, subtree: true });
          });
          const Native = window.WebSocket;
          window.WebSocket = function (...args) {
            const socket = new Native(...args);
            socket.addEventListener('message', (e) => {
              const size = e.data.byteLength ?? e.data.size ?? e.data.length;
              if (size > 20000) log(`ws-${Math.round(size / 1024)}KB`);
            });
            return socket;
          };
          window.WebSocket.prototype = Native.prototype;
          Object.assign(window.WebSocket, { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 });
          // Forced layouts Plotly asks for: its text measuring reads element boxes in the plot or its hidden tester.
          let boxReads = 0;
          const read = Element.prototype.getBoundingClientRect;
          Element.prototype.getBoundingClientRect = function () {
            if (this.closest && (this.closest('.js-plotly-plot') || this.closest('#js-plotly-tester'))) { boxReads++; }
            return read.call(this);
          };
          let plotly;
          Object.defineProperty(window, 'Plotly', {
            configurable: true,
            get: () => plotly,
            set: (value) => {
              log('plotly-script');
              for (const name of ['newPlot', 'react']) {
                const original = value[name];
                value[name] = function () {
                  log(name + '-start');
                  // The first figure drawn, for the page with Plotly alone (PlotlyAlonePage); the layout copied before Plotly fills it in.
                  window.__firstDrawArguments ??= [arguments[0], arguments[1], structuredClone(arguments[2]), arguments[3]];
                  const [start, reads] = [performance.now(), boxReads];
                  const result = original.apply(this, arguments);
                  Promise.resolve(result).then(() => {
                    log(name + '-end');
                    window.__firstDraw ??= { ms: performance.now() - start, boxReads: boxReads - reads };
                  });
                  return result;
                };
              }
              plotly = value;
            },
          });
        })();
        """;

    // The page's own response (first and last byte, size) before the probe's entries.
    public const string TimelineScript = """
        () => {
          const response = performance.getEntriesByType('navigation')[0];
          const head = response ? [`response ${response.responseStart.toFixed(0)}-${response.responseEnd.toFixed(0)} (${Math.round(response.decodedBodySize / 1024)} KB)`] : [];
          return head.concat(window.__bench || []).join(', ');
        }
        """;
}
