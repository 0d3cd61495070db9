/* libxml2 through dlopen, on first use (see xml_library.h). */
#include "xml_library.h"

#include <dlfcn.h>

#include "exitcode.h"
#include "msg.h"

/* the soname Debian's libxml2 package installs (the -dev package's link is not needed) */
#define LIBXML2_SONAME "libxml2.so.2"

struct jb_xml_library jb_xml;

static void *loaded;

/* A broken installation: said even when messages are silenced, then exit. */
static _Noreturn void unavailable(const char *what, const char *why)
{
	jb_quiet = 0;
	jb_die(JB_EXIT_UNAVAILABLE, "%s: %s", what, why);
}

/* The address of name in the library, or exit naming it. */
static void *resolve(const char *name)
{
	void *symbol;
	const char *why;

	dlerror();
	symbol = dlsym(loaded, name);
	why = dlerror();
	if (why || !symbol)
		unavailable(LIBXML2_SONAME, why ? why : name);
	return symbol;
}

/* POSIX.1-2008 guarantees that dlsym's result converts to a function pointer */
#define RESOLVE(member, name) (jb_xml.member = (__typeof__(jb_xml.member))resolve(name))

void jb_xml_library_load(void)
{
	if (loaded)
		return;
	loaded = dlopen(LIBXML2_SONAME, RTLD_LAZY | RTLD_LOCAL);
	if (!loaded)
		unavailable("cannot load libxml2", dlerror());
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
