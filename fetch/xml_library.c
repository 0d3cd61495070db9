/* libxml2 through dlopen, on first use (see xml_library.h). */
#include "xml_library.h"

#include <dlfcn.h>

#include "exitcode.h"
#include "msg.h"

/* the soname Debian's libxml2 package installs (the -dev package's link is not needed) */
#define LIBXML2_SONAME "libxml2.so.2"

struct jb_xml_library jb_xml;

static void *loaded;

/* Resolves name in the library into the function pointer at slot, or exits naming it. */
static void resolve(void *slot, const char *name)
{
	void *symbol;
	const char *why;

	dlerror();
	symbol = dlsym(loaded, name);
	why = dlerror();
	if (why || !symbol)
		jb_die(JB_EXIT_UNAVAILABLE, "%s: %s", LIBXML2_SONAME, why ? why : name);
	/* the form POSIX gives for storing what dlsym returns into a function pointer */
	*(void **)slot = symbol;
}

#define RESOLVE(member, name) resolve(&jb_xml.member, name)

void jb_xml_library_load(void)
{
	if (loaded)
		return;
	loaded = dlopen(LIBXML2_SONAME, RTLD_LAZY | RTLD_LOCAL);
	if (!loaded)
		jb_die(JB_EXIT_UNAVAILABLE, "cannot load libxml2: %s", dlerror());
	RESOLVE(init_parser, "xmlInitParser");
	RESOLVE(cleanup_parser, "xmlCleanupParser");
	RESOLVE(set_generic_error_func, "xmlSetGenericErrorFunc");
	RESOLVE(create_push_parser_ctxt, "xmlCreatePushParserCtxt");
	RESOLVE(ctxt_use_options, "xmlCtxtUseOptions");
	RESOLVE(parse_chunk, "xmlParseChunk");
	RESOLVE(stop_parser, "xmlStopParser");
	RESOLVE(free_parser_ctxt, "xmlFreeParserCtxt");
	RESOLVE(utf8_strlen, "xmlUTF8Strlen");
	jb_xml.init_parser();
}

void jb_xml_library_cleanup(void)
{
	if (loaded)
		jb_xml.cleanup_parser();
}
