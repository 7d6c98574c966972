"""Every user-facing message, in one place, so wording stays consistent."""

FILE_NOT_FOUND = "no such file or directory"
NOT_A_TEXT_FILE = "not a regular file"
DIR_HAS_NO_TEXTS = "directory holds no .txt or .md files"
EMPTY_TEXT = "text is empty"
BLANK_TEXT = "text holds only white space"
BINARY_TEXT = "looks like a binary file (NUL bytes), not a text"
TOO_BIG = "file is {size:,} bytes, over the limit of {limit:,} (use --max-bytes to change it)"
DECODED_AS = "not UTF-8; decoded as {encoding}"
NOT_FRENCH = "text looks like {language}, not French: extracted what was possible"
STDIN_EMPTY = "standard input is empty"
STDIN_TTY = "no text on standard input (pipe a file or give a path)"

BAD_DATE = "bad date {value!r}: {reason}"
BAD_ID = "bad id {value!r}: ids hold only a-z, 0-9 and '-'"
UNKNOWN_ID = "no brief with id {value!r}"
AMBIGUOUS_ID = "id prefix {value!r} is ambiguous: {candidates}"
NO_BRIEFS = "the archive {path} holds no briefs"

ADDED = "added {id}"
ALREADY = "already archived as {id} ({file})"
ADD_FAILED = "{count} of {total} texts could not be added"

RECORD_UNREADABLE = "cannot read record: {reason}"
RECORD_INVALID = "{problem}"
SKIPPED_RECORD = "skipped {path}: {reason}"

# --- inputs (more) ----------------------------------------------------------
LOOKS_LIKE = "looks like a {kind} file, not a text"
UTF8_REPLACED = "not valid UTF-8 in {count} place(s); those bytes were replaced by \ufffd"
STDIN_CLOSED = "standard input is closed (pipe a file or give a path)"
PERMISSION_DENIED = "permission denied"
CANNOT_READ = "cannot read: {reason}"
EXTRACT_CRASHED = "extraction failed ({error}); nothing archived for this text (a bug: please report it with the text)"
RECORD_REFUSED = "the extracted record is invalid ({problem}); nothing archived for this text"
INTERRUPTED = "interrupted; the records already written are whole"

# --- archive ----------------------------------------------------------------
CANNOT_WRITE = "cannot write: {reason}"
CANNOT_LOCK = "cannot lock the archive folder: {reason}"
NOT_A_FOLDER = "the archive folder is not a folder"
TEMP_CLEANED = "removed {count} temporary file(s) left by an interrupted write"

# --- check ------------------------------------------------------------------
CHECK_LINE = "{file}:{line}: {problem}"
CHECK_SUMMARY = "{problems} problem(s) in {bad} of {total} record(s)"
CHECK_OK = "{total} record(s), all valid"
CHECK_FIXED = "{file}: fixed: {what}"
DUPLICATE_KEY = "duplicate key {key!r} (only the last one counts)"
DUPLICATE_TEXT = "same text (sha256) as {other}"
BAD_FILE_NAME = "file name is not an id (only a-z, 0-9 and '-' before .yaml)"
LANGUAGE_NOT_TEXT = "language must be text such as 'fr'"
ADDED_NOT_TIMESTAMP = "added must be a UTC timestamp like 2026-11-23T10:15:00Z, not {value!r}"

# --- edit -------------------------------------------------------------------
EDIT_UNCHANGED = "no change to {id}"
EDIT_SAVED = "saved {id}"
EDIT_INVALID = "the edited version of {id} is invalid; the record on disk is unchanged"
EDIT_PROMPT = "Re-edit (e) or discard the changes (d)?"
EDIT_DISCARDED = "changes discarded; {id} is unchanged"
EDITOR_FAILED = "editor {editor!r} exited with status {status}; {id} is unchanged"
EDITOR_NOT_FOUND = "cannot run editor {editor!r}: {reason}"
EDIT_CONFLICT = "{id} changed on disk while it was being edited; your version is kept in {path}"

# --- actors, timeline, export, rm -------------------------------------------
EXPORTED = "wrote {count} {per} row(s) to {path}"
REMOVED = "removed {id}"
RM_CONFIRM = "Remove {count} brief(s): {ids}?"
RM_NOT_A_TERMINAL = "not on a terminal: add --yes to remove without confirmation"
RM_CANCELLED = "nothing removed"
SCANNED = "{count} record(s) read in {seconds:.2f} s ({source})"
EXPORT_CANNOT_WRITE = "cannot write the export: {reason}"
TEMP_FOUND = "{count} temporary file(s) left by an interrupted write (ignored; `briefs check --fix` removes them)"
EDIT_PROBLEM = "{file}:{line}: {problem}"

# --- watch ------------------------------------------------------------------
WATCHING = "watching {path} ({count:,} briefs); queries skip checking every file. Ctrl-C to stop"
WATCH_UPDATED = "index updated: {read} read, {dropped} dropped"
WATCH_STOPPED = "stopped watching {path}; queries check every file again"
