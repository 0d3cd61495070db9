/*
 * libxml2, loaded while the first request is on its way (or when the
 * first Atom page is checked) rather than when jb-fetch starts.  Debian's
 * libxml2 brings ICU and libstdc++ with it: loading them costs about
 * 6.5 ms of CPU on the benchmark machine, which then no longer adds to the
 * wall time of a refresh (bench/results/fetch.md), and a run of JSON
 * tables never loads it.  jb-fetch calls libxml2 through this table.
 */
#ifndef JB_FETCH_XML_LIBRARY_H
#define JB_FETCH_XML_LIBRARY_H

#include <libxml/parser.h>
#include <libxml/xmlstring.h>

/* each member typed after libxml2's own declaration, so that the two cannot drift apart */
struct jb_xml_library {
	__typeof__(xmlInitParser) *init_parser;
	__typeof__(xmlCleanupParser) *cleanup_parser;
	__typeof__(xmlSetGenericErrorFunc) *set_generic_error_func;
	__typeof__(xmlCreatePushParserCtxt) *create_push_parser_ctxt;
	__typeof__(xmlCtxtUseOptions) *ctxt_use_options;
	__typeof__(xmlParseChunk) *parse_chunk;
	__typeof__(xmlStopParser) *stop_parser;
	__typeof__(xmlFreeParserCtxt) *free_parser_ctxt;
	__typeof__(xmlUTF8Strlen) *utf8_strlen;
};

/* Usable once jb_xml_library_load has returned (filled by the loading, perhaps ahead). */
extern struct jb_xml_library jb_xml;

/*
 * Starts loading libxml2 on a thread of its own, for a run that will ask
 * the network for Atom pages: the loading (6.5 ms of CPU on the benchmark
 * machine) then overlaps the first round trip instead of following it.  A
 * failure is kept for jb_xml_library_load to report; a run that checks no
 * page (a refresh answered 304) never reports it.  Call it from the
 * thread that later calls jb_xml_library_load.
 */
void jb_xml_library_load_ahead(void);
/*
 * Makes libxml2 ready (once; later calls return at once): waits for the
 * loading ahead, or loads it now.  Exits with JB_EXIT_UNAVAILABLE and the
 * loader's message (even under jb_quiet) when the library or one of its
 * functions cannot be found: the installation is broken, and no page can
 * be checked.  Call it from one thread before any other thread uses
 * jb_xml: jb-fetch's first page check is always on the engine's thread
 * (wire.h).
 */
void jb_xml_library_load(void);
/* xmlCleanupParser when libxml2 was loaded (waiting for a loading ahead); nothing otherwise. */
void jb_xml_library_cleanup(void);

#endif
