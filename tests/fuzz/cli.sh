# Fuzz regressions: every seed and every saved input of tests/fuzz/ runs through the
# fuzz targets (gcc builds, under the sanitizers in `make check`) without a crash.
. tests/lib/cli.sh

for target in atom csv config; do
	run jb-fuzz-$target --help
	expect "jb-fuzz-$target --help exits 0" status 0
	expect "jb-fuzz-$target --help prints usage" stdout_has "usage: "
	run jb-fuzz-$target --no-such-option
	expect "jb-fuzz-$target rejects an unknown option with 64" status 64
	for folder in tests/fuzz/corpus/$target tests/fuzz/regressions/$target; do
		files=$(find "$folder" -type f ! -name '.*' | wc -l)
		run jb-fuzz-$target "$folder"
		expect "$folder: every input runs without a crash" status 0
		[ "$(grep -c '^replayed ' "$out")" -eq "$files" ] && _ok "$folder: $files inputs replayed" ||
			_not_ok "$folder: $files inputs replayed" "replayed $(grep -c '^replayed ' "$out")"
	done
done
run jb-fuzz-csv "$T/none"
expect "a missing input exits 66" status 66
