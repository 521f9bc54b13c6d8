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
