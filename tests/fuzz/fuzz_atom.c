/* Fuzz target: the SAX2 Atom feed reader, whole and cut in two at a byte the input chooses. */
#include <libxml/parser.h>
#include <stdlib.h>
#include <string.h>

#include "../../transform/atom_sax.h"
#include "fuzz.h"
#include "msg.h"

struct tally {
	size_t entries, properties, bytes;
};

/* Touches every byte handed over, so that a bad pointer shows under the sanitizers. */
static int count_entry(const struct jb_atom_entry *entry, void *context)
{
	struct tally *tally = context;
	size_t i;

	tally->entries++;
	for (i = 0; i < entry->count; i++) {
		tally->properties++;
		tally->bytes += strlen(entry->properties[i].name) +
				strlen(entry->properties[i].value);
	}
	return 0;
}

static int read_in_two(const uint8_t *data, size_t size, size_t cut, struct tally *tally)
{
	struct jb_atom_reader *reader = jb_atom_reader_new("fuzz", count_entry, tally);
	const char *next;
	int status;

	status = jb_atom_reader_push(reader, (const char *)data, cut, 0);
	if (status == 0)
		status = jb_atom_reader_push(reader, (const char *)data + cut, size - cut, 1);
	if (status == 0 && (next = jb_atom_reader_next_link(reader)))
		tally->bytes += strlen(next);
	jb_atom_reader_free(reader);
	return status;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tally whole = { 0, 0, 0 }, halves = { 0, 0, 0 };
	int status_whole, status_halves;

	jb_quiet = 1;
	status_whole = read_in_two(data, size, size, &whole);
	status_halves = read_in_two(data, size, size ? data[0] % (size + 1) : 0, &halves);
	/* where the bytes are cut must not change what is read */
	if (status_whole != status_halves ||
	    (status_whole == 0 && (whole.entries != halves.entries ||
				   whole.properties != halves.properties ||
				   whole.bytes != halves.bytes)))
		abort();
	return 0;
}
