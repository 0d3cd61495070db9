/* Exit statuses shared by every jeugdbench executable (sysexits.h values). */
#ifndef JB_EXITCODE_H
#define JB_EXITCODE_H

enum jb_exit {
	JB_EXIT_OK = 0,
	JB_EXIT_FAILURE = 1,      /* a check found a difference (tests, --check modes) */
	JB_EXIT_USAGE = 64,       /* wrong command line */
	JB_EXIT_DATAERR = 65,     /* input data malformed: XML, CSV, a bad page */
	JB_EXIT_NOINPUT = 66,     /* an input file is missing or unreadable */
	JB_EXIT_UNAVAILABLE = 69, /* the server refused for good (404, 403, wrong host) */
	JB_EXIT_SOFTWARE = 70,    /* internal error: a bug */
	JB_EXIT_CANTCREAT = 73,   /* an output file cannot be created */
	JB_EXIT_IOERR = 74,       /* writing failed (disk full, I/O error) */
	JB_EXIT_TEMPFAIL = 75,    /* temporary failure (network): try again later */
	JB_EXIT_CONFIG = 78       /* configuration error */
};

#endif
