/*
 * shim.h — the parts of libedit (BSD editline) that Swift cannot call directly.
 *
 * el_wset/el_wget/history_w are C variadic functions, which Swift does not
 * import, so each call the shell needs gets a fixed-signature static inline
 * wrapper here. A system library target cannot compile .c files, hence
 * "static inline" in a header. Everything uses the wide-character (wchar_t)
 * API so that non-ASCII input survives editing.
 */
#ifndef REVIEW_CEDITLINE_SHIM_H
#define REVIEW_CEDITLINE_SHIM_H

#include <histedit.h>
#include <langinfo.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

/* The prompt callback: returns the NUL-terminated wide prompt to show. */
typedef wchar_t *(*review_prompt_fn)(EditLine *);
/* A user editor command bound to a key; returns one of the CC_* codes. */
typedef unsigned char (*review_command_fn)(EditLine *, int);

/* The C standard streams, wrapped so Swift 6 does not see mutable globals. */
static inline FILE *review_stdin(void) { return stdin; }
static inline FILE *review_stdout(void) { return stdout; }
static inline FILE *review_stderr(void) { return stderr; }

/* Whether the current LC_CTYPE locale uses UTF-8 (libedit decodes input with mbrtowc). */
static inline int review_locale_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    return codeset != NULL
        && (strcasecmp(codeset, "UTF-8") == 0 || strcasecmp(codeset, "UTF8") == 0);
}

/* An empty prompt for a prompt callback that has nothing better to return. */
static inline wchar_t *review_empty_prompt(void) {
    static wchar_t empty[1] = { 0 };
    return empty;
}

/* ---- el_wset / el_wget ------------------------------------------------ */

/* Installs the prompt function; `literal` brackets zero-width escape sequences (0 = none). */
static inline int review_el_set_prompt(EditLine *el, review_prompt_fn fn, wchar_t literal) {
    return el_wset(el, EL_PROMPT_ESC, fn, (int)literal);
}

/* Selects the key map: L"emacs" or L"vi". */
static inline int review_el_set_editor(EditLine *el, const wchar_t *mode) {
    return el_wset(el, EL_EDITOR, mode);
}

/* Lets libedit catch terminal signals while reading so it can restore the tty. */
static inline int review_el_set_signal(EditLine *el, int on) {
    return el_wset(el, EL_SIGNAL, on);
}

/* Registers a named editor command implemented by `fn`. */
static inline int review_el_add_function(EditLine *el, const wchar_t *name,
                                         const wchar_t *help, review_command_fn fn) {
    return el_wset(el, EL_ADDFN, name, help, fn);
}

/* Binds `key` (bind(1) notation, e.g. L"^I") to the editor command `command`. */
static inline int review_el_bind(EditLine *el, const wchar_t *key, const wchar_t *command) {
    return el_wset(el, EL_BIND, key, command, (const wchar_t *)NULL);
}

/* Stores an opaque pointer that callbacks fetch with review_el_clientdata. */
static inline int review_el_set_clientdata(EditLine *el, void *data) {
    return el_wset(el, EL_CLIENTDATA, data);
}

/* The pointer stored with review_el_set_clientdata, or NULL. */
static inline void *review_el_clientdata(EditLine *el) {
    void *data = NULL;
    if (el_wget(el, EL_CLIENTDATA, &data) != 0) return NULL;
    return data;
}

/* Connects a wide history list to the editor (Up/Down, Ctrl-R search). */
static inline int review_el_set_history(EditLine *el, HistoryW *history) {
    return el_wset(el, EL_HIST, history_w, history);
}

/* The terminal width libedit is using, or 0 if unknown. */
static inline int review_el_columns(EditLine *el) {
    int columns = 0;
    if (el_get(el, EL_GETTC, "co", &columns, (void *)NULL) != 0) return 0;
    return columns;
}

/* ---- history_w ---------------------------------------------------------- */

/* Bounds the in-memory history to `size` entries. */
static inline int review_history_set_size(HistoryW *h, int size) {
    HistEventW ev;
    return history_w(h, &ev, H_SETSIZE, size);
}

/* When on, an entry equal to the newest one is not added again. */
static inline int review_history_set_unique(HistoryW *h, int on) {
    HistEventW ev;
    return history_w(h, &ev, H_SETUNIQUE, on);
}

/* Adds `entry` as the newest event. */
static inline int review_history_enter(HistoryW *h, const wchar_t *entry) {
    HistEventW ev;
    return history_w(h, &ev, H_ENTER, entry);
}

/* Number of entries held, or -1 on error. */
static inline int review_history_size(HistoryW *h) {
    HistEventW ev;
    if (history_w(h, &ev, H_GETSIZE) != 0) return -1;
    return ev.num;
}

/* Removes every entry. */
static inline int review_history_clear(HistoryW *h) {
    HistEventW ev;
    return history_w(h, &ev, H_CLEAR);
}

/* Newest entry (and positions the cursor there), or NULL when empty. */
static inline const wchar_t *review_history_first(HistoryW *h) {
    HistEventW ev;
    if (history_w(h, &ev, H_FIRST) != 0) return NULL;
    return ev.str;
}

/* Next older entry after review_history_first/next, or NULL at the end. */
static inline const wchar_t *review_history_next(HistoryW *h) {
    HistEventW ev;
    if (history_w(h, &ev, H_NEXT) != 0) return NULL;
    return ev.str;
}

#endif /* REVIEW_CEDITLINE_SHIM_H */
