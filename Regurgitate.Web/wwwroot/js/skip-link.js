// The skip link moves focus to the main content. A plain "#main-content" link would be resolved against <base href="/">
// and intercepted by Blazor's router as a navigation to the home page, so the click is handled here first (capture
// phase, before Blazor's handler) and focus is moved directly. Works before the circuit has started.
window.addEventListener("click", function (event) {
    var link = event.target instanceof Element ? event.target.closest("a.skip-link") : null;
    if (!link) {
        return;
    }

    var target = document.getElementById(link.getAttribute("href").substring(1));
    if (target) {
        event.preventDefault();
        event.stopImmediatePropagation();
        target.focus();
        target.scrollIntoView();
    }
}, true);
