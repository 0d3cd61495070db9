# Helpers for command-line tests, sourced by tests/*/*.sh.
# A test runs a command and checks its exit status, stdout and stderr:
#   run jb-fetch --help                 # runs $BIN/jb-fetch; sets $status, files $out $err
#   expect "help exits 0" status 0
#   expect "help names usage" stdout_has "usage: jb-fetch"
#   expect "error names file" stderr_has "config/x.ini:3:"
# Each expect prints "ok - NAME" or "not ok - NAME" (read by tests/run).
set -u
BIN=${BIN:-bin}
case $BIN in /*) ;; *) BIN=$PWD/$BIN ;; esac
TOP=$PWD
T=$(mktemp -d "${JB_TEST_TMP:-/tmp}/jbtest.XXXXXX" 2>/dev/null || mktemp -d)
out=$T/stdout
err=$T/stderr
status=0
trap 'rm -rf "$T"' EXIT

# run PROGRAM ARGS...: PROGRAM is looked up in $BIN first.
run() {
	prog=$1
	shift
	[ -x "$BIN/$prog" ] && prog=$BIN/$prog
	"$prog" "$@" >"$out" 2>"$err"
	status=$?
}

# run_in STDIN_FILE PROGRAM ARGS...
run_in() {
	input=$1
	prog=$2
	shift 2
	[ -x "$BIN/$prog" ] && prog=$BIN/$prog
	"$prog" "$@" <"$input" >"$out" 2>"$err"
	status=$?
}

_ok() { echo "ok - $1"; }
_not_ok() {
	echo "not ok - $1"
	shift
	for line in "$@"; do echo "#   $line"; done
	echo "#   status: $status"
	sed 's/^/#   stderr: /' "$err" | head -n 5
}

# expect NAME CHECK ARG
#   status N | stdout_has TEXT | stderr_has TEXT | stdout_is FILE |
#   stderr_empty - | stdout_empty - | file_exists PATH | no_file PATH | same FILE1:FILE2
expect() {
	name=$1 check=$2 arg=${3:-}
	case $check in
	status) [ "$status" -eq "$arg" ] && _ok "$name" || _not_ok "$name" "expected status $arg" ;;
	stdout_has) grep -qF -- "$arg" "$out" && _ok "$name" || _not_ok "$name" "stdout lacks: $arg" ;;
	stderr_has) grep -qF -- "$arg" "$err" && _ok "$name" || _not_ok "$name" "stderr lacks: $arg" ;;
	stdout_is) cmp -s "$arg" "$out" && _ok "$name" || _not_ok "$name" "stdout differs from $arg" ;;
	stderr_empty) [ ! -s "$err" ] && _ok "$name" || _not_ok "$name" "stderr not empty" ;;
	stdout_empty) [ ! -s "$out" ] && _ok "$name" || _not_ok "$name" "stdout not empty" ;;
	file_exists) [ -e "$arg" ] && _ok "$name" || _not_ok "$name" "missing file $arg" ;;
	no_file) [ ! -e "$arg" ] && _ok "$name" || _not_ok "$name" "file should not exist: $arg" ;;
	same) cmp -s "${arg%%:*}" "${arg#*:}" && _ok "$name" || _not_ok "$name" "files differ: $arg" ;;
	*) _not_ok "$name" "unknown check $check" ;;
	esac
}

# no_temp_files DIR: no *.tmp.* leftovers below DIR (atomic writes)
no_temp_files() {
	if find "$2" -name '*.tmp.*' 2>/dev/null | grep -q .; then
		_not_ok "$1" "temporary files left: $(find "$2" -name '*.tmp.*' | head -n 3)"
	else
		_ok "$1"
	fi
}

# every_program_has_help NAME...: --help exits 0 with usage on stdout
help_test() {
	run "$1" --help
	expect "$1 --help exits 0" status 0
	expect "$1 --help prints usage" stdout_has "usage: $1"
	run "$1" --no-such-option
	expect "$1 rejects an unknown option with 64" status 64
}
