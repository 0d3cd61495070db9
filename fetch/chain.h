/*
 * The pages of one entity set, chained by next links.  Pages are stored in
 * chain order whatever order they arrive in.  Parallel pages within a
 * chain come from speculation: once the first page's next link shows the
 * $skip=S layout, the pages $skip=2S, 3S, ... are asked ahead (at most
 * depth beyond the page known to exist), and each page's own next link
 * must then name the page asked next; otherwise the guesses are dropped and
 * the chain follows its links one by one.  Guesses beyond the last page
 * are dropped unused.
 */
#ifndef JB_FETCH_CHAIN_H
#define JB_FETCH_CHAIN_H

#include <stddef.h>

#include "cache.h"
#include "engine.h"
#include "progress.h"
#include "wire.h"

struct chain_page;

struct jb_chain {
	/* set by the caller before jb_chain_start */
	struct jb_engine *engine;
	struct jb_cache *cache;
	struct jb_progress *progress;
	struct jb_table_progress *table_progress;
	const char *base;          /* next links get this scheme, host and port */
	const char *table_id;
	char *entity_set;
	enum jb_wire wire;
	long order;                /* manifest position of the first page */
	size_t depth;              /* pages asked ahead; 0: none */
	int may_resume;            /* take pages an unfinished run stored */
	int local;                 /* --local: no Content-Type to check */
	const char *if_none_match; /* validators of the cached first page (NULL: ask plainly) */
	const char *if_modified_since;
	void (*finished)(void *context, struct jb_chain *chain);
	void *context;
	/* results */
	int done, status;
	int not_modified;          /* the first page was answered 304: the cached one is current */
	char *modified;            /* d:Modified of the first page (TableInfos) */
	size_t key_width;          /* the widest Key (dimension tables) */
	unsigned long requests;    /* pages asked over the network */
	/* state */
	struct chain_page *pages;
	size_t page_count, page_capacity, stored;
	long skip_step;            /* > 0: pages are $skip=k*skip_step */
};

/* Starts at first_url; finished is called once (also on failure). */
void jb_chain_start(struct jb_chain *chain, const char *first_url);
/* Stops a chain that is not done (another part of the table failed). */
void jb_chain_cancel(struct jb_chain *chain);
void jb_chain_free(struct jb_chain *chain);

/* The cache file of a page URL of table_id/entity_set in this format; NULL otherwise. */
char *jb_chain_page_file(const char *url, const char *table_id, const char *entity_set,
			 enum jb_wire wire);

#endif
