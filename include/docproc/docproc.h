/*
 * docproc.h - the docproc plugin ABI and document-record API.
 *
 * This is the one public header a plugin needs. It is the reference manual:
 * every function says who owns what it takes and returns, how long a
 * returned pointer stays valid, whether it may be called from several
 * threads, and the ABI version that added it ("since 1.0").
 *
 * Conventions
 *   - Action functions return 0 (DP_OK) or a negative DP_E* code;
 *     dp_strerror() turns a code into text. Predicates return bool.
 *   - Strings a plugin passes in are copied by the core; the plugin keeps
 *     ownership of its arguments.
 *   - Pointers the core hands out are owned by the core. Unless said
 *     otherwise they stay valid until the document is modified in the way
 *     the function names (an edit, or an append to that layer) or until
 *     process() returns, whichever comes first.
 *   - Offsets are UTF-8 byte offsets into the document's current text;
 *     spans are half-open [start, end).
 *   - Thread safety: functions taking a struct dp_doc may be called
 *     concurrently for *different* documents. A document is only ever
 *     handed to one thread at a time.
 *
 * Copyright the docproc developers. Licensed under the MIT licence.
 */
#ifndef DOCPROC_DOCPROC_H
#define DOCPROC_DOCPROC_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ======================================================================
 * Versions
 * ====================================================================== */

/** ABI major: a plugin built for another major is refused. (since 1.0) */
#define DP_ABI_MAJOR 1
/** ABI minor: grows when members are added at the end of public structs or
 *  functions are added. A plugin built for a newer minor than the core's
 *  is refused; an older minor is accepted. (since 1.0) */
#define DP_ABI_MINOR 2

/** The docproc release this header belongs to. (since 1.0) */
#define DP_VERSION_STRING "0.1.0"

/** The ABI major of the loaded libdocproc, to compare with DP_ABI_MAJOR
 *  (a mismatch means the header and the library differ). Thread-safe.
 *  (since 1.0) */
int dp_abi_major(void);
/** The ABI minor of the loaded libdocproc, to compare with DP_ABI_MINOR.
 *  Thread-safe. (since 1.0) */
int dp_abi_minor(void);
/** The release of the loaded libdocproc, e.g. "0.1.0", equal to
 *  DP_VERSION_STRING when header and library match. A static string:
 *  never NULL, never freed. Thread-safe. (since 1.0) */
const char *dp_version(void);

#if defined(__GNUC__)
#define DP_EXPORT __attribute__((visibility("default")))
#define DP_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define DP_EXPORT
#define DP_PRINTF(a, b)
#endif

/* ======================================================================
 * Errors
 * ====================================================================== */

/** Status codes: 0 is success, failures are negative. (since 1.0) */
enum dp_status {
	DP_OK = 0,
	DP_ENOMEM = -1,     /**< an allocation failed */
	DP_EINVAL = -2,     /**< an argument is invalid */
	DP_ERANGE = -3,     /**< an offset or index is out of range */
	DP_EUTF8 = -4,      /**< text is not valid UTF-8, or an offset is not
	                         on a character boundary */
	DP_ENOENT = -5,     /**< no such layer, attribute, key or file */
	DP_EEXIST = -6,     /**< the layer or attribute already exists */
	DP_EPLUGIN = -7,    /**< a plugin reported a failure */
	DP_ELAYER = -8,     /**< a layer contract was violated */
	DP_EIO = -9,        /**< input/output error */
	DP_ECONFIG = -10,   /**< configuration error */
	DP_EABI = -11,      /**< plugin ABI mismatch */
	DP_ETOOBIG = -12,   /**< a text or layer exceeds the 4 GiB limit */
};

/** Returns a static English description of a DP_E* code. Thread-safe.
 *  (since 1.0) */
const char *dp_strerror(int code);

/** An error report used by init() (opaque; the core owns it and keeps
 *  the message, at most 1023 bytes, truncated beyond). (since 1.0) */
struct dp_error;

/** Records a formatted message in @err and returns @code (so a plugin can
 *  write `return dp_error_set(err, DP_EINVAL, "...")`). The message is
 *  copied. @err may be NULL, in which case only @code is returned.
 *  (since 1.0) */
int dp_error_set(struct dp_error *err, int code, const char *fmt, ...)
	DP_PRINTF(3, 4);

/* ======================================================================
 * Plugin options
 *
 * A plugin declares its options in a schema (an array of struct
 * dp_option_def ended by an entry whose key is NULL). The core reads the
 * `options:` mapping of the plugin's pipeline step, checks it against the
 * schema (unknown keys, types, required keys, choices), fills in defaults,
 * and only then calls init(). A plugin therefore never sees an invalid
 * option.
 * ====================================================================== */

/** Option value types. (since 1.0) */
enum dp_opt_type {
	DP_OPT_BOOL = 1,   /**< true/false (YAML true, false, yes, no, on, off) */
	DP_OPT_INT,        /**< 64-bit signed integer */
	DP_OPT_NUMBER,     /**< floating-point number */
	DP_OPT_STRING,     /**< a string; restricted to `choices` when given */
	DP_OPT_LIST,       /**< a list of strings */
};

/** One entry of an options schema. All pointers are the plugin's and must
 *  stay valid while the plugin is loaded (static data). (since 1.0) */
struct dp_option_def {
	const char *key;              /**< option name; NULL ends the array
	                                   (since 1.0) */
	enum dp_opt_type type;        /**< value type (since 1.0) */
	const char *default_value;    /**< YAML scalar text ("true", "3", "news");
	                                   NULL: no default. Lists have none.
	                                   (since 1.0) */
	bool required;                /**< init() is not called without it
	                                   (since 1.0) */
	const char *description;      /**< one line, shown by --list-plugins
	                                   (since 1.0) */
	const char *const *choices;   /**< DP_OPT_STRING only: NULL-terminated
	                                   list of allowed values, or NULL
	                                   (since 1.0) */
};

/** The validated options of one pipeline step (opaque; owned by the core,
 *  valid until fini() returns). The getters below are read-only and
 *  thread-safe; they are meant for init(), which copies what process()
 *  needs into the plugin's state. A key that is not in the schema, or has
 *  another type, or is unset without a default, gives 0 / false / NULL.
 *  (since 1.0) */
struct dp_options;

/** Whether option @key was given in the config or has a default.
 *  (since 1.0) */
bool dp_opt_isset(const struct dp_options *opts, const char *key);
/** The value of boolean option @key. (since 1.0) */
bool dp_opt_bool(const struct dp_options *opts, const char *key);
/** The value of integer option @key. (since 1.0) */
int64_t dp_opt_int(const struct dp_options *opts, const char *key);
/** The value of number option @key. (since 1.0) */
double dp_opt_number(const struct dp_options *opts, const char *key);
/** The value of string option @key, owned by the core and valid until
 *  fini() returns; NULL when unset. (since 1.0) */
const char *dp_opt_string(const struct dp_options *opts, const char *key);
/** The number of strings in list option @key (0 when unset). (since 1.0) */
size_t dp_opt_list_size(const struct dp_options *opts, const char *key);
/** String @i of list option @key, owned by the core and valid until
 *  fini() returns; NULL when @i is out of range. (since 1.0) */
const char *dp_opt_list_at(const struct dp_options *opts, const char *key,
                           size_t i);

/* ======================================================================
 * The document record
 * ====================================================================== */

/** One document (opaque; owned by the core). A plugin sees it only
 *  during process(), on one thread at a time. (since 1.0) */
struct dp_doc;

/** The document id, owned by the core; valid until process() returns.
 *  Never NULL. (since 1.0) */
const char *dp_doc_id(const struct dp_doc *doc);

/** The current text (after all edits so far), NUL-terminated (the text may
 *  also contain NUL bytes; use @len). Valid until the next edit of this
 *  document or until process() returns. @len may be NULL. (since 1.0)
 *  Since 1.2 the DP_TEXT_PAD bytes from text[@len] on (the NUL and those
 *  after it) are readable and zero: a plugin may load whole blocks of
 *  the text (16, 32, 64 bytes) up to there without testing the length or
 *  copying the text. */
const char *dp_doc_text(const struct dp_doc *doc, size_t *len);

/** The zero bytes readable after the text of dp_doc_text(), its NUL
 *  included. (since 1.2) */
#define DP_TEXT_PAD 64

/** The original input text, never changed. Same lifetime rules as the
 *  document. (since 1.0) */
const char *dp_doc_orig_text(const struct dp_doc *doc, size_t *len);

/** The string value of meta[@key] (e.g. "dct"), or NULL when the key is
 *  absent or its value is not a JSON string. Valid until process()
 *  returns or the key is set again. (since 1.0) */
const char *dp_doc_meta(const struct dp_doc *doc, const char *key);

/** Sets meta[@key] to a string (both copied). Returns 0 or DP_ENOMEM.
 *  (since 1.0) */
int dp_doc_meta_set(struct dp_doc *doc, const char *key, const char *value);

/** Per-document scratch memory, 16-byte aligned, from the document's arena.
 *  Freed all at once when the core is done with the document: never free
 *  it yourself. Returns NULL when memory is exhausted. (since 1.0) */
void *dp_doc_alloc(struct dp_doc *doc, size_t size);

/** Reports the failure of the current process() call: records a formatted
 *  message (copied) and returns DP_EPLUGIN, so a plugin writes
 *  `return dp_doc_fail(doc, "...")`. The core turns it into the document's
 *  error record, naming the plugin. (since 1.0) */
int dp_doc_fail(struct dp_doc *doc, const char *fmt, ...) DP_PRINTF(2, 3);

/* ----------------------------------------------------------------------
 * Edits: the only way to change the text.
 *
 * Every edit is recorded in the built-in `edits` layer (start, end in the
 * current text; orig_start, orig_end in the original text; before; after;
 * rule). Spans of every existing layer are shifted. A span that contains
 * the edited range grows or shrinks with it; a span that an edit cuts
 * through is clipped to the part outside the edited range; a span that
 * lies entirely inside a replaced range is dropped and counted (see
 * dp_doc_dropped_spans()). An edit that overlaps an earlier edit is merged
 * with it into one record, so that the edits stay disjoint and replaying
 * them on the original text gives the current text exactly.
 *
 * A plugin that edits must list "edits" in its `provides`.
 * ---------------------------------------------------------------------- */

/** One replacement: bytes [start, end) of the current text become
 *  text[0..len). @rule names the rule (e.g. "spacing.after_period"). All
 *  strings are copied. (since 1.0) */
struct dp_edit {
	size_t start;       /**< first byte replaced (since 1.0) */
	size_t end;         /**< one past the last byte replaced (since 1.0) */
	const char *text;   /**< the replacement, @len bytes (since 1.0) */
	size_t len;         /**< bytes of @text (since 1.0) */
	const char *rule;   /**< the rule's name, for the edit log (since 1.0) */
};

/** Replaces [start, end) with @text (@len bytes, valid UTF-8). @start and
 *  @end must lie on character boundaries. Returns 0, DP_ERANGE, DP_EUTF8,
 *  DP_EINVAL (a plugin that does not provide "edits") or DP_ENOMEM; on
 *  error nothing changed. Invalidates pointers to the text. (since 1.0) */
int dp_doc_replace(struct dp_doc *doc, size_t start, size_t end,
                   const char *text, size_t len, const char *rule);

/** Applies @n edits in one pass. The ranges are offsets into the current
 *  text *before* this call, sorted by start and disjoint (two insertions
 *  at one offset are applied in array order). Much faster than @n calls
 *  to dp_doc_replace() on long texts. All or nothing: on error the text is
 *  unchanged. (since 1.0) */
int dp_doc_replace_many(struct dp_doc *doc, const struct dp_edit *edits,
                        size_t n);

/** Maps an offset in the current text to the original text. An offset
 *  inside an edited range maps to the start of that range's original.
 *  (since 1.0) */
size_t dp_doc_orig_offset(const struct dp_doc *doc, size_t offset);

/** Number of spans dropped so far because an edit replaced them whole.
 *  (since 1.0) */
size_t dp_doc_dropped_spans(const struct dp_doc *doc);

/* ======================================================================
 * Layers: named lists of stand-off spans with typed attributes.
 *
 * A layer is stored as a struct of arrays (starts, ends, one column per
 * attribute). Spans are kept sorted by (start, end): a plugin may append
 * in any order; when process() returns, the core sorts the layers it wrote
 * (stably) and checks them: spans inside the text, on character
 * boundaries, start <= end, and only layers the plugin declared in
 * `provides`. A violation becomes that document's error.
 *
 * Attribute values are unset (written as JSON null) until set.
 * ====================================================================== */

/** Attribute types. (since 1.0) */
enum dp_attr_type {
	DP_ATTR_INT = 1,  /**< int64_t */
	DP_ATTR_STR,      /**< UTF-8 string, interned per document */
	DP_ATTR_SPAN,     /**< a second span over the text (e.g. a speaker
	                       mention); shifted by edits like every span and
	                       unset if an edit removes it. Written to JSON as
	                       "<name>_start" and "<name>_end". */
};

/** Declares an attribute of a new layer. @name is copied. (since 1.0) */
struct dp_attr_def {
	const char *name;          /**< [a-z0-9_.-]+, at most 70 bytes; at
	                                most 64 per layer. The JSON keys the
	                                attributes produce (NAME, or for a
	                                span NAME_start and NAME_end) must
	                                differ from each other and from
	                                "start" and "end": a string and a
	                                span attribute may share a name
	                                (quotes: speaker, speaker_start,
	                                speaker_end); a lookup by name then
	                                finds the first (since 1.0) */
	enum dp_attr_type type;    /**< value type (since 1.0) */
};

/** A layer of one document (opaque; owned by the core). A layer pointer
 *  stays valid until process() returns. (since 1.0) */
struct dp_layer;

/** Creates layer @name with @nattrs attributes. The plugin must declare
 *  @name in its `provides`. Returns NULL (and sets the document's failure
 *  message) if the layer exists, a name is invalid or repeated, or memory
 *  runs out. (since 1.0) */
struct dp_layer *dp_layer_create(struct dp_doc *doc, const char *name,
                                 const struct dp_attr_def *attrs,
                                 size_t nattrs);

/** Finds a layer by name, or NULL. Read-only use is always allowed; writing
 *  to it is allowed only to the plugin that provides it. (since 1.0) */
struct dp_layer *dp_layer_find(const struct dp_doc *doc, const char *name);

/** The layer's name, owned by the core, valid while the layer is.
 *  (since 1.0) */
const char *dp_layer_name(const struct dp_layer *layer);
/** The number of spans; 0 for a NULL @layer, so that
 *  dp_layer_size(dp_layer_find(doc, "x")) is safe. (since 1.0) */
size_t dp_layer_size(const struct dp_layer *layer);

/** Index of attribute @name, or -1. (since 1.0) */
int dp_layer_attr(const struct dp_layer *layer, const char *name);

/** Appends span [start, end); returns its index (>= 0) or a DP_E* code.
 *  Offsets are checked when process() returns, not here. (since 1.0) */
long dp_layer_add(struct dp_layer *layer, size_t start, size_t end);

/** Appends @n spans [starts[k], ends[k]) at once, in array order, with
 *  every attribute unset; returns the index of the first (the size before
 *  the call), or a DP_E* code: DP_EINVAL (NULL @layer, NULL arrays with
 *  @n > 0, or a layer of another plugin), DP_ERANGE (an offset equal to
 *  UINT32_MAX), DP_ETOOBIG or DP_ENOMEM. All or nothing: on error no span
 *  is added. Offsets are checked when process() returns, as with
 *  dp_layer_add(). The arrays stay the caller's: they are copied, and may
 *  be freed or reused as soon as the call returns. Much faster than @n
 *  calls to dp_layer_add() (one capacity check, one copy). The same
 *  threading rules as dp_layer_add(). (since 1.1) */
long dp_layer_add_many(struct dp_layer *layer, size_t n,
                       const uint32_t *starts, const uint32_t *ends);

/** The start of span @i (@i < dp_layer_size(); not checked beyond an
 *  assert). (since 1.0) */
size_t dp_layer_start(const struct dp_layer *layer, size_t i);
/** The end of span @i (exclusive), like dp_layer_start(). (since 1.0) */
size_t dp_layer_end(const struct dp_layer *layer, size_t i);

/** Direct read access to the start array (dp_layer_size() entries), for
 *  fast scans; owned by the core. Valid until the layer or the text is
 *  next modified. Spans are sorted by (start, end) whenever another
 *  plugin's layer is read (the core sorts after each process()).
 *  (since 1.0) */
const uint32_t *dp_layer_starts(const struct dp_layer *layer);
/** The end array, parallel to dp_layer_starts(), same rules. (since 1.0) */
const uint32_t *dp_layer_ends(const struct dp_layer *layer);

/** Sets integer attribute @attr of span @i. @attr is an index from
 *  dp_layer_attr() or the position in the dp_attr_def array. Only the
 *  plugin that created the layer may set it. Returns 0, DP_ERANGE,
 *  DP_EINVAL (wrong type, or not the owner) or DP_ENOMEM. (since 1.0) */
int dp_layer_set_int(struct dp_layer *layer, size_t i, int attr, int64_t v);
/** Sets string attribute @attr of span @i to s[0..len), copied (interned
 *  per document). Returns as dp_layer_set_int(). (since 1.0) */
int dp_layer_set_str(struct dp_layer *layer, size_t i, int attr,
                     const char *s, size_t len);
/** Sets span attribute @attr of span @i to [start, end) of the text,
 *  checked like a span when process() returns. Returns as
 *  dp_layer_set_int(). (since 1.0) */
int dp_layer_set_span(struct dp_layer *layer, size_t i, int attr,
                      size_t start, size_t end);

/** Interns s[0..len) (copied) in the document's string table and returns
 *  its id, or 0 when memory runs out (0 is also "unset"). Intern once per
 *  document, then compare or set by id, which avoids a hash lookup per
 *  span. Ids are valid for this document until process() returns.
 *  @s must be valid UTF-8, as for dp_layer_set_str(): otherwise 0 is
 *  returned and the document fails with that message when process()
 *  returns. A slice of the document's text is checked by its two ends
 *  only (the text is valid UTF-8), so interning spans of the text costs
 *  no scan of their bytes. (since 1.0; the check since 1.1) */
uint32_t dp_doc_intern(struct dp_doc *doc, const char *s, size_t len);
/** Sets string attribute @attr of span @i to the interned string @id
 *  (from dp_doc_intern() of this document). Returns as
 *  dp_layer_set_int(). (since 1.0) */
int dp_layer_set_str_id(struct dp_layer *layer, size_t i, int attr,
                        uint32_t id);

/** Sets string attribute @attr of the @n spans first, first + 1, ...,
 *  first + n - 1 to ids[0], ..., ids[n - 1], interned strings of this
 *  document (dp_doc_intern(); 0 unsets a value). For a column of values
 *  written at once, e.g. right after dp_layer_add_many(). Returns 0,
 *  DP_ERANGE (a NULL @layer, a span index or @attr out of range), or
 *  DP_EINVAL (NULL @ids with @n > 0, @attr not a string attribute, a
 *  layer of another plugin, or an id this document never gave out). All
 *  or nothing: on error no value changes. @ids stays the caller's
 *  (copied). (since 1.1) */
int dp_layer_set_str_ids(struct dp_layer *layer, size_t first, size_t n,
                         int attr, const uint32_t *ids);

/** Sets string attribute @attr of the @n spans first, ..., first + n - 1
 *  from a dictionary: span first + k gets dict[codes[k]]. @dict holds
 *  @ndict (1 to 256) interned strings of this document (dp_doc_intern();
 *  0 unsets a value). For attributes with a few distinct values, such as
 *  a token's kind or a date's type: one byte a span to pass instead of
 *  four. Returns 0, DP_ERANGE (a NULL @layer, a span index or @attr out
 *  of range), or DP_EINVAL (@ndict above 256; with @n > 0: NULL @codes
 *  or @dict, @ndict 0, a code >= @ndict or an id in @dict this document
 *  never gave out; @attr not a string attribute, or a layer of another
 *  plugin). All or nothing: on error no value changes. Both arrays stay
 *  the caller's. (since 1.1) */
int dp_layer_set_str_codes(struct dp_layer *layer, size_t first, size_t n,
                           int attr, const uint8_t *codes,
                           const uint32_t *dict, size_t ndict);

/** Reads integer attribute @attr of span @i into *out. Returns false (and
 *  leaves *out alone) if the value is unset or the attribute has another
 *  type. (since 1.0) */
bool dp_layer_get_int(const struct dp_layer *layer, size_t i, int attr,
                      int64_t *out);
/** String attribute @attr of span @i, NUL-terminated, its length in *len
 *  (@len may be NULL); NULL if unset or of another type. Owned by the
 *  core; valid until process() returns. (since 1.0) */
const char *dp_layer_get_str(const struct dp_layer *layer, size_t i,
                             int attr, size_t *len);
/** Span attribute @attr of span @i into *start, *end; false if unset (an
 *  edit removed it) or of another type. (since 1.0) */
bool dp_layer_get_span(const struct dp_layer *layer, size_t i, int attr,
                       size_t *start, size_t *end);
/** The interned id of a string value (0 if unset); compare with
 *  dp_doc_intern() of a constant to test a value without strcmp.
 *  (since 1.0) */
uint32_t dp_layer_get_str_id(const struct dp_layer *layer, size_t i,
                             int attr);

/** Index of the first span whose start is >= @offset (dp_layer_size() if
 *  none); binary search over the sorted starts. (since 1.0) */
size_t dp_layer_lower_bound(const struct dp_layer *layer, size_t offset);

/* ======================================================================
 * UTF-8 helpers shared by plugins
 * ====================================================================== */

/** Decodes the code point at s[*i] (s has @len bytes) and advances *i.
 *  Returns the code point, or -1 for an invalid sequence (advancing one
 *  byte). Thread-safe, no allocation. (since 1.0) */
int32_t dp_utf8_next(const char *s, size_t len, size_t *i);

/** Decodes the code point that ends at s[*i] (exclusive) and moves *i back
 *  to its first byte. Returns -1 at the start or on invalid bytes.
 *  (since 1.0) */
int32_t dp_utf8_prev(const char *s, size_t *i);

/** Encodes @cp into out[0..4); returns the number of bytes (0 if @cp is
 *  not a Unicode scalar value). (since 1.0) */
size_t dp_utf8_encode(int32_t cp, char out[4]);

/** Whether s[0..len) is valid UTF-8 (no overlongs, no surrogates).
 *  (since 1.0) */
bool dp_utf8_valid(const char *s, size_t len);

/* ======================================================================
 * The plugin descriptor
 *
 * A plugin is a shared module exporting one symbol, `dp_plugin_descriptor`,
 * of type struct dp_plugin. Define it with DP_PLUGIN_DEFINE, which fills
 * in the ABI version and size so that no plugin can get them wrong:
 *
 *     DP_PLUGIN_DEFINE(
 *         .name = "myplugin", .version = "1.0.0",
 *         .description = "what it adds",
 *         .requires = my_requires, .provides = my_provides,
 *         .options = my_options,
 *         .init = my_init, .process = my_process, .fini = my_fini);
 *
 * Lifecycle: the core loads every plugin and calls every init() before any
 * document is read; process() is then called once per document, possibly
 * on several threads at once with the same state; fini() is called once at
 * the end, after the last process() has returned.
 *
 * Members are only ever added at the end (the ABI minor grows); `size`
 * tells the core which members a plugin knows.
 * ====================================================================== */

/** Called once. Reads @opts (already validated), builds read-only state
 *  into *state (may stay NULL). Returns 0, or a DP_E* code with a message
 *  set through dp_error_set(@err, ...). init() may allocate with malloc;
 *  fini() frees. (since 1.0) */
typedef int (*dp_init_fn)(const struct dp_options *opts, void **state,
                          struct dp_error *err);

/** Processes one document. Must not modify @state (it is shared by
 *  threads), print to stdout, exit or abort. Per-document memory comes from
 *  dp_doc_alloc(). Returns 0, or a DP_E* code (preferably through
 *  dp_doc_fail()). (since 1.0) */
typedef int (*dp_process_fn)(void *state, struct dp_doc *doc);

/** Frees the state built by init(). May be NULL. (since 1.0) */
typedef void (*dp_fini_fn)(void *state);

/** The descriptor. (since 1.0) */
struct dp_plugin {
	uint16_t abi_major;            /**< DP_ABI_MAJOR at build time
	                                    (since 1.0) */
	uint16_t abi_minor;            /**< DP_ABI_MINOR at build time
	                                    (since 1.0) */
	uint32_t size;                 /**< sizeof(struct dp_plugin) at build
	                                    (since 1.0) */
	const char *name;              /**< [a-z0-9_-]+, unique in a pipeline
	                                    (since 1.0) */
	const char *version;           /**< the plugin's own version, required
	                                    (since 1.0) */
	const char *description;       /**< one line (since 1.0) */
	const char *const *requires;   /**< NULL-terminated layer names, or NULL
	                                    (since 1.0) */
	const char *const *provides;   /**< NULL-terminated layer names, or NULL;
	                                    list "edits" to change the text
	                                    (since 1.0) */
	const struct dp_option_def *options; /**< schema, or NULL for none
	                                          (since 1.0) */
	dp_init_fn init;               /**< may be NULL (since 1.0) */
	dp_process_fn process;         /**< required (since 1.0) */
	dp_fini_fn fini;               /**< may be NULL (since 1.0) */
};

/** The name of the exported descriptor symbol. (since 1.0) */
#define DP_PLUGIN_SYMBOL "dp_plugin_descriptor"

/** Defines the exported descriptor; see above. Follow it with a ';'.
 *  (since 1.0) */
#define DP_PLUGIN_DEFINE(...)                                              \
	DP_EXPORT extern const struct dp_plugin dp_plugin_descriptor;      \
	DP_EXPORT const struct dp_plugin dp_plugin_descriptor = {          \
		.abi_major = DP_ABI_MAJOR,                                 \
		.abi_minor = DP_ABI_MINOR,                                 \
		.size = (uint32_t)sizeof(struct dp_plugin),                \
		__VA_ARGS__}

#ifdef __cplusplus
}
#endif

#endif /* DOCPROC_DOCPROC_H */
