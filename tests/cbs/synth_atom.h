/*
 * CBS Atom responses (OData v3 feeds as the ODataFeed service serves them),
 * shared by the three tables jb-synth writes.  A feed goes to its file in
 * <out>/<TABLE>/ atomically, or, in print mode, the one named response goes
 * to standard output.
 */
#ifndef JB_SYNTH_ATOM_H
#define JB_SYNTH_ATOM_H

#include <stdio.h>

#include "atomic.h"

#define SYNTH_FEED_BASE "https://opendata.cbs.nl/ODataFeed/odata/"
/* CBS's catalogue of third-party tables (municipal finance, Iv3) */
#define SYNTH_FEED_BASE_DERDEN "https://dataderden.cbs.nl/ODataFeed/odata/"

/* Where responses go. */
struct synth_output {
	const char *dir;        /* <out>: responses go to <dir>/<TABLE>/<name>.xml */
	const char *print_name; /* NULL, or the one response ("TypedDataSet.skip10000") for stdout */
	int printed;            /* set when print_name was written */
	const char *feed_base;  /* NULL: SYNTH_FEED_BASE; else a service URL ending in /odata/ */
};

struct synth_feed {
	struct synth_output *output;
	char *name;             /* file name without .xml */
	char *table_id;
	char *entity_set;
	char *updated;          /* "2025-07-01T02:00:00Z" */
	const char *base;       /* the service URL before the table id */
	struct jb_atomic file;  /* folder mode */
	char *buffer;           /* print mode: the response in memory */
	size_t buffer_len;
	FILE *fp;               /* write here */
};

/* Writes text as XML character data: & < > " and carriage returns escaped. */
void synth_xml_text(FILE *fp, const char *text);
/* key right-padded with spaces to width (never cut); the caller owns it. */
char *synth_pad_key(const char *key, size_t width);

/*
 * Opens the feed of entity_set; name is its file name without .xml (NULL:
 * entity_set).  updated is a UTC time without zone ("2025-07-01T02:00:00").
 * Returns 0, or JB_EXIT_CANTCREAT with a message.
 */
int synth_feed_open(struct synth_feed *feed, struct synth_output *output,
		    const char *table_id, const char *entity_set, const char *name,
		    const char *updated);
/* Ends the feed, with a next link when next_href is not NULL; 0 or JB_EXIT_IOERR. */
int synth_feed_close(struct synth_feed *feed, const char *next_href);
/* Drops a feed after a failure; the old file stays. */
void synth_feed_abort(struct synth_feed *feed);

/* Starts an entry; entry_key is the part inside the parentheses ("10000", "'GM0363'"). */
void synth_entry_begin(struct synth_feed *feed, const char *category, const char *edit_title,
		       const char *entry_key);
void synth_entry_end(struct synth_feed *feed);

/* Properties of an entry (d: namespace). */
void synth_prop_int(struct synth_feed *feed, const char *name, long long value);
/* A number as text with its Edm type ("Edm.Double"); text is written trimmed. */
void synth_prop_number(struct synth_feed *feed, const char *name, const char *edm_type,
		       const char *text);
/* A string; xml:space="preserve" when it starts or ends with a space (CBS padding). */
void synth_prop_string(struct synth_feed *feed, const char *name, const char *text);
/* A null of edm_type (NULL: a string null). */
void synth_prop_null(struct synth_feed *feed, const char *name, const char *edm_type);
void synth_prop_datetime(struct synth_feed *feed, const char *name, const char *datetime);

/*
 * TypedDataSet pages of JB_ODATA_PAGE_SIZE entries: TypedDataSet.xml,
 * TypedDataSet.skip10000.xml, ...; every page but the last ends with a
 * next link.  Stale pages of an earlier, longer run are removed.
 */
struct synth_pages {
	struct synth_output *output;
	const char *table_id;
	const char *updated;
	struct synth_feed page;
	long entry_count;
	int open;
};

void synth_pages_init(struct synth_pages *pages, struct synth_output *output,
		      const char *table_id, const char *updated);
/* Starts the next data entry (opening a page when due); 0 or an exit status. */
int synth_pages_entry_begin(struct synth_pages *pages, long id);
void synth_pages_entry_end(struct synth_pages *pages);
/* Closes the last page and removes stale pages; 0 or an exit status. */
int synth_pages_finish(struct synth_pages *pages);
void synth_pages_abort(struct synth_pages *pages);

#endif
