// Saves a file the server streams (a DotNetStreamReference), e.g. a comparison chart's CSV or JSON data.
window.regurgitate = window.regurgitate || {};
window.regurgitate.downloadStream = async function (fileName, contentType, streamReference) {
    const buffer = await streamReference.arrayBuffer();
    const url = URL.createObjectURL(new Blob([buffer], { type: contentType }));
    const link = document.createElement("a");
    link.href = url;
    link.download = fileName;
    document.body.appendChild(link);
    link.click();
    link.remove();
    URL.revokeObjectURL(url);
};
