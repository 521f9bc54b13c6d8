// Remembers the theme in a cookie so the server can render the next visit in it straight away.
window.regurgitate = window.regurgitate || {};
Object.assign(window.regurgitate, {
    saveTheme: function (theme) {
        document.cookie = "regurgitate-theme=" + theme + "; path=/; max-age=31536000; samesite=lax";
    }
});
