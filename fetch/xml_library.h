/*
 * libxml2, loaded when the first Atom page is checked rather than when
 * jb-fetch starts.  Debian's libxml2 brings ICU and libstdc++ with it:
 * loading them costs about 6.5 ms of every start on the benchmark machine,
 * and a refresh that finds every table unchanged parses no XML at all
 * (bench/results/fetch.md).  jb-fetch calls libxml2 through this table.
 */
#ifndef JB_FETCH_XML_LIBRARY_H
#define JB_FETCH_XML_LIBRARY_H

#include <libxml/parser.h>
#include <libxml/xmlstring.h>

struct jb_xml_library {
	void (*init_parser)(void);
	void (*cleanup_parser)(void);
	void (*set_generic_error_func)(void *context, xmlGenericErrorFunc handler);
	xmlParserCtxtPtr (*create_push_parser_ctxt)(xmlSAXHandlerPtr sax, void *user_data,
						    const char *chunk, int size,
						    const char *filename);
	int (*ctxt_use_options)(xmlParserCtxtPtr ctxt, int options);
	int (*parse_chunk)(xmlParserCtxtPtr ctxt, const char *chunk, int size, int terminate);
	void (*stop_parser)(xmlParserCtxtPtr ctxt);
	void (*free_parser_ctxt)(xmlParserCtxtPtr ctxt);
	int (*utf8_strlen)(const xmlChar *utf);
};

/* Filled by jb_xml_library_load; all NULL before. */
extern struct jb_xml_library jb_xml;

/*
 * Loads libxml2 (once; later calls return at once) and initialises its
 * parser.  Exits with JB_EXIT_UNAVAILABLE and the loader's message when
 * the library or one of its functions cannot be found: the installation
 * is broken, and no page can be checked.  Call it from one thread before
 * any other thread uses jb_xml.
 */
void jb_xml_library_load(void);
/* xmlCleanupParser when libxml2 was loaded; nothing otherwise. */
void jb_xml_library_cleanup(void);

#endif
