// Saves a file the server streams (a DotNetStreamReference), e.g. a comparison chart's CSV or JSON data.
window.regurgitate = window.regurgitate || {};
window.regurgitate.downloadStream = async function (fileName, contentType, streamReference) {
    const buffer = await streamReference.arrayBuffer();
    window.regurgitate.saveBlob(fileName, new Blob([buffer], { type: contentType }));
};

// Draws (or redraws) a comparison chart whose numbers arrive as one binary block (PackedPoints.cs): each trace gets
// typed-array views of its x (float64) and y (float32) values, so no number is parsed from JSON. Plotly is taken from
// the page, or loaded through Plotly.Blazor's own loader under the same names the page preload uses (PlotlyAssets.cs).
// Draws of one chart run in order, so a slow first draw cannot overwrite newer data.
window.regurgitate.drawComparison = function (id, traces, layout, config, points, lines, assets) {
    const element = document.getElementById(id);
    if (!element) {
        return Promise.resolve();
    }
    const copy = points.slice().buffer; // aligned for the float64 views, whatever the received array's offset
    traces.forEach(function (trace, i) {
        trace.x = new Float64Array(copy, lines[i].xOffset, lines[i].count);
        trace.y = new Float32Array(copy, lines[i].yOffset, lines[i].count);
    });
    return afterComparisonDraws(element, function () {
        return window.regurgitate.loadPlotly(assets)
            .then(function (plotly) { return document.body.contains(element) ? plotly.react(element, traces, layout, config) : null; });
    });
};

// Hides or shows one line of a comparison chart (its traces share the legend group), after any draw under way.
window.regurgitate.setComparisonLineVisible = function (id, key, visible) {
    const element = document.getElementById(id);
    if (!element) {
        return Promise.resolve();
    }
    return afterComparisonDraws(element, function () {
        const indices = (element.data || []).map(function (trace, i) { return trace.legendgroup === key ? i : -1; }).filter(function (i) { return i >= 0; });
        return indices.length > 0 && window.Plotly ? window.Plotly.restyle(element, { visible: visible }, indices) : null;
    });
};

// Runs a change of a comparison chart after every earlier one has finished (a failed one does not block the next),
// so a slow first draw cannot overwrite newer data or undo a line hidden since.
function afterComparisonDraws(element, work) {
    const done = (element.__comparisonDraw || Promise.resolve()).then(work).then(function () { });
    element.__comparisonDraw = done.catch(function () { });
    return done;
}

window.regurgitate.purgeComparison = function (id) {
    const element = document.getElementById(id);
    if (element && window.Plotly) {
        window.Plotly.purge(element);
    }
};

// Resolves with window.Plotly once its script has run. importScript resolves at once when the element already exists
// (the page preload made it), possibly before the script has run, so then the element's load event is awaited too.
window.regurgitate.loadPlotly = function (assets) {
    if (window.Plotly) {
        return Promise.resolve(window.Plotly);
    }
    return import(new URL(assets.module, document.baseURI).href)
        .then(function (interop) { return interop.importScript(assets.elementId, assets.script); })
        .then(function () {
            return window.Plotly || new Promise(function (resolve, reject) {
                const script = document.getElementById(assets.elementId);
                script.addEventListener("load", function () { resolve(window.Plotly); }, { once: true });
                script.addEventListener("error", function () { reject(new Error("Plotly could not be loaded.")); }, { once: true });
                if (window.Plotly) {
                    resolve(window.Plotly);
                }
            });
        });
};

// Tells the comparison runs grid (ComparisonRunsGrid.razor.cs) where its scroll box is scrolled to and how high it is,
// at most once a frame, so it renders the rows in view; once at the start too, with the box's real height.
window.regurgitate.watchRowsScroll = function (element, grid) {
    if (!element || element.__rowsScroll) {
        return;
    }
    let pending = false;
    const report = function () {
        pending = false;
        grid.invokeMethodAsync("OnRowsScrolled", element.scrollTop, element.clientHeight).catch(function () { });
    };
    const onScroll = function () {
        if (!pending) {
            pending = true;
            requestAnimationFrame(report);
        }
    };
    element.__rowsScroll = onScroll;
    element.addEventListener("scroll", onScroll, { passive: true });
    window.addEventListener("resize", onScroll, { passive: true });
    report();
};

window.regurgitate.unwatchRowsScroll = function (element) {
    if (element && element.__rowsScroll) {
        element.removeEventListener("scroll", element.__rowsScroll);
        window.removeEventListener("resize", element.__rowsScroll);
        element.__rowsScroll = null;
    }
};
