/* libxml2 through dlopen, on first use or ahead of it (see xml_library.h). */
#include "xml_library.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

#include "exitcode.h"
#include "msg.h"

/* the soname Debian's libxml2 package installs (the -dev package's link is not needed) */
#define LIBXML2_SONAME "libxml2.so.2"

struct jb_xml_library jb_xml;

static void *loaded;          /* the library, once loaded */
static int ready;             /* its parser set up */
static char failure[512];     /* why it could not be, when it could not */
static pthread_t loader;      /* loading ahead ... */
static int loading;           /* ... when this is set, until it is joined */

/* The address of name in the library; NULL with failure filled when missing. */
static void *resolve(void *library, const char *name)
{
	void *symbol;
	const char *why;

	dlerror();
	symbol = dlsym(library, name);
	why = dlerror();
	if (why || !symbol) {
		snprintf(failure, sizeof(failure), "%s: %s", LIBXML2_SONAME, why ? why : name);
		return NULL;
	}
	return symbol;
}

/* POSIX.1-2008 guarantees that dlsym's result converts to a function pointer */
#define RESOLVE(member, name) \
	(jb_xml.member = (__typeof__(jb_xml.member))resolve(library, name)) != NULL

/* Loads libxml2 into loaded and jb_xml, or fills failure; touches nothing else. */
static void load(void)
{
	void *library = dlopen(LIBXML2_SONAME, RTLD_LAZY | RTLD_LOCAL);

	if (!library) {
		snprintf(failure, sizeof(failure), "cannot load libxml2: %s", dlerror());
		return;
	}
	if (RESOLVE(init_parser, "xmlInitParser") &&
	    RESOLVE(cleanup_parser, "xmlCleanupParser") &&
	    RESOLVE(set_generic_error_func, "xmlSetGenericErrorFunc") &&
	    RESOLVE(create_push_parser_ctxt, "xmlCreatePushParserCtxt") &&
	    RESOLVE(ctxt_use_options, "xmlCtxtUseOptions") &&
	    RESOLVE(parse_chunk, "xmlParseChunk") &&
	    RESOLVE(stop_parser, "xmlStopParser") &&
	    RESOLVE(free_parser_ctxt, "xmlFreeParserCtxt") &&
	    RESOLVE(utf8_strlen, "xmlUTF8Strlen"))
		loaded = library;
}

static void *load_ahead(void *unused)
{
	(void)unused;
	load();
	return NULL;
}

void jb_xml_library_load_ahead(void)
{
	if (loading || loaded || failure[0]) /* loading first: the others are the thread's until joined */
		return;
	/* a thread that cannot start leaves the loading to the first check */
	loading = pthread_create(&loader, NULL, load_ahead, NULL) == 0;
}

/* The loading thread's work is done and seen by this one. */
static void loaded_ahead(void)
{
	if (loading) {
		pthread_join(loader, NULL);
		loading = 0;
	}
}

void jb_xml_library_load(void)
{
	loaded_ahead();
	if (!loaded && !failure[0])
		load();
	if (!loaded) {
		jb_quiet = 0; /* a broken installation is said even where messages are silenced */
		jb_die(JB_EXIT_UNAVAILABLE, "%s", failure);
	}
	if (!ready) {
		/* on this thread: libxml2 keeps the state of other threads apart, freed as they end */
		jb_xml.init_parser();
		ready = 1;
	}
}

void jb_xml_library_cleanup(void)
{
	loaded_ahead();
	if (ready)
		jb_xml.cleanup_parser();
}
