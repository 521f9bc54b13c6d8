// Saves a file the server streams (a DotNetStreamReference), e.g. a comparison chart's CSV or JSON data.
window.regurgitate = window.regurgitate || {};
window.regurgitate.downloadStream = async function (fileName, contentType, streamReference) {
    const buffer = await streamReference.arrayBuffer();
    window.regurgitate.saveBlob(fileName, new Blob([buffer], { type: contentType }));
};
