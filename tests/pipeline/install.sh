# pipeline/install-deps: installs what is missing as root; as another user it
# prints the apt-get command and exits 2 (README: "make as non-root").
. tests/lib/cli.sh

printf '# one a line: package  why\nlibc6                 always there\njb-no-such-package    never there\n' >"$T/deps.txt"
printf 'libc6                 always there\n' >"$T/present.txt"

run pipeline/install-deps "$T/present.txt"
expect "nothing missing: exit 0" status 0
expect "and nothing said" stderr_empty

# as root the script is run as nobody (setpriv is in util-linux, which Debian always has)
as_user=
if [ "$(id -u)" -eq 0 ]; then
	as_user="setpriv --reuid=65534 --regid=65534 --clear-groups"
	chmod 755 "$T"
	chmod 644 "$T/deps.txt"
fi
run $as_user pipeline/install-deps "$T/deps.txt"
expect "as a user other than root a missing package exits 2" status 2
expect "with the command to run as root" \
	stderr_has "apt-get install -y --no-install-recommends jb-no-such-package"
grep -q libc6 "$err" && _not_ok "only missing packages are named" || _ok "only missing packages are named"
