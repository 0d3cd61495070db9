/*
 * The wire format of a table ([table] format): Atom (OData v3 XML, the
 * default), json (OData v3 with $format=json) or v4 (OData v4 JSON).
 * Every page is checked in its own format before it enters the cache.
 */
#ifndef JB_FETCH_WIRE_H
#define JB_FETCH_WIRE_H

#include <stddef.h>

#include "page_check.h"

enum jb_wire { JB_WIRE_ATOM, JB_WIRE_JSON, JB_WIRE_V4 };

/* "atom", "json" or "v4" (NULL or empty: atom); -1 for anything else. */
int jb_wire_parse(const char *name, enum jb_wire *wire);
/* The cache file extension: "xml" or "json". */
const char *jb_wire_extension(enum jb_wire wire);
/*
 * Sets up what checks a page of this format, once: libxml2 (loaded then,
 * see xml_library.h) for Atom, jansson for JSON; a refresh answered 304
 * checks no page and sets up neither.  The first call for a format must
 * come from the engine's thread before a page of it goes to a page
 * worker: the chain makes it as each page arrives.
 */
void jb_wire_init(enum jb_wire wire);
/* Checks a page of entity_set in this format; -1 with why filled when it is wrong. */
int jb_wire_check(enum jb_wire wire, const char *body, size_t len, const char *entity_set,
		  struct jb_page_info *info, char *why, size_t why_size);
/* 1 when the Content-Type fits the format. */
int jb_wire_content_type_ok(enum jb_wire wire, const char *content_type);

/*
 * A JSON page: an object with a "value" array (v4 Properties: an object
 * with "Modified"); next link "odata.nextLink" (json) or "@odata.nextLink"
 * (v4); the entity set named by odata.metadata / @odata.context must be
 * entity_set when present.
 */
int jb_json_page_check(const char *body, size_t len, int v4, const char *entity_set,
		       struct jb_page_info *info, char *why, size_t why_size);

#endif
