// Plotly's script would otherwise start loading only when the first chart renders, after the circuit has started.
// Loading it now through Plotly.Blazor's own loader (the same module, element id and URL; see PlotlyAssets.cs) overlaps
// it with the circuit's start-up and still loads it once: the loader finds the element and waits for its onload.
(function () {
    const script = document.currentScript;
    if (!script || !script.dataset.plotlyModule) {
        return;
    }
    import(new URL(script.dataset.plotlyModule, document.baseURI).href)
        .then(function (interop) { return interop.importScript(script.dataset.plotlyId, script.dataset.plotlyScript); })
        .catch(function (error) { console.warn("Plotly was not preloaded; the first chart loads it.", error); });
})();

// Downloads a Plotly chart as an image; id is the chart's element id, options Plotly.downloadImage's
// { format: 'svg' | 'png', filename, width, height, scale }.
window.regurgitate = window.regurgitate || {};
window.regurgitate.downloadChart = function (id, options) {
    const element = document.getElementById(id);
    if (!element || !window.Plotly) {
        throw new Error("Chart " + id + " is not drawn yet.");
    }
    return window.Plotly.downloadImage(element, options).then(function () { });
};

// Saves bytes the server made (base64) as a file through a temporary object URL.
window.regurgitate.downloadBytes = function (filename, mimeType, base64) {
    const binary = atob(base64);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) {
        bytes[i] = binary.charCodeAt(i);
    }
    window.regurgitate.saveBlob(filename, new Blob([bytes], { type: mimeType }));
};

// Rasterises a figure's SVG at the exact pixel size (width in inches × dpi) and saves it as PNG. The white background
// is part of the SVG, so the PNG is opaque like the PDF.
window.regurgitate.downloadSvgAsPng = function (filename, svgText, width, height) {
    return new Promise(function (resolve, reject) {
        const url = URL.createObjectURL(new Blob([svgText], { type: "image/svg+xml" }));
        const image = new Image();
        image.onload = function () {
            const canvas = document.createElement("canvas");
            canvas.width = width;
            canvas.height = height;
            const context = canvas.getContext("2d");
            context.drawImage(image, 0, 0, width, height);
            URL.revokeObjectURL(url);
            canvas.toBlob(function (blob) {
                if (!blob) {
                    reject(new Error("The browser could not encode the PNG."));
                    return;
                }
                window.regurgitate.saveBlob(filename, blob);
                resolve();
            }, "image/png");
        };
        image.onerror = function () {
            URL.revokeObjectURL(url);
            reject(new Error("The figure's SVG could not be drawn."));
        };
        image.src = url;
    });
};

window.regurgitate.saveBlob = function (filename, blob) {
    const url = URL.createObjectURL(blob);
    const link = document.createElement("a");
    link.href = url;
    link.download = filename;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
};
