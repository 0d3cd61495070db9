# Start and stop bin/jb-cbs-server for a CLI test (source after tests/lib/cli.sh).
#   . tests/lib/cli.sh
#   . tests/fetch/server.sh
#   cbs_server_start tests/fetch/data --fault 'TypedDataSet.skip10000:500' --fault-times 1
#   run jb-fetch -c my.ini -o "$T/raw" --base "$CBS_URL" FETCH01
#   cbs_requests 'TypedDataSet?$skip=10000'     # prints how many requests for it
#   cbs_server_stop                              # also done on exit
# Sets CBS_PORT, CBS_URL (http://127.0.0.1:PORT) and CBS_LOG (METHOD PATH STATUS lines).
# Several servers in a row are fine; one at a time per test script.
CBS_SERVER_PID=
CBS_PORT=
CBS_URL=
CBS_LOG=

cbs_server_stop() {
	if [ -n "$CBS_SERVER_PID" ]; then
		kill "$CBS_SERVER_PID" 2>/dev/null
		wait "$CBS_SERVER_PID" 2>/dev/null
		CBS_SERVER_PID=
	fi
}

# cbs_server_start ROOT [jb-cbs-server options...]: returns 1 when it does not come up in 10 s
cbs_server_start() {
	cbs_server_stop
	_cbs_root=$1
	shift
	_cbs_dir=$(mktemp -d "$T/cbs.XXXXXX")
	CBS_LOG=$_cbs_dir/requests.log
	"$BIN/jb-cbs-server" --root "$_cbs_root" --port 0 --port-file "$_cbs_dir/port" \
		--log "$CBS_LOG" "$@" >"$_cbs_dir/stdout" 2>"$_cbs_dir/stderr" &
	CBS_SERVER_PID=$!
	_cbs_tries=0
	while [ ! -s "$_cbs_dir/port" ]; do
		_cbs_tries=$((_cbs_tries + 1))
		if [ "$_cbs_tries" -gt 200 ] || ! kill -0 "$CBS_SERVER_PID" 2>/dev/null; then
			echo "# jb-cbs-server did not start: $(cat "$_cbs_dir/stderr")"
			CBS_SERVER_PID=
			return 1
		fi
		sleep 0.05
	done
	CBS_PORT=$(cat "$_cbs_dir/port")
	CBS_URL=http://127.0.0.1:$CBS_PORT
	return 0
}

# cbs_requests TEXT: number of logged requests whose line contains TEXT
cbs_requests() {
	grep -cF -- "$1" "$CBS_LOG" 2>/dev/null || true
}

trap 'cbs_server_stop; rm -rf "$T"' EXIT
