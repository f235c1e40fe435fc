/*
 * shim.h — libedit (BSD editline), loaded at run time, and the parts of it that Swift cannot call directly.
 *
 * libedit is not linked: `review_libedit_load` dlopens it when the interactive line editor starts, so
 * `review -c`, scripts and pipes never load libedit (nor libtinfo, libbsd, libmd) and start faster
 * (issue 15). Only the headers (libedit-dev) are needed to build; libedit2 at run time.
 *
 * el_wset/el_wget/el_get/history_w are C variadic functions, which Swift can neither import nor call
 * through a pointer, so each call the shell needs gets a fixed-signature static inline wrapper here that
 * takes the dlsym'd pointer and calls it with C's variadic convention. A system library target cannot
 * compile .c files, hence "static inline" in a header. Everything uses the wide-character (wchar_t) API
 * so that non-ASCII input survives editing.
 */
#ifndef REVIEW_CEDITLINE_SHIM_H
#define REVIEW_CEDITLINE_SHIM_H

#include <dlfcn.h>
#include <histedit.h>
#include <langinfo.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

/* ---- the libedit functions, looked up with dlsym -------------------------------- */

typedef int (*review_el_wset_fn)(EditLine *, int, ...);
typedef int (*review_el_wget_fn)(EditLine *, int, ...);
typedef int (*review_el_get_fn)(EditLine *, int, ...);
typedef int (*review_history_w_fn)(HistoryW *, HistEventW *, int, ...);

/* Every libedit function the line editor calls; filled completely by review_libedit_load or not at all. */
typedef struct review_libedit {
    EditLine *_Nullable (*_Nonnull el_init)(const char *_Nonnull, FILE *_Nonnull, FILE *_Nonnull, FILE *_Nonnull);
    void (*_Nonnull el_end)(EditLine *_Nonnull);
    int (*_Nonnull el_source)(EditLine *_Nonnull, const char *_Nullable);
    void (*_Nonnull el_wpush)(EditLine *_Nonnull, const wchar_t *_Nonnull);
    const wchar_t *_Nullable (*_Nonnull el_wgets)(EditLine *_Nonnull, int *_Nonnull);
    const LineInfoW *_Nullable (*_Nonnull el_wline)(EditLine *_Nonnull);
    void (*_Nonnull el_deletestr)(EditLine *_Nonnull, int);
    int (*_Nonnull el_winsertstr)(EditLine *_Nonnull, const wchar_t *_Nonnull);
    HistoryW *_Nullable (*_Nonnull history_winit)(void);
    void (*_Nonnull history_wend)(HistoryW *_Nonnull);
    /* The variadic ones: call them only through the review_el_* and review_history_* wrappers below. */
    void *_Nonnull el_wset;
    void *_Nonnull el_wget;
    void *_Nonnull el_get;
    void *_Nonnull history_w;
} review_libedit;

/*
 * Loads the shared library `name` (e.g. "libedit.so.2") and fills `table`. Returns NULL on success,
 * otherwise a message (dlerror's, or the name of the missing symbol); `table` is then left unfilled.
 * The library is never unloaded.
 */
static inline const char *_Nullable review_libedit_load(const char *_Nonnull name, review_libedit *_Nonnull table) {
    void *handle = dlopen(name, RTLD_NOW | RTLD_LOCAL);
    if (handle == NULL) {
        const char *reason = dlerror();
        return reason != NULL ? reason : "not found";
    }
    void *symbols[14];
    static const char *const names[14] = {
        "el_init", "el_end", "el_source", "el_wpush", "el_wgets", "el_wline", "el_deletestr", "el_winsertstr",
        "history_winit", "history_wend", "el_wset", "el_wget", "el_get", "history_w",
    };
    for (int i = 0; i < 14; i++) {
        symbols[i] = dlsym(handle, names[i]);
        if (symbols[i] == NULL) {
            dlclose(handle);
            return names[i];
        }
    }
    /* POSIX guarantees that a dlsym'd object pointer converts to a function pointer. */
    *(void **)&table->el_init = symbols[0];
    *(void **)&table->el_end = symbols[1];
    *(void **)&table->el_source = symbols[2];
    *(void **)&table->el_wpush = symbols[3];
    *(void **)&table->el_wgets = symbols[4];
    *(void **)&table->el_wline = symbols[5];
    *(void **)&table->el_deletestr = symbols[6];
    *(void **)&table->el_winsertstr = symbols[7];
    *(void **)&table->history_winit = symbols[8];
    *(void **)&table->history_wend = symbols[9];
    table->el_wset = symbols[10];
    table->el_wget = symbols[11];
    table->el_get = symbols[12];
    table->history_w = symbols[13];
    return NULL;
}

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
static inline int review_el_set_prompt(void *el_wset, EditLine *el, review_prompt_fn fn, wchar_t literal) {
    return ((review_el_wset_fn)el_wset)(el, EL_PROMPT_ESC, fn, (int)literal);
}

/* Selects the key map: L"emacs" or L"vi". */
static inline int review_el_set_editor(void *el_wset, EditLine *el, const wchar_t *mode) {
    return ((review_el_wset_fn)el_wset)(el, EL_EDITOR, mode);
}

/* Lets libedit catch terminal signals while reading so it can restore the tty. */
static inline int review_el_set_signal(void *el_wset, EditLine *el, int on) {
    return ((review_el_wset_fn)el_wset)(el, EL_SIGNAL, on);
}

/* Registers a named editor command implemented by `fn`. */
static inline int review_el_add_function(void *el_wset, EditLine *el, const wchar_t *name,
                                         const wchar_t *help, review_command_fn fn) {
    return ((review_el_wset_fn)el_wset)(el, EL_ADDFN, name, help, fn);
}

/* Binds `key` (bind(1) notation, e.g. L"^I") to the editor command `command`. */
static inline int review_el_bind(void *el_wset, EditLine *el, const wchar_t *key, const wchar_t *command) {
    return ((review_el_wset_fn)el_wset)(el, EL_BIND, key, command, (const wchar_t *)NULL);
}

/* Stores an opaque pointer that callbacks fetch with review_el_clientdata. */
static inline int review_el_set_clientdata(void *el_wset, EditLine *el, void *data) {
    return ((review_el_wset_fn)el_wset)(el, EL_CLIENTDATA, data);
}

/* The pointer stored with review_el_set_clientdata, or NULL. */
static inline void *review_el_clientdata(void *el_wget, EditLine *el) {
    void *data = NULL;
    if (((review_el_wget_fn)el_wget)(el, EL_CLIENTDATA, &data) != 0) return NULL;
    return data;
}

/* Connects a wide history list to the editor (Up/Down, Ctrl-R search). */
static inline int review_el_set_history(void *el_wset, EditLine *el, void *history_w, HistoryW *history) {
    return ((review_el_wset_fn)el_wset)(el, EL_HIST, (review_history_w_fn)history_w, history);
}

/* The terminal width libedit is using, or 0 if unknown. */
static inline int review_el_columns(void *el_get, EditLine *el) {
    int columns = 0;
    if (((review_el_get_fn)el_get)(el, EL_GETTC, "co", &columns, (void *)NULL) != 0) return 0;
    return columns;
}

/* ---- history_w ---------------------------------------------------------- */

/* Bounds the in-memory history to `size` entries. */
static inline int review_history_set_size(void *history_w, HistoryW *h, int size) {
    HistEventW ev;
    return ((review_history_w_fn)history_w)(h, &ev, H_SETSIZE, size);
}

/* When on, an entry equal to the newest one is not added again. */
static inline int review_history_set_unique(void *history_w, HistoryW *h, int on) {
    HistEventW ev;
    return ((review_history_w_fn)history_w)(h, &ev, H_SETUNIQUE, on);
}

/* Adds `entry` as the newest event. */
static inline int review_history_enter(void *history_w, HistoryW *h, const wchar_t *entry) {
    HistEventW ev;
    return ((review_history_w_fn)history_w)(h, &ev, H_ENTER, entry);
}

/* Number of entries held, or -1 on error. */
static inline int review_history_size(void *history_w, HistoryW *h) {
    HistEventW ev;
    if (((review_history_w_fn)history_w)(h, &ev, H_GETSIZE) != 0) return -1;
    return ev.num;
}

/* Removes every entry. */
static inline int review_history_clear(void *history_w, HistoryW *h) {
    HistEventW ev;
    return ((review_history_w_fn)history_w)(h, &ev, H_CLEAR);
}

/* Newest entry (and positions the cursor there), or NULL when empty. */
static inline const wchar_t *review_history_first(void *history_w, HistoryW *h) {
    HistEventW ev;
    if (((review_history_w_fn)history_w)(h, &ev, H_FIRST) != 0) return NULL;
    return ev.str;
}

/* Next older entry after review_history_first/next, or NULL at the end. */
static inline const wchar_t *review_history_next(void *history_w, HistoryW *h) {
    HistEventW ev;
    if (((review_history_w_fn)history_w)(h, &ev, H_NEXT) != 0) return NULL;
    return ev.str;
}

#endif /* REVIEW_CEDITLINE_SHIM_H */
