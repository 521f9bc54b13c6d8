namespace Regurgitate.Engine.Analysis;

/// <summary>The word lists behind <see cref="ErrorSignals"/>' heuristics.</summary>
internal static class ErrorSignalWords
{
    public static readonly HashSet<string> SharedSpellings = new(StringComparer.Ordinal)
    {
        "in", "so", "was", "an", "am", "also", "will", "hand", "name", "art", "bank", "best", "gift", "rat", "man", "die", "war",
        "hotel", "problem", "system", "computer", "internet", "film", "team", "sport", "park", "taxi", "radio", "auto",
        "restaurant", "information", "situation", "minister", "president", "partner", "service", "software", "online",
        "video", "app", "email", "e-mail", "bus", "land", "post", "warm", "wind", "winter", "finger", "arm", "ring",
        "plan", "start", "ball", "hunger", "center", "million", "ok", "okay", "hat",
        "global", "national", "international", "digital", "normal", "real", "total", "ideal", "experiment", "material",
    };

    public static readonly HashSet<string> GermanFunctionWords = new(StringComparer.Ordinal)
    {
        "der", "das", "und", "ist", "nicht", "ein", "eine", "einen", "einem", "einer", "eines", "zu", "den", "dem", "des",
        "von", "sich", "auf", "für", "im", "auch", "es", "wird", "werden", "sind", "wurde", "wurden", "dass", "aber", "oder",
        "wie", "bei", "nach", "aus", "noch", "nur", "mit", "ich", "du", "er", "sie", "wir", "ihr", "mein", "dein", "sein",
        "unser", "euer", "kann", "können", "muss", "müssen", "soll", "sollen", "haben", "hatte", "hatten", "gibt", "zum", "zur",
        "vom", "beim", "ins", "durch", "gegen", "ohne", "um", "über", "unter", "zwischen", "wenn", "weil", "doch", "schon",
        "sehr", "mehr", "jetzt", "heute", "hier", "dort", "dieser", "diese", "dieses", "diesem", "diesen", "welche", "nichts",
        "kein", "keine", "keinen", "immer", "wieder", "bitte", "danke", "ja", "nein", "wo", "warum", "wer", "worden",
    };

    public static readonly HashSet<string> CapitalisedEnglishWords = new(StringComparer.Ordinal)
    {
        "I", "I'm", "I've", "I'll", "I'd", "Mr", "Mrs", "Ms", "Dr", "OK",
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
        "German", "Germans", "Germany", "English", "Austria", "Austrian", "Swiss", "Switzerland", "Europe", "European", "French", "France",
        "Italian", "Italy", "Spanish", "Spain", "Russian", "Russia", "Ukraine", "Ukrainian", "Poland", "Polish", "American", "America",
        "British", "Britain", "Chinese", "China", "Turkish", "Turkey", "Dutch", "Netherlands", "Christmas", "Easter", "God", "Internet",
    };
}
