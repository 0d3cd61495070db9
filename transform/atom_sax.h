/*
 * A streaming reader of OData v3 Atom feeds (libxml2 SAX2 push parser).
 * It hands over each <entry>'s <m:properties> as (name, value, null, type)
 * as soon as the entry ends, so memory does not grow with the feed.
 * Elements are matched by namespace URI and local name, never by prefix.
 * A DOCTYPE (and with it any entity declaration) is refused.
 */
#ifndef JB_ATOM_SAX_H
#define JB_ATOM_SAX_H

#include <stddef.h>

#define JB_ATOM_NS "http://www.w3.org/2005/Atom"
#define JB_ODATA_DATA_NS "http://schemas.microsoft.com/ado/2007/08/dataservices"
#define JB_ODATA_META_NS "http://schemas.microsoft.com/ado/2007/08/dataservices/metadata"

/* The m:type of a property; JB_EDM_NONE when absent. */
enum jb_edm_type {
	JB_EDM_NONE,
	JB_EDM_STRING,
	JB_EDM_INT32,
	JB_EDM_INT64,
	JB_EDM_DOUBLE,
	JB_EDM_DATETIME,
	JB_EDM_BOOLEAN,
	JB_EDM_OTHER
};

struct jb_atom_property {
	const char *name;  /* local name: "RegioS", "JongerenTot18Jaar_1" */
	const char *value; /* the text exactly as served; "" when null */
	int is_null;       /* m:null="true" */
	enum jb_edm_type type;
	unsigned long line, column; /* where the element starts */
};

/* One entry, borrowed: valid during the callback only. */
struct jb_atom_entry {
	const char *file; /* name used in messages */
	const struct jb_atom_property *properties;
	size_t count;
	unsigned long line; /* of <entry> */
};

/* The text of the named property of entry, or NULL when absent or null. */
const char *jb_atom_entry_text(const struct jb_atom_entry *entry, const char *name);
/* A trimmed copy of the property's text ("" when absent); the caller owns it. */
char *jb_atom_entry_copy(const struct jb_atom_entry *entry, const char *name);

/*
 * Called per entry; returns 0 to go on, or an exit status (after printing
 * its own message) that stops the reading and is returned by the reader.
 */
typedef int (*jb_atom_entry_fn)(const struct jb_atom_entry *entry, void *context);

struct jb_atom_reader;

/* A reader for one document; name is used in messages. */
struct jb_atom_reader *jb_atom_reader_new(const char *name, jb_atom_entry_fn each_entry,
					  void *context);
/*
 * Parses the next bytes (last = 1 on the final chunk).  Returns 0, 65
 * (JB_EXIT_DATAERR, message "name:line:column: ..." printed) or the status a
 * callback returned.  After a non-zero return only free is allowed.
 */
int jb_atom_reader_push(struct jb_atom_reader *reader, const char *bytes, size_t len,
			int last);
/* The href of the feed's <link rel="next">, or NULL; borrowed. */
const char *jb_atom_reader_next_link(const struct jb_atom_reader *reader);
void jb_atom_reader_free(struct jb_atom_reader *reader);

/*
 * Reads the feed in path chunk by chunk; *next_link (when not NULL) gets a
 * copy of the next link or NULL, owned by the caller.  Returns 0, 66 when
 * the file cannot be read, 65 or a callback's status.
 */
int jb_atom_read_file(const char *path, jb_atom_entry_fn each_entry, void *context,
		      char **next_link);

/* The type named by an m:type value ("Edm.Int32"). */
enum jb_edm_type jb_edm_type_parse(const char *name);

#endif
